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

/** A member JSON.stringify leaves out of an object. */
const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function';

/** Two leaves that are not ===, compared as JSON text without writing it. */
function leafTextEqual(a: unknown, b: unknown): boolean {
  // Distinct strings, or a string and anything else: one text is quoted and the other differs or is not.
  if (typeof a === 'string' || typeof b === 'string') return false;
  // Distinct numbers: distinct finite numbers print differently (0 and -0 are ===), every non-finite one as null.
  if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `JSON.stringify(a) === JSON.stringify(b)` for plain JSON data (key order counts), without writing the texts: parts
 * both sides share are equal at once, so comparing a list rebuilt from the stored one's own entries costs little.
 * It allocates only the two key lists of each pair of objects it compares (the endpoint controllers call it for
 * every address of every Service they sync).
 */
export function jsonTextEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return leafTextEqual(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) {
      // Array items JSON.stringify cannot write come out as null.
      const x = skipped(a[i]) ? null : a[i];
      const y = skipped(bb[i]) ? null : bb[i];
      if (!jsonTextEqual(x, y)) return false;
    }
    return true;
  }
  const oa = a as Json;
  const ob = b as Json;
  const ka = Object.keys(oa);
  const kb = Object.keys(ob);
  // The members both write, pairwise in order.
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && skipped(oa[ka[i]])) i++;
    while (j < kb.length && skipped(ob[kb[j]])) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j] || !jsonTextEqual(oa[ka[i]], ob[kb[j]])) return false;
    i++;
    j++;
  }
}
