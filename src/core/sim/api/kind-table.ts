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

/** The place of one object in the table: a write replaces the object in its slot, where it already sorts. */
interface Slot {
  obj: KObject;
}

/**
 * The objects of one kind: a sorted array of slots for ordered scans, a map for lookups by `namespace/name`.
 * Insertions and removals are a binary search plus an array splice; replacing an object (most writes) is neither.
 */
export class KindTable {
  private readonly byKey = new Map<string, Slot>();
  private readonly ordered: Slot[] = [];

  get size(): number {
    return this.ordered.length;
  }

  get(key: string): KObject | undefined {
    return this.byKey.get(key)?.obj;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Insert or replace the object stored under `key` (its namespace/name). */
  set(key: string, obj: KObject): void {
    const slot = this.byKey.get(key);
    if (slot) {
      slot.obj = obj;
      return;
    }
    const fresh = { obj };
    this.byKey.set(key, fresh);
    this.ordered.splice(this.lowerBound(obj.metadata.namespace ?? '', obj.metadata.name), 0, fresh);
  }

  delete(key: string): KObject | undefined {
    const slot = this.byKey.get(key);
    if (!slot) return undefined;
    this.byKey.delete(key);
    const { obj } = slot;
    this.ordered.splice(this.lowerBound(obj.metadata.namespace ?? '', obj.metadata.name), 1);
    return obj;
  }

  /** All objects, or those of one namespace (a contiguous run of the order), as a new array. */
  scan(namespace?: string): KObject[] {
    const from = namespace === undefined ? 0 : this.nsBound(namespace, false);
    const to = namespace === undefined ? this.ordered.length : this.nsBound(namespace, true, from);
    const out = new Array<KObject>(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.ordered[i].obj;
    return out;
  }

  /** First index whose object sorts at or after (ns, name). */
  private lowerBound(ns: string, name: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.ordered[mid].obj.metadata;
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
      const other = this.ordered[mid].obj.metadata.namespace ?? '';
      const c = other === ns ? 0 : other.localeCompare(ns);
      if (c < 0 || (past && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
