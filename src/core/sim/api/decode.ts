// Decoding an incoming object against its schema: JSON type mismatches (always an error) and unknown fields
// (an error, a warning or nothing, per fieldValidation), worded like the apiserver's JSON decoder.
import type { ApiStatus } from './api.ts';
import type { ResourceType } from './resources.ts';
import { SCHEMAS, type Schema } from './schema.ts';
import { badRequest } from './status.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function goTypeOf(s: Schema): string {
  if ('struct' in s) return `v1.${s.struct}`;
  return s.go;
}

interface Walk {
  unknown: string[];
  typeError?: string;
  /** Delete unknown fields as they are found (Warn and Ignore modes, as the real decoder drops them). */
  prune: boolean;
}

/** `path` has indices (for unknown-field messages), `goPath` only keys (for type errors), `owner` the enclosing struct. */
function walk(v: unknown, s: Schema, path: string, goPath: string, owner: string, w: Walk): void {
  if (v === null || v === undefined || w.typeError) return;
  const mismatch = (shown = jsonType(v)): void => {
    w.typeError ??= `json: cannot unmarshal ${shown} into Go struct field ${owner}.${goPath} of type ${goTypeOf(s)}`;
  };
  if ('struct' in s) {
    if (!isObj(v)) return mismatch();
    for (const [k, x] of Object.entries(v)) {
      const child = s.fields[k];
      const p = path ? `${path}.${k}` : k;
      if (!child) {
        w.unknown.push(p);
        if (w.prune) delete v[k];
      } else walk(x, child, p, goPath ? `${goPath}.${k}` : k, s.struct, w);
    }
    return;
  }
  if ('map' in s) {
    if (!isObj(v)) return mismatch();
    for (const [k, x] of Object.entries(v)) walk(x, s.map, `${path}.${k}`, goPath, owner, w);
    return;
  }
  if ('list' in s) {
    if (!Array.isArray(v)) return mismatch();
    v.forEach((x, i) => walk(x, s.list, `${path}[${i}]`, goPath, owner, w));
    return;
  }
  switch (s.json) {
    case 'string':
      if (typeof v !== 'string') mismatch();
      break;
    case 'bool':
      if (typeof v !== 'boolean') mismatch();
      break;
    case 'int':
      if (typeof v !== 'number') mismatch();
      else if (!Number.isInteger(v)) mismatch(`number ${v}`);
      break;
    case 'intstr':
    case 'quantity':
      if (typeof v !== 'number' && typeof v !== 'string') mismatch();
      break;
    default:
      break;
  }
}

export type Decoded = { ok: true; warnings?: string[] } | { ok: false; status: ApiStatus };

/**
 * Check an object against its kind's schema. Type errors fail with BadRequest
 * `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal ...`; unknown fields fail (Strict),
 * become warnings `unknown field "spec.x"` (Warn), or pass (Ignore). In Warn and Ignore modes `obj` loses them in place.
 */
export function decodeObject(t: ResourceType, obj: unknown, mode: 'Strict' | 'Warn' | 'Ignore'): Decoded {
  const schema = SCHEMAS[t.kind];
  if (!schema) return { ok: true };
  const w: Walk = { unknown: [], prune: mode !== 'Strict' };
  walk(obj, schema, '', '', t.kind, w);
  const prefix = `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: `;
  if (w.typeError) return { ok: false, status: badRequest(prefix + w.typeError) };
  if (!w.unknown.length || mode === 'Ignore') return { ok: true };
  const list = w.unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') return { ok: false, status: badRequest(`${prefix}strict decoding error: ${list.join(', ')}`) };
  return { ok: true, warnings: list };
}
