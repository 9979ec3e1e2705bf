// kubectl apply's three-way strategic merge patch: last-applied (original) vs manifest (modified) vs live (current).
import { mergeKeyFor } from '../../../../api/patch.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function diffList(orig: unknown, mod: unknown[], cur: unknown, key: string, path: string[], kind: string): unknown[] | undefined {
  const curList = Array.isArray(cur) ? cur : [];
  const origList = Array.isArray(orig) ? orig : [];
  const find = (list: unknown[], v: unknown) => list.find((x) => isObj(x) && x[key] === v);
  const out: unknown[] = [];
  for (const m of mod) {
    if (!isObj(m)) continue;
    const c = find(curList, m[key]);
    if (!c) {
      out.push(m);
      continue;
    }
    const d = diffMap(find(origList, m[key]), m, c, path, kind);
    if (Object.keys(d).length) out.push({ ...d, [key]: m[key] });
  }
  for (const o of origList) {
    if (!isObj(o) || find(mod, o[key]) || !find(curList, o[key])) continue;
    out.push({ $patch: 'delete', [key]: o[key] });
  }
  return out.length ? out : undefined;
}

/**
 * The patch that takes `current` to `modified` for the fields the manifest manages: changed or added
 * fields of `modified`, and `null` for fields that were in `original` and are gone from `modified`.
 * Fields only the server set (defaults, status) are left alone. `{}` means nothing to do.
 */
export function diffMap(original: unknown, modified: Json, current: unknown, path: string[], kind: string): Json {
  const orig = isObj(original) ? original : {};
  const cur = isObj(current) ? current : {};
  const patch: Json = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = cur[k];
    const p = [...path, k];
    if (m === null || m === undefined) {
      if (c !== undefined) patch[k] = null;
      continue;
    }
    if (isObj(m)) {
      if (!isObj(c)) {
        patch[k] = m;
        continue;
      }
      const d = diffMap(orig[k], m, c, p, kind);
      if (Object.keys(d).length) patch[k] = d;
    } else if (Array.isArray(m)) {
      const key = mergeKeyFor(p, kind);
      if (key && m.every(isObj)) {
        const d = diffList(orig[k], m, c, key, p, kind);
        if (d) patch[k] = d;
      } else if (!deepEqual(m, c)) patch[k] = m;
    } else if (m !== c) patch[k] = m;
  }
  for (const k of Object.keys(orig)) {
    if (!(k in modified) && k in cur) patch[k] = null;
  }
  return patch;
}

/** CreateThreeWayMergePatch, simplified to what podlab's kinds need. */
export function threeWayPatch(original: Json | undefined, modified: Json, current: Json, kind: string): Json {
  return diffMap(original, modified, current, [], kind);
}
