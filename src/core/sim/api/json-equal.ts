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
