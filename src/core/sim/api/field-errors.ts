// Field-level validation errors, printed exactly as apimachinery's field.Error does (`spec.x: Required value`).

/** The error types of k8s.io/apimachinery/pkg/util/validation/field, with their canonical text. */
export const FIELD_ERROR_TEXT = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
} as const;

export type FieldErrorType = keyof typeof FIELD_ERROR_TEXT;

/** A value as Go would print it in an error: strings quoted, numbers plain, or pre-rendered Go syntax. */
export type BadValue = string | number | boolean | null | { go: string } | undefined;

export interface FieldError {
  type: FieldErrorType;
  /** Field path, e.g. `spec.containers[0].image`. */
  field: string;
  badValue?: BadValue;
  detail?: string;
}

/** Go's %q for strings (enough for the ASCII we produce; control characters escaped). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

function renderValue(v: BadValue): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.go;
}

/** field.Error.ErrorBody(): the message without the field name (what Status causes carry). */
export function errorBody(e: FieldError): string {
  const text = FIELD_ERROR_TEXT[e.type];
  const valueless =
    e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError';
  let s = valueless ? text : `${text}: ${renderValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `field: body`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** ErrorList.ToAggregate().Error(): one message alone, several as `[a, b]`, duplicates dropped. */
export function aggregate(errs: readonly FieldError[]): string {
  const seen: string[] = [];
  for (const e of errs) {
    const m = errorString(e);
    if (!seen.includes(m)) seen.push(m);
  }
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

export const required = (field: string, detail?: string): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalid = (field: string, badValue: BadValue, detail?: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue,
  detail,
});
export const duplicate = (field: string, badValue: BadValue): FieldError => ({ type: 'FieldValueDuplicate', field, badValue });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const notFound = (field: string, badValue: BadValue): FieldError => ({ type: 'FieldValueNotFound', field, badValue });

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, badValue: BadValue, valid: readonly string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, badValue, detail: `supported values: ${valid.map(goQuote).join(', ')}` };
}

/** Go's %#v of a map[string]string, keys sorted as fmt does: `map[string]string{"app":"web"}`. */
export function goStringMap(m: Record<string, string> | undefined): { go: string } {
  if (!m) return { go: 'map[string]string(nil)' };
  const body = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(m[k])}`)
    .join(', ');
  return { go: `map[string]string{${body}}` };
}

/** Go's %#v of a []string: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): { go: string } {
  return { go: `[]string{${values.map(goQuote).join(', ')}}` };
}
