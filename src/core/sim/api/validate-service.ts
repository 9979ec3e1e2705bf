// Service validation: type, ports, names, selector — ValidateService's paths and messages.
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from './field-errors.ts';
import { isDns1123Label, isValidPortName, isValidPortNum } from './names.ts';
import type { KObject } from './types.ts';
import { validateLabels } from './validate-meta.ts';
import { PROTOCOLS } from './validate-pod.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function goServicePort(p: Json): { go: string } {
  const tp = p.targetPort;
  const intstr =
    typeof tp === 'string'
      ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:"${tp}"}`
      : `intstr.IntOrString{Type:0, IntVal:${Number(tp ?? 0)}, StrVal:""}`;
  return {
    go: `core.ServicePort{Name:"${String(p.name ?? '')}", Protocol:"${String(p.protocol ?? 'TCP')}", AppProtocol:(*string)(nil), Port:${Number(p.port)}, TargetPort:${intstr}, NodePort:${Number(p.nodePort ?? 0)}}`,
  };
}

function validatePorts(spec: Json, errs: FieldError[]): void {
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const pp = `spec.ports[${i}]`;
    const name = p.name === undefined ? '' : String(p.name);
    if (ports.length > 1 && !name) errs.push(required(`${pp}.name`));
    if (name) {
      for (const m of isDns1123Label(name)) errs.push(invalid(`${pp}.name`, name, m));
      if (names.has(name)) errs.push(duplicate(`${pp}.name`, name));
      names.add(name);
    }
    for (const m of isValidPortNum(Number(p.port))) errs.push(invalid(`${pp}.port`, Number(p.port), m));
    const protocol = String(p.protocol ?? 'TCP');
    if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(notSupported(`${pp}.protocol`, protocol, PROTOCOLS));
    if (typeof p.targetPort === 'string')
      for (const m of isValidPortName(p.targetPort)) errs.push(invalid(`${pp}.targetPort`, p.targetPort, m));
    else if (p.targetPort !== undefined)
      for (const m of isValidPortNum(Number(p.targetPort))) errs.push(invalid(`${pp}.targetPort`, Number(p.targetPort), m));
    if (p.nodePort && spec.type === 'ClusterIP') errs.push(forbidden(`${pp}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    const key = `${p.port}/${protocol}`;
    if (keys.has(key)) errs.push(duplicate(pp, goServicePort(p)));
    keys.add(key);
  });
}

export function validateService(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(obj.spec)) return [required('spec')];
  const spec = obj.spec;
  const type = String(spec.type ?? 'ClusterIP');
  if (!TYPES.includes(type)) errs.push(notSupported('spec.type', type, TYPES));
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
    return errs;
  }
  if (spec.sessionAffinity !== undefined && !['ClientIP', 'None'].includes(String(spec.sessionAffinity))) {
    errs.push(notSupported('spec.sessionAffinity', String(spec.sessionAffinity), ['ClientIP', 'None']));
  }
  validatePorts(spec, errs);
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  return errs;
}
