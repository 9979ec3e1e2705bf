// One kind's objects in the store, kept in list order (namespace, then name) so listing never sorts.
import type { KObject } from './types.ts';

/** The order `kubectl get` lists objects in: by namespace, then by name (locale order, as the store always used). */
export function compareNames(aNs: string, aName: string, bNs: string, bName: string): number {
  return aNs === bNs ? (aName === bName ? 0 : aName.localeCompare(bName)) : aNs.localeCompare(bNs) || aName.localeCompare(bName);
}

/** compareNames for two objects. */
export function compareObjects(a: KObject, b: KObject): number {
  return compareNames(a.metadata.namespace ?? '', a.metadata.name, b.metadata.namespace ?? '', b.metadata.name);
}

/**
 * The objects of one kind: a sorted array for ordered scans, a map for lookups by `namespace/name`.
 * Insertions and removals are a binary search plus an array splice.
 */
export class KindTable {
  private readonly byKey = new Map<string, KObject>();
  private readonly ordered: KObject[] = [];

  get size(): number {
    return this.ordered.length;
  }

  get(key: string): KObject | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Insert or replace the object stored under `key`. */
  set(key: string, obj: KObject): void {
    const replacing = this.byKey.has(key);
    this.byKey.set(key, obj);
    const i = this.lowerBound(obj.metadata.namespace ?? '', obj.metadata.name);
    if (replacing) this.ordered[i] = obj;
    else this.ordered.splice(i, 0, obj);
  }

  delete(key: string): KObject | undefined {
    const obj = this.byKey.get(key);
    if (!obj) return undefined;
    this.byKey.delete(key);
    this.ordered.splice(this.lowerBound(obj.metadata.namespace ?? '', obj.metadata.name), 1);
    return obj;
  }

  /** All objects, or those of one namespace (a contiguous run of the order), as a new array. */
  scan(namespace?: string): KObject[] {
    if (namespace === undefined) return this.ordered.slice();
    const from = this.nsBound(namespace, false);
    return this.ordered.slice(from, this.nsBound(namespace, true, from));
  }

  /** First index whose object sorts at or after (ns, name). */
  private lowerBound(ns: string, name: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.ordered[mid].metadata;
      if (compareNames(m.namespace ?? '', m.name, ns, name) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose namespace sorts at or after `ns` (after it, when `past`). */
  private nsBound(ns: string, past: boolean, lo = 0): number {
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.ordered[mid].metadata.namespace ?? '';
      const c = other === ns ? 0 : other.localeCompare(ns);
      if (c < 0 || (past && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
