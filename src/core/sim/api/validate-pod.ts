// PodSpec validation (pods and pod templates), with pkg/apis/core/validation's paths and messages.
import { duplicate, invalid, notSupported, required, type FieldError } from './field-errors.ts';
import { isDns1123Label, isValidPortName, isValidPortNum } from './names.ts';
import { validateLabels } from './validate-meta.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface PodSpecRules {
  /** Pods need an image on every container; templates may leave it for later. */
  requireImage: boolean;
  /** restartPolicy values allowed here (templates of Deployments: only Always). */
  restartPolicies: readonly string[];
}

export const POD_RULES: PodSpecRules = { requireImage: true, restartPolicies: ['Always', 'OnFailure', 'Never'] };
export const WORKLOAD_TEMPLATE_RULES: PodSpecRules = { requireImage: false, restartPolicies: ['Always'] };

function validatePorts(ports: unknown, path: string, names: Set<string>, errs: FieldError[]): void {
  if (!Array.isArray(ports)) return;
  ports.forEach((p, j) => {
    const pp = `${path}[${j}]`;
    if (!isObj(p)) return;
    if (p.name !== undefined && p.name !== '') {
      const name = String(p.name);
      for (const m of isValidPortName(name)) errs.push(invalid(`${pp}.name`, name, m));
      if (names.has(name)) errs.push(duplicate(`${pp}.name`, name));
      names.add(name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) errs.push(required(`${pp}.containerPort`));
    else for (const m of isValidPortNum(Number(p.containerPort))) errs.push(invalid(`${pp}.containerPort`, Number(p.containerPort), m));
    if (p.hostPort !== undefined && p.hostPort !== 0)
      for (const m of isValidPortNum(Number(p.hostPort))) errs.push(invalid(`${pp}.hostPort`, Number(p.hostPort), m));
    if (p.protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(String(p.protocol)))
      errs.push(notSupported(`${pp}.protocol`, String(p.protocol), PROTOCOLS));
  });
}

function validateContainers(
  list: unknown,
  path: string,
  rules: PodSpecRules,
  seen: Set<string>,
  portNames: Set<string>,
  errs: FieldError[],
): void {
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    const cp = `${path}[${i}]`;
    if (!isObj(c)) return;
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) errs.push(required(`${cp}.name`));
    else {
      for (const m of isDns1123Label(name)) errs.push(invalid(`${cp}.name`, name, m));
      if (seen.has(name)) errs.push(duplicate(`${cp}.name`, name));
      seen.add(name);
    }
    const image = typeof c.image === 'string' ? c.image : '';
    if (rules.requireImage && !image) errs.push(required(`${cp}.image`));
    else if (image && image.trim() !== image) errs.push(invalid(`${cp}.image`, image, 'must not have leading or trailing whitespace'));
    validatePorts(c.ports, `${cp}.ports`, portNames, errs);
    if (Array.isArray(c.env))
      c.env.forEach((e, k) => {
        if (!isObj(e) || !e.name) errs.push(required(`${cp}.env[${k}].name`));
      });
    if (c.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(String(c.imagePullPolicy))) {
      errs.push(notSupported(`${cp}.imagePullPolicy`, String(c.imagePullPolicy), ['Always', 'IfNotPresent', 'Never']));
    }
  });
}

/** ValidatePodSpec: the checks podlab's lessons can trip over. `path` is "spec" or "spec.template.spec". */
export function validatePodSpec(spec: unknown, path: string, rules: PodSpecRules): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(spec)) return [required(path)];
  const seen = new Set<string>();
  const portNames = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${path}.containers`));
  validateContainers(spec.containers, `${path}.containers`, rules, seen, portNames, errs);
  validateContainers(spec.initContainers, `${path}.initContainers`, rules, seen, new Set(), errs);
  if (spec.restartPolicy !== undefined && !rules.restartPolicies.includes(String(spec.restartPolicy))) {
    errs.push(notSupported(`${path}.restartPolicy`, String(spec.restartPolicy), rules.restartPolicies));
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(String(spec.dnsPolicy)))
    errs.push(notSupported(`${path}.dnsPolicy`, String(spec.dnsPolicy), DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (Array.isArray(spec.tolerations))
    spec.tolerations.forEach((t, i) => {
      if (!isObj(t)) return;
      const tp = `${path}.tolerations[${i}]`;
      if (t.operator !== undefined && !['Exists', 'Equal'].includes(String(t.operator)))
        errs.push(notSupported(`${tp}.operator`, String(t.operator), ['Equal', 'Exists']));
      if (t.effect !== undefined && t.effect !== '' && !TAINT_EFFECTS.includes(String(t.effect)))
        errs.push(notSupported(`${tp}.effect`, String(t.effect), TAINT_EFFECTS));
      if (t.operator === 'Exists' && t.value)
        errs.push(invalid(`${tp}.operator`, 'Exists', "value must be empty when `operator` is 'Exists'"));
    });
  if (spec.hostname !== undefined)
    for (const m of isDns1123Label(String(spec.hostname))) errs.push(invalid(`${path}.hostname`, String(spec.hostname), m));
  return errs;
}
