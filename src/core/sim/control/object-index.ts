// A secondary index over stored objects (pods by node, by owner ...), kept current by the store's change feed.
import type { ObjectSlot } from '../api/kind-table.ts';
import type { Store, StoreChange } from '../api/store.ts';
import type { KObject } from '../api/types.ts';

/**
 * Objects of some kinds grouped under the keys `keysOf` gives each (none, one or several). Lookups return the
 * stored, frozen objects in the order they joined the bucket, not list order: sort them when the order matters.
 *
 * Buckets hold the objects' slots in the store (whose `obj` is always the stored version), by uid (the store gives
 * every object one and keeps it through updates). `sameKeys(previous, next)`, when given, says an update cannot have
 * moved the object's keys — most writes are status writes that share labels, owners and spec with the version before
 * — and such an update then costs the index nothing: no keys computed, no bucket touched.
 */
export class ObjectIndex<T extends KObject = KObject> {
  private readonly buckets = new Map<string, Map<string, ObjectSlot>>();
  /** The keys each object is under now, by uid. */
  private readonly keysById = new Map<string, readonly string[]>();

  constructor(
    store: Store,
    kinds: string | readonly string[],
    private readonly keysOf: (o: T) => readonly string[],
    private readonly sameKeys?: (previous: T, next: T) => boolean,
  ) {
    const list = typeof kinds === 'string' ? [kinds] : kinds;
    for (const kind of list) for (const slot of store.slots(kind)) this.insert(slot, keysOf(slot.obj as T));
    store.observe((c) => this.apply(c), list);
  }

  /** Whether any object is under `key` (no list built). */
  has(key: string): boolean {
    return this.buckets.has(key);
  }

  /** The objects under `key`. */
  get(key: string): T[] {
    const b = this.buckets.get(key);
    return b ? Array.from(b.values(), (s) => s.obj as T) : [];
  }

  private apply(c: StoreChange): void {
    const o = c.object as T;
    if (c.type === 'MODIFIED' && this.sameKeys?.(c.previous as T, o)) return;
    const id = idOf(o);
    const before = c.previous ? (this.keysById.get(idOf(c.previous)) ?? []) : [];
    const after = c.type === 'DELETED' ? [] : this.keysOf(o);
    for (const k of before) {
      if (after.includes(k)) continue;
      const b = this.buckets.get(k);
      b?.delete(id);
      if (b?.size === 0) this.buckets.delete(k);
    }
    if (c.type === 'DELETED') this.keysById.delete(id);
    else if (c.slot) this.insert(c.slot, after);
    else throw new Error(`object index: a ${c.type} change of ${o.kind} ${o.metadata.name} without its slot`);
  }

  private insert(slot: ObjectSlot, keys: readonly string[]): void {
    const id = idOf(slot.obj);
    if (keys.length) this.keysById.set(id, keys);
    else this.keysById.delete(id);
    for (const k of keys) {
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      b.set(id, slot);
    }
  }
}

function idOf(o: KObject): string {
  const uid = o.metadata.uid;
  if (uid === undefined) throw new Error(`object index: ${o.kind} ${o.metadata.name} has no uid (only stored objects are indexed)`);
  return uid;
}
