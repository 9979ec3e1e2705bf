// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) are CRDs: the API server checks
// them against the CRD's OpenAPI schema (kubebuilder markers in kubernetes-sigs/network-policy-api apis/v1alpha1) and
// its CEL rules, and applies the schema's defaults (Port.protocol and PortRange.protocol: TCP). The messages follow
// apiextensions-apiserver's conversion of kube-openapi results to field errors (Required, NotSupported for enums,
// "in body should be ..." Invalid values, TooMany for maxProperties/maxItems).
import { invalid, notSupported, required, type FieldError } from './field-errors.ts';
import type { KObject } from './types.ts';
import { validateLabelSelector } from './validate-networking.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The schema defaults: protocol TCP on portNumber and portRange. */
export function defaultAdminPolicy(o: KObject): void {
  if (!isObj(o.spec)) return;
  for (const dir of ['ingress', 'egress']) {
    for (const rule of list(o.spec[dir])) {
      if (!isObj(rule)) continue;
      for (const p of list(rule.ports)) {
        if (!isObj(p)) continue;
        if (isObj(p.portNumber)) p.portNumber.protocol ??= 'TCP';
        if (isObj(p.portRange)) p.portRange.protocol ??= 'TCP';
      }
    }
  }
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function exactlyOne(v: unknown, path: string, keys: readonly string[]): FieldError[] {
  if (!isObj(v)) return [required(path)];
  const n = keys.filter((k) => v[k] !== undefined && v[k] !== null).length;
  if (n === 0) return [invalid(path, 0, `${path} in body should have at least 1 properties`)];
  if (n > 1) return [{ type: 'FieldValueTooMany', field: path, badValue: n, detail: 'must have at most 1 items' }];
  return [];
}

function portRange(n: unknown, path: string): FieldError[] {
  if (typeof n !== 'number') return [required(path)];
  if (n < 1) return [invalid(path, n, `${path} in body should be greater than or equal to 1`)];
  if (n > 65535) return [invalid(path, n, `${path} in body should be less than or equal to 65535`)];
  return [];
}

function validateSubject(s: unknown, path: string): FieldError[] {
  const errs = exactlyOne(s, path, ['namespaces', 'pods']);
  if (errs.length || !isObj(s)) return errs;
  if (s.namespaces) return validateLabelSelector(s.namespaces, `${path}.namespaces`);
  const pods = s.pods;
  if (!isObj(pods)) return [required(`${path}.pods`)];
  if (!isObj(pods.namespaceSelector)) errs.push(required(`${path}.pods.namespaceSelector`));
  if (!isObj(pods.podSelector)) errs.push(required(`${path}.pods.podSelector`));
  return [
    ...errs,
    ...validateLabelSelector(pods.namespaceSelector, `${path}.pods.namespaceSelector`),
    ...validateLabelSelector(pods.podSelector, `${path}.pods.podSelector`),
  ];
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  if (ports === undefined) return [];
  const errs: FieldError[] = [];
  const ps = list(ports);
  if (ps.length === 0) errs.push(invalid(path, 0, `${path} in body should have at least 1 items`));
  ps.forEach((p, i) => {
    const at = `${path}[${i}]`;
    const one = exactlyOne(p, at, ['portNumber', 'namedPort', 'portRange']);
    if (one.length || !isObj(p)) return errs.push(...one);
    if (isObj(p.portNumber)) {
      const proto = String(p.portNumber.protocol ?? 'TCP');
      if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${at}.portNumber.protocol`, proto, PROTOCOLS));
      errs.push(...portRange(p.portNumber.port, `${at}.portNumber.port`));
    } else if (isObj(p.portRange)) {
      const proto = String(p.portRange.protocol ?? 'TCP');
      if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${at}.portRange.protocol`, proto, PROTOCOLS));
      errs.push(...portRange(p.portRange.start, `${at}.portRange.start`), ...portRange(p.portRange.end, `${at}.portRange.end`));
      // shared_types.go PortRange: XValidation "self.start < self.end", message "Start port must be less than End port".
      if (typeof p.portRange.start === 'number' && typeof p.portRange.end === 'number' && !(p.portRange.start < p.portRange.end)) {
        errs.push(invalid(`${at}.portRange`, { go: '"object"' }, 'Start port must be less than End port'));
      }
    }
    return undefined;
  });
  return errs;
}

function validateRules(rules: unknown, path: string, peersKey: 'from' | 'to', actions: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const rs = list(rules);
  if (rs.length > 100) errs.push({ type: 'FieldValueTooMany', field: path, badValue: rs.length, detail: 'must have at most 100 items' });
  rs.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    const r = isObj(raw) ? raw : {};
    if (r.action === undefined) errs.push(required(`${at}.action`));
    else if (!actions.includes(String(r.action))) errs.push(notSupported(`${at}.action`, String(r.action), actions));
    const peers = r[peersKey];
    if (peers === undefined) errs.push(required(`${at}.${peersKey}`));
    else if (list(peers).length === 0) errs.push(invalid(`${at}.${peersKey}`, 0, `${at}.${peersKey} in body should have at least 1 items`));
    list(peers).forEach((peer, j) => {
      const pat = `${at}.${peersKey}[${j}]`;
      const keys = peersKey === 'from' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'];
      const one = exactlyOne(peer, pat, keys);
      if (one.length || !isObj(peer)) return errs.push(...one);
      if (peer.namespaces || peer.pods) errs.push(...validateSubject(peer, pat));
      return undefined;
    });
    errs.push(...validatePorts(r.ports, `${at}.ports`));
  });
  return errs;
}

function validateCommon(o: KObject, actions: readonly string[]): FieldError[] {
  const spec = o.spec;
  if (!isObj(spec)) return [required('spec')];
  const errs: FieldError[] = [];
  if (spec.subject === undefined) errs.push(required('spec.subject'));
  else errs.push(...validateSubject(spec.subject, 'spec.subject'));
  errs.push(...validateRules(spec.ingress, 'spec.ingress', 'from', actions), ...validateRules(spec.egress, 'spec.egress', 'to', actions));
  return errs;
}

/** AdminNetworkPolicy: priority 0–1000 required, subject, rules with Allow/Deny/Pass. */
export function validateAdminNetworkPolicy(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const p = isObj(o.spec) ? o.spec.priority : undefined;
  if (isObj(o.spec)) {
    if (p === undefined || p === null) errs.push(required('spec.priority'));
    else if (typeof p !== 'number' || !Number.isInteger(p)) {
      // kube-openapi's type error: the value is the JSON type found (`Invalid value: "string": ... integer: "string"`).
      const found =
        typeof p === 'number'
          ? 'number'
          : typeof p === 'boolean'
            ? 'boolean'
            : Array.isArray(p)
              ? 'array'
              : typeof p === 'object'
                ? 'object'
                : 'string';
      errs.push(invalid('spec.priority', found, `spec.priority in body must be of type integer: "${found}"`));
    } else if (p < 0) errs.push(invalid('spec.priority', p, 'spec.priority in body should be greater than or equal to 0'));
    else if (p > 1000) errs.push(invalid('spec.priority', p, 'spec.priority in body should be less than or equal to 1000'));
  }
  return [...errs, ...validateCommon(o, ['Allow', 'Deny', 'Pass'])];
}

/** BaselineAdminNetworkPolicy: the singleton `default` (CEL rule on the object), rules with Allow/Deny. */
export function validateBaselineAdminNetworkPolicy(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (o.metadata.name !== 'default') {
    // A CEL rule on the object itself: apiextensions reports it at the nil path with the value "object"
    // (`The X "y" is invalid: <nil>: Invalid value: "object": ...`, as real CRD errors read).
    errs.push(
      invalid(
        '<nil>',
        { go: '"object"' },
        'Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
      ),
    );
  }
  return [...errs, ...validateCommon(o, ['Allow', 'Deny'])];
}
