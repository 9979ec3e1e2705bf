// ObjectMeta validation: names (per kind), labels, annotations — ValidateObjectMeta's messages.
import { invalid, required, type FieldError } from './field-errors.ts';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue } from './names.ts';
import type { KObject } from './types.ts';

/** Which name rule each kind uses (the rest use DNS-1123 subdomain). */
const NAME_RULES: Record<string, (v: string) => string[]> = {
  Service: isDns1035Label,
  Namespace: isDns1123Label,
};

export function nameRule(kind: string): (v: string) => string[] {
  return NAME_RULES[kind] ?? isDns1123Subdomain;
}

/** ValidateLabels: each bad key or value is its own `Invalid value` error at `path`. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [invalid(path, null, 'must be a map of string keys to string values')];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const m of isLabelKey(k)) errs.push(invalid(path, k, m));
    const value = typeof v === 'string' ? v : String(v);
    for (const m of isLabelValue(value)) errs.push(invalid(path, value, m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (annotations === undefined || annotations === null || typeof annotations !== 'object') return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    for (const m of isLabelKey(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += k.length + String(v).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE)
    errs.push({ type: 'FieldValueTooLong', field: path, detail: `must have at most ${TOTAL_ANNOTATION_SIZE} bytes` });
  return errs;
}

/** ValidateObjectMeta for a top-level object (the name is already generated from generateName). */
export function validateObjectMeta(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata.name;
  if (!name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const m of nameRule(obj.kind)(name)) errs.push(invalid('metadata.name', name, m));
  errs.push(...validateLabels(obj.metadata.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(obj.metadata.annotations, 'metadata.annotations'));
  return errs;
}
