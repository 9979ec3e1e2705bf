// Pod update rules: a running pod's spec is immutable except images, activeDeadlineSeconds and added tolerations.
import { clone } from './store.ts';
import { forbidden, type FieldError } from './field-errors.ts';
import { jsonEqual } from './json-equal.ts';

export { jsonEqual } from './json-equal.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const goName = (k: string): string => (k ? k[0].toUpperCase() + k.slice(1) : k);

/** Leaf-level differences, as `Path: value` pairs (a readable stand-in for the cmp.Diff the apiserver appends). */
function diffLines(a: unknown, b: unknown, path: string, out: string[]): void {
  if (jsonEqual(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      diffLines(a[k], b[k], path ? `${path}.${goName(k)}` : goName(k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diffLines(x, b[i], `${path}[${i}]`, out));
    return;
  }
  if (a !== undefined) out.push(`- \t${path}: ${JSON.stringify(a)},`);
  if (b !== undefined) out.push(`+ \t${path}: ${JSON.stringify(b)},`);
}

function sameNames(a: unknown, b: unknown): boolean {
  return (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.length === b.length &&
    a.every((c, i) => isObj(c) && isObj(b[i]) && c.name === (b[i] as Json).name)
  );
}

/** ValidatePodUpdate's spec rule: returns the Forbidden error if the new spec changes more than it may. */
export function validatePodSpecUpdate(oldSpec: unknown, newSpec: unknown): FieldError[] {
  const o = clone(oldSpec ?? {}) as Json;
  const n = clone(newSpec ?? {}) as Json;
  for (const list of ['containers', 'initContainers']) {
    if (sameNames(o[list], n[list])) (n[list] as Json[]).forEach((c, i) => (c.image = ((o[list] as Json[])[i] as Json).image));
  }
  n.activeDeadlineSeconds = o.activeDeadlineSeconds;
  const oldTol = Array.isArray(o.tolerations) ? o.tolerations : [];
  const newTol = Array.isArray(n.tolerations) ? n.tolerations : [];
  if (oldTol.every((t) => newTol.some((u) => jsonEqual(t, u)))) n.tolerations = o.tolerations;
  if (typeof o.terminationGracePeriodSeconds === 'number' && o.terminationGracePeriodSeconds < 0)
    n.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  if (jsonEqual(o, n)) return [];
  const lines: string[] = [];
  diffLines(o, n, '', lines);
  return [forbidden('spec', `${POD_UPDATE_MESSAGE}\n  core.PodSpec{\n${lines.join('\n')}\n  }\n`)];
}
