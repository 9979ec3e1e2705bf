// PATCH bodies: JSON merge patch (RFC 7386) and strategic merge patch (lists merged by key, $patch directives).
import { clone } from './store.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge key by key, null deletes, anything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Json = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Merge keys of the list fields podlab's kinds carry (the patchMergeKey tags of the Go types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
};
/** Lists of scalars that merge as sets instead of being replaced. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** The merge key of the list at `path` (field names only), or undefined if the list is replaced whole. */
export function mergeKeyFor(path: readonly string[], kind: string): string | undefined {
  const field = path[path.length - 1];
  if (field === 'ports') {
    if (path.includes('containers') || path.includes('initContainers')) return 'containerPort';
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return 'port';
    return undefined;
  }
  return MERGE_KEYS[field];
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isObj(x) && x.$patch === 'delete')).map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function mergeList(orig: unknown, patch: unknown[], key: string, path: string[], kind: string): unknown[] {
  if (patch.some((x) => isObj(x) && x.$patch === 'replace'))
    return patch.filter((x) => !(isObj(x) && x.$patch === 'replace')).map(stripDirectives);
  const out: unknown[] = Array.isArray(orig) ? [...orig] : [];
  for (const item of patch) {
    if (!isObj(item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((o) => isObj(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item, kind, path);
    else out.push(stripDirectives(item));
  }
  return out;
}

function orderBy(list: unknown[], order: unknown, key: string | undefined): unknown[] {
  if (!Array.isArray(order)) return list;
  const keyOf = (x: unknown): unknown => (key && isObj(x) ? x[key] : x);
  const wanted = order.map(keyOf);
  const rank = (x: unknown): number => {
    const i = wanted.findIndex((w) => w === keyOf(x));
    return i < 0 ? wanted.length : i;
  };
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
    .map((e) => e.x);
}

/**
 * Strategic merge patch of `original` by `patch` for an object of `kind`. Supports `$patch: replace|delete`,
 * `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`, as kubectl apply sends them.
 */
export function strategicMergePatch(original: unknown, patch: unknown, kind: string, path: string[] = []): unknown {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const out: Json = isObj(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const p = [...path, k];
    if (v === null) delete out[k];
    else if (Array.isArray(v)) {
      const key = mergeKeyFor(p, kind);
      if (key) out[k] = mergeList(out[k], v, key, p, kind);
      else if (MERGED_PRIMITIVE_LISTS.has(k)) out[k] = [...new Set([...(Array.isArray(out[k]) ? (out[k] as unknown[]) : []), ...v])];
      else out[k] = stripDirectives(v);
    } else if (isObj(v)) {
      const merged = strategicMergePatch(out[k], v, kind, p);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) {
      const field = k.slice('$setElementOrder/'.length);
      if (Array.isArray(out[field])) out[field] = orderBy(out[field] as unknown[], v, mergeKeyFor([...path, field], kind));
    } else if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = (out[field] as unknown[]).filter((x) => !v.includes(x));
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}
