// NetworkPolicy: the API server's defaults (SetDefaults_NetworkPolicy, SetDefaults_NetworkPolicyPort) and validation
// (kubernetes v1.32 pkg/apis/networking/validation/validation.go ValidateNetworkPolicySpec, and apimachinery's
// metav1 validation.ValidateLabelSelector for the selectors). A policy that fails validation is not stored.
import { containsIp, parseCidrSloppy } from '../net/cidr.ts';
import { forbidden, invalid, notSupported, required, type FieldError } from './field-errors.ts';
import { isLabelKey, isLabelValue, isValidPortName, isValidPortNum } from './names.ts';
import type { KObject } from './types.ts';
import { validateLabels } from './validate-meta.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Defaults: every port's protocol TCP; policyTypes [Ingress] plus Egress when there are egress rules. */
export function defaultNetworkPolicy(o: KObject): void {
  if (!isObj(o.spec)) o.spec = {};
  const spec = o.spec as Json;
  if (!isObj(spec.podSelector)) spec.podSelector = {};
  for (const dir of ['ingress', 'egress']) {
    for (const rule of list(spec[dir])) {
      if (!isObj(rule)) continue;
      for (const p of list(rule.ports)) if (isObj(p)) p.protocol ??= 'TCP';
    }
  }
  if (list(spec.policyTypes).length === 0) spec.policyTypes = list(spec.egress).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** metav1 validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs: FieldError[] = [...validateLabels(sel.matchLabels, `${path}.matchLabels`)];
  list(sel.matchExpressions).forEach((raw, i) => {
    const r = isObj(raw) ? raw : {};
    const at = `${path}.matchExpressions[${i}]`;
    const values = list(r.values).map(String);
    const op = String(r.operator ?? '');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(`${at}.operator`, op, 'not a valid selector operator'));
    }
    const key = String(r.key ?? '');
    for (const m of isLabelKey(key)) errs.push(invalid(`${at}.key`, key, m));
    values.forEach((v, j) => {
      for (const m of isLabelValue(v)) errs.push(invalid(`${at}.values[${j}]`, v, m));
    });
  });
  return errs;
}

function validatePort(p: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(p.protocol)))
    errs.push(notSupported(`${path}.protocol`, String(p.protocol), ['TCP', 'UDP', 'SCTP']));
  const end = typeof p.endPort === 'number' ? p.endPort : undefined;
  if (p.port !== undefined && p.port !== null) {
    if (typeof p.port === 'number') {
      for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, m));
      if (end !== undefined) {
        if (end < p.port) errs.push(invalid(`${path}.endPort`, end, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(end)) errs.push(invalid(`${path}.endPort`, end, m));
      }
    } else {
      const name = String(p.port);
      if (end !== undefined) errs.push(invalid(`${path}.endPort`, end, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(name)) errs.push(invalid(`${path}.port`, name, m));
    }
  } else if (end !== undefined) {
    errs.push(invalid(`${path}.endPort`, end, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** ValidateIPBlock as of v1.32: ValidateCIDR (ParseCIDRSloppy: host bits may be set), except a strict subset. */
function validateIpBlock(b: Json, path: string): FieldError[] {
  const cidr = typeof b.cidr === 'string' ? b.cidr : '';
  if (cidr === '') return [required(`${path}.cidr`, '')];
  const outer = parseCidrSloppy(cidr);
  if (!outer) return [invalid(`${path}.cidr`, cidr, 'not a valid CIDR')];
  const errs: FieldError[] = [];
  const excepts = list(b.except).map(String);
  for (let i = 0; i < excepts.length; i++) {
    const at = `${path}.except[${i}]`;
    const inner = parseCidrSloppy(excepts[i]);
    if (!inner) {
      errs.push(invalid(at, excepts[i], 'not a valid CIDR'));
      return errs;
    }
    // Go's net.IPNet.Contains(exceptCIDR.IP): the except's network address inside cidr, and a longer mask.
    if (!containsIp(outer, inner.network) || outer.prefix >= inner.prefix)
      errs.push(invalid(at, excepts[i], 'must be a strict subset of `cidr`'));
  }
  return errs;
}

function validatePeer(p: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (p.podSelector !== undefined && p.podSelector !== null) {
    n++;
    errs.push(...validateLabelSelector(p.podSelector, `${path}.podSelector`));
  }
  if (p.namespaceSelector !== undefined && p.namespaceSelector !== null) {
    n++;
    errs.push(...validateLabelSelector(p.namespaceSelector, `${path}.namespaceSelector`));
  }
  const ipBlock = isObj(p.ipBlock) ? p.ipBlock : undefined;
  if (ipBlock) {
    n++;
    errs.push(...validateIpBlock(ipBlock, `${path}.ipBlock`));
  }
  if (n === 0) errs.push(required(path, 'must specify a peer'));
  else if (n > 1 && ipBlock) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** ValidateNetworkPolicySpec. */
export function validateNetworkPolicy(o: KObject): FieldError[] {
  const spec = isObj(o.spec) ? o.spec : {};
  const errs: FieldError[] = [...validateLabelSelector(spec.podSelector, 'spec.podSelector')];
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    list(spec[dir]).forEach((raw, i) => {
      const rule = isObj(raw) ? raw : {};
      const at = `spec.${dir}[${i}]`;
      list(rule.ports).forEach((p, j) => errs.push(...validatePort(isObj(p) ? p : {}, `${at}.ports[${j}]`)));
      list(rule[peersKey]).forEach((p, j) => errs.push(...validatePeer(isObj(p) ? p : {}, `${at}.${peersKey}[${j}]`)));
    });
  }
  const types = list(spec.policyTypes).map(String);
  if (types.length > 2) {
    errs.push(
      invalid(
        'spec.policyTypes',
        { go: `&[]networking.PolicyType{${types.map((t) => `"${t}"`).join(', ')}}` },
        'may not specify more than two policyTypes',
      ),
    );
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
}
