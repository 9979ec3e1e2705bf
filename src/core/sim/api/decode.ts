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
  /**
   * Where the walk is: struct field names, map keys and list indices from the object down. The paths messages quote
   * are built from it only when there is something to say (the walk runs for every object created, the
   * controllers' pods included, and nearly always finds nothing).
   */
  segs: (string | number)[];
  /** Per segment: a map key (in `path`, not in the Go field path). */
  mapKey: boolean[];
}

/** The path unknown-field messages quote: `spec.containers[0].x`, map keys included. */
function pathOf(w: Walk): string {
  let p = '';
  for (const seg of w.segs) p = typeof seg === 'number' ? `${p}[${seg}]` : p ? `${p}.${seg}` : seg;
  return p;
}

/** The Go field path type errors quote: struct field names only. */
function goPathOf(w: Walk): string {
  let p = '';
  for (let i = 0; i < w.segs.length; i++) {
    const seg = w.segs[i];
    if (typeof seg === 'string' && !w.mapKey[i]) p = p ? `${p}.${seg}` : seg;
  }
  return p;
}

function mismatch(w: Walk, s: Schema, owner: string, shown: string): void {
  w.typeError ??= `json: cannot unmarshal ${shown} into Go struct field ${owner}.${goPathOf(w)} of type ${goTypeOf(s)}`;
}

function enter(w: Walk, seg: string | number, mapKey: boolean): void {
  w.segs.push(seg);
  w.mapKey.push(mapKey);
}

function leave(w: Walk): void {
  w.segs.pop();
  w.mapKey.pop();
}

/** `owner` is the enclosing struct, for type errors. */
function walk(v: unknown, s: Schema, owner: string, w: Walk): void {
  if (v === null || v === undefined || w.typeError) return;
  if ('struct' in s) {
    if (!isObj(v)) return mismatch(w, s, owner, jsonType(v));
    for (const k of Object.keys(v)) {
      const child = s.fields[k];
      enter(w, k, false);
      if (!child) {
        w.unknown.push(pathOf(w));
        if (w.prune) delete v[k];
      } else walk(v[k], child, s.struct, w);
      leave(w);
    }
    return;
  }
  if ('map' in s) {
    if (!isObj(v)) return mismatch(w, s, owner, jsonType(v));
    for (const k of Object.keys(v)) {
      enter(w, k, true);
      walk(v[k], s.map, owner, w);
      leave(w);
    }
    return;
  }
  if ('list' in s) {
    if (!Array.isArray(v)) return mismatch(w, s, owner, jsonType(v));
    for (let i = 0; i < v.length; i++) {
      enter(w, i, false);
      walk(v[i], s.list, owner, w);
      leave(w);
    }
    return;
  }
  switch (s.json) {
    case 'string':
      if (typeof v !== 'string') mismatch(w, s, owner, jsonType(v));
      break;
    case 'bool':
      if (typeof v !== 'boolean') mismatch(w, s, owner, jsonType(v));
      break;
    case 'int':
      if (typeof v !== 'number') mismatch(w, s, owner, jsonType(v));
      else if (!Number.isInteger(v)) mismatch(w, s, owner, `number ${v}`);
      break;
    case 'intstr':
    case 'quantity':
      if (typeof v !== 'number' && typeof v !== 'string') mismatch(w, s, owner, jsonType(v));
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
  const w: Walk = { unknown: [], prune: mode !== 'Strict', segs: [], mapKey: [] };
  walk(obj, schema, t.kind, w);
  const prefix = `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: `;
  if (w.typeError) return { ok: false, status: badRequest(prefix + w.typeError) };
  if (!w.unknown.length || mode === 'Ignore') return { ok: true };
  const list = w.unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict') return { ok: false, status: badRequest(`${prefix}strict decoding error: ${list.join(', ')}`) };
  return { ok: true, warnings: list };
}
