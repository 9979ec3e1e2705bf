// The front's copy of the world's objects, kept from the world process's store events: reads and watches are
// answered from it, so `kubectl get` works while the world process is busy with a line (or being restored).
import { resourceForKind } from '../../../core/index.ts';
import {
  type ApiResult,
  badRequest,
  type KObject,
  type LabelSelector,
  matchesSelector,
  notFound,
  type WatchEvent,
} from '../../../core/sim/index.ts';
import type { ReadWorld } from '../context.ts';
import type { WatchedStore } from '../watch-hub.ts';

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** The store's list order (store.ts / kind-table.ts compareNames): namespace, then name, in locale order. */
function compare(a: KObject, b: KObject): number {
  return (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);
}

export class MirrorStore implements WatchedStore {
  private tables = new Map<string, Map<string, KObject>>();
  private readonly listeners = new Set<(e: WatchEvent) => void>();
  private rv = 0;
  /** The world's simulated time as last reported (ages in Tables). */
  now = 0;

  get version(): number {
    return this.rv;
  }

  /** Replace everything (a world process became ready); listeners are kept. */
  reset(version: number, objects: KObject[], now: number): void {
    this.tables = new Map();
    for (const o of objects) this.table(o.kind).set(keyOf(o.metadata.namespace, o.metadata.name), o);
    this.rv = version;
    this.now = now;
  }

  apply(event: WatchEvent): void {
    const o = event.object;
    const table = this.table(o.kind);
    const key = keyOf(o.metadata.namespace, o.metadata.name);
    if (event.type === 'DELETED') table.delete(key);
    else table.set(key, o);
    this.rv = Math.max(this.rv, Number(o.metadata.resourceVersion ?? 0));
    for (const l of [...this.listeners]) l(event);
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.tables.get(kind)?.get(keyOf(namespace, name));
  }

  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const all = [...(this.tables.get(kind)?.values() ?? [])];
    return (namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace)).sort(compare) as T[];
  }

  watch(listener: (e: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private table(kind: string): Map<string, KObject> {
    let t = this.tables.get(kind);
    if (!t) this.tables.set(kind, (t = new Map()));
    return t;
  }
}

/** What the read handlers (read-handlers.ts) use of a World, answered from the mirror. */
export function mirrorWorld(mirror: MirrorStore): ReadWorld {
  return {
    store: mirror,
    clock: { now: () => mirror.now },
    api: {
      list(kind: string, options: { namespace?: string; selector?: LabelSelector } = {}): KObject[] {
        const t = resourceForKind(kind);
        if (!t) return [];
        const items = mirror.list(t.kind, t.namespaced ? options.namespace : undefined);
        return options.selector ? items.filter((o) => matchesSelector(options.selector as LabelSelector, o.metadata.labels)) : items;
      },
      /** Asked for objects the mirror has (the front sends misses to the world, whose NotFound is the same). */
      get(ref: { kind: string; namespace?: string; name: string }): ApiResult {
        const object = mirror.get(ref.kind, storedNamespace(ref.kind, ref.namespace), ref.name);
        if (object) return { ok: true, object };
        const t = resourceForKind(ref.kind);
        return { ok: false, status: t ? notFound(t, ref.name) : badRequest(`the server does not serve kind ${ref.kind}`) };
      },
    },
  };
}

/** The namespace an object of this kind is stored under (the API's namespaceOf): its own or "default", none when cluster-scoped. */
export function storedNamespace(kind: string, namespace: string | undefined): string | undefined {
  return resourceForKind(kind)?.namespaced ? namespace || 'default' : undefined;
}
