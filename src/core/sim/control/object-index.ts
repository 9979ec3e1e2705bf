// A secondary index over stored objects (pods by node, by owner ...), kept current by the store's change feed.
import type { Store, StoreChange } from '../api/store.ts';
import type { KObject } from '../api/types.ts';

/**
 * Objects of some kinds grouped under the keys `keysOf` gives each (none, one or several). Lookups return the
 * stored, frozen objects in the order they joined the bucket, not list order: sort them when the order matters.
 *
 * Objects are told apart by uid (the store gives every object one, and keeps it through updates): a string each
 * object already holds, where a `kind/namespace/name` id was a new string to build and hash for every index on every
 * write. `sameKeys(previous, next)`, when given, says an update cannot have moved the object's keys (most writes are
 * status writes that share labels, owners and spec with the previous version): its buckets then only take the new
 * version, without computing any keys.
 */
export class ObjectIndex<T extends KObject = KObject> {
  private readonly buckets = new Map<string, Map<string, T>>();
  /** The keys each object is under now, by uid. */
  private readonly keysById = new Map<string, readonly string[]>();
  private readonly kinds: ReadonlySet<string>;

  constructor(
    store: Store,
    kinds: string | readonly string[],
    private readonly keysOf: (o: T) => readonly string[],
    private readonly sameKeys?: (previous: T, next: T) => boolean,
  ) {
    this.kinds = new Set(typeof kinds === 'string' ? [kinds] : kinds);
    for (const kind of this.kinds) for (const o of store.scan<T>(kind)) this.insert(o, keysOf(o));
    store.observe((c) => this.apply(c), [...this.kinds]);
  }

  /** The objects under `key`. */
  get(key: string): T[] {
    const b = this.buckets.get(key);
    return b ? [...b.values()] : [];
  }

  private apply(c: StoreChange): void {
    const o = c.object as T;
    const id = idOf(o);
    const before = c.previous ? (this.keysById.get(idOf(c.previous)) ?? []) : [];
    if (c.type === 'MODIFIED' && this.sameKeys?.(c.previous as T, o)) {
      for (const k of before) this.buckets.get(k)?.set(id, o);
      return;
    }
    const after = c.type === 'DELETED' ? [] : this.keysOf(o);
    for (const k of before) {
      if (after.includes(k)) continue;
      const b = this.buckets.get(k);
      b?.delete(id);
      if (b?.size === 0) this.buckets.delete(k);
    }
    if (c.type === 'DELETED') this.keysById.delete(id);
    else this.insert(o, after);
  }

  private insert(o: T, keys: readonly string[]): void {
    const id = idOf(o);
    if (keys.length) this.keysById.set(id, keys);
    else this.keysById.delete(id);
    for (const k of keys) {
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      b.set(id, o);
    }
  }
}

function idOf(o: KObject): string {
  const uid = o.metadata.uid;
  if (uid === undefined) throw new Error(`object index: ${o.kind} ${o.metadata.name} has no uid (only stored objects are indexed)`);
  return uid;
}
