// Structural equality of JSON values without serialising them: controllers compare whole statuses every pass.
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A leaf as JSON text: what JSON.stringify gives, 'null' where it gives nothing (undefined, functions). */
function leaf(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

/**
 * Structural equality of JSON values, key order ignored, a key holding undefined the same as a missing one.
 * Equal exactly when both values serialise to the same canonical JSON (sorted keys, undefined members dropped,
 * undefined array items and non-finite numbers as null), which is how it used to be computed.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObj(a)) {
    if (!isObj(b)) return false;
    let defined = 0;
    for (const k of Object.keys(a)) {
      const x = a[k];
      if (x === undefined) continue;
      defined++;
      if (!own(b, k) || b[k] === undefined || !jsonEqual(x, b[k])) return false;
    }
    for (const k of Object.keys(b)) if (b[k] !== undefined) defined--;
    return defined === 0;
  }
  if (Array.isArray(b) || isObj(b)) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return leaf(a) === leaf(b);
}

/** A JSON value's members as JSON.stringify writes them: in order, without undefined and function members. */
function textKeys(o: Json): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
}

/**
 * `JSON.stringify(a) === JSON.stringify(b)` for plain JSON data (key order counts), without writing the texts: parts
 * both sides share are equal at once, so comparing a list rebuilt from the stored one's own entries costs little.
 */
export function jsonTextEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    const item = (x: unknown): unknown => (x === undefined || typeof x === 'function' ? null : x);
    for (let i = 0; i < a.length; i++) if (!jsonTextEqual(item(a[i]), item(bb[i]))) return false;
    return true;
  }
  const ka = textKeys(a as Json);
  const kb = textKeys(b as Json);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !jsonTextEqual((a as Json)[ka[i]], (b as Json)[kb[i]])) return false;
  }
  return true;
}
