// The object store: what etcd is to a real cluster. Keyed by kind/namespace/name, with resourceVersion and watch.
import type { KObject } from './types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}
export type WatchListener = (event: WatchEvent) => void;

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/**
 * Deep copy of plain JSON data; objects in the store are never shared with callers.
 * Hand-written because it is the simulator's hottest function: several times faster than a JSON round trip.
 * Like JSON, it drops `undefined` members of objects.
 */
export function clone<T>(value: T): T {
  return copy(value) as T;
}

function copy(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] = x === undefined ? null : copy(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== 'function') out[k] = copy(x);
  }
  return out;
}

/**
 * A versioned object store. It does no validation or defaulting: that is the API layer's job.
 * Every write bumps the global resourceVersion and notifies watchers synchronously, in order.
 */
export class Store {
  private readonly objects = new Map<string, KObject>();
  private readonly listeners = new Set<WatchListener>();
  private rv = 0;
  private uidCounter = 0;

  /** The current global resourceVersion (a counter, as a string in objects). */
  get version(): number {
    return this.rv;
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const o = this.objects.get(key(kind, namespace, name));
    return o ? (clone(o) as T) : undefined;
  }

  has(kind: string, namespace: string | undefined, name: string): boolean {
    return this.objects.has(key(kind, namespace, name));
  }

  /** All objects of a kind, in one namespace or (namespace undefined) all, sorted by namespace then name. */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const out: T[] = [];
    for (const o of this.objects.values()) {
      if (o.kind !== kind) continue;
      if (namespace !== undefined && (o.metadata.namespace ?? '') !== namespace) continue;
      out.push(clone(o) as T);
    }
    return out.sort(
      (a, b) =>
        (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /** Number of objects of a kind (cheap; no copies). */
  count(kind: string): number {
    let n = 0;
    for (const o of this.objects.values()) if (o.kind === kind) n++;
    return n;
  }

  /** Insert a new object; the caller checked it does not exist. Sets uid and resourceVersion. */
  create<T extends KObject>(obj: T): T {
    const o = clone(obj);
    this.rv++;
    o.metadata.uid ??= this.nextUid();
    o.metadata.resourceVersion = String(this.rv);
    this.objects.set(key(o.kind, o.metadata.namespace, o.metadata.name), o);
    this.emit({ type: 'ADDED', object: o });
    return clone(o);
  }

  /** Replace an existing object (by kind/namespace/name); bumps resourceVersion. */
  update<T extends KObject>(obj: T): T {
    const k = key(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const prev = this.objects.get(k);
    if (!prev) throw new Error(`store: update of missing ${k}`);
    const o = clone(obj);
    this.rv++;
    o.metadata.uid = prev.metadata.uid;
    o.metadata.resourceVersion = String(this.rv);
    this.objects.set(k, o);
    this.emit({ type: 'MODIFIED', object: o });
    return clone(o);
  }

  delete(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const k = key(kind, namespace, name);
    const prev = this.objects.get(k);
    if (!prev) return undefined;
    this.objects.delete(k);
    this.rv++;
    prev.metadata.resourceVersion = String(this.rv);
    this.emit({ type: 'DELETED', object: prev });
    return clone(prev);
  }

  /** Subscribe to every write; returns the unsubscribe function. */
  watch(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WatchEvent): void {
    for (const l of [...this.listeners]) l({ type: event.type, object: clone(event.object) });
  }

  private nextUid(): string {
    // Deterministic, uuid-shaped: the same sequence of writes gives the same uids.
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }
}
