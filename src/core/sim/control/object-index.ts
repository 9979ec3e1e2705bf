// A secondary index over stored objects (pods by node, by owner ...), kept current by the store's change feed.
import type { Store, StoreChange } from '../api/store.ts';
import type { KObject } from '../api/types.ts';

function objectKey(o: KObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/**
 * Objects of some kinds grouped under the keys `keysOf` gives each (none, one or several). Lookups return the
 * stored, frozen objects in the order they joined the bucket, not list order: sort them when the order matters.
 */
export class ObjectIndex<T extends KObject = KObject> {
  private readonly buckets = new Map<string, Map<string, T>>();
  private readonly kinds: ReadonlySet<string>;

  constructor(
    store: Store,
    kinds: string | readonly string[],
    private readonly keysOf: (o: T) => readonly string[],
  ) {
    this.kinds = new Set(typeof kinds === 'string' ? [kinds] : kinds);
    for (const kind of this.kinds) for (const o of store.scan<T>(kind)) this.insert(o, keysOf(o));
    store.observe((c) => this.apply(c));
  }

  /** The objects under `key`. */
  get(key: string): T[] {
    const b = this.buckets.get(key);
    return b ? [...b.values()] : [];
  }

  private apply(c: StoreChange): void {
    if (!this.kinds.has(c.object.kind)) return;
    const before = c.previous ? this.keysOf(c.previous as T) : [];
    const after = c.type === 'DELETED' ? [] : this.keysOf(c.object as T);
    const id = objectKey(c.object);
    for (const k of before) {
      if (after.includes(k)) continue;
      const b = this.buckets.get(k);
      b?.delete(id);
      if (b?.size === 0) this.buckets.delete(k);
    }
    if (c.type !== 'DELETED') this.insert(c.object as T, after);
  }

  private insert(o: T, keys: readonly string[]): void {
    const id = objectKey(o);
    for (const k of keys) {
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      b.set(id, o);
    }
  }
}
