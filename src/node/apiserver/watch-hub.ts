// The watch cache: every store event since the server started, with the object's previous version,
// so a watch can resume from a resourceVersion and selectors can turn MODIFIED into ADDED/DELETED.
import type { KObject, Store, WatchEvent } from '../../core/sim/index.ts';

/** What the cache reads of a store: the simulator's own, or the isolated front's mirror of it. */
export type WatchedStore = Pick<Store, 'version' | 'list' | 'watch'>;

/** One store event as the cache keeps it. */
export interface CachedEvent {
  type: WatchEvent['type'];
  object: KObject;
  /** The object as it was before this event (MODIFIED, DELETED); undefined for ADDED. */
  previous?: KObject;
  resourceVersion: number;
}

export type HubListener = (event: CachedEvent) => void;

/** Events kept for resuming watches; older resourceVersions get 410 Expired. */
export const WATCH_CACHE_EVENTS = 20_000;

function keyOf(o: KObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export class WatchHub {
  private readonly events: CachedEvent[] = [];
  private readonly latest = new Map<string, KObject>();
  private readonly listeners = new Set<HubListener>();
  private readonly unsubscribe: () => void;
  /** The store's resourceVersion when the cache started: watches from this version on can be served. */
  private oldest: number;

  constructor(store: WatchedStore, kinds: readonly string[]) {
    this.oldest = store.version;
    for (const kind of kinds) for (const o of store.list(kind)) this.latest.set(keyOf(o), o);
    this.unsubscribe = store.watch((e) => this.record(e));
  }

  private record(e: WatchEvent): void {
    const k = keyOf(e.object);
    const previous = this.latest.get(k);
    if (e.type === 'DELETED') this.latest.delete(k);
    else this.latest.set(k, e.object);
    const event: CachedEvent = { type: e.type, object: e.object, previous, resourceVersion: Number(e.object.metadata.resourceVersion) };
    this.events.push(event);
    if (this.events.length > WATCH_CACHE_EVENTS) {
      const dropped = this.events.splice(0, this.events.length - WATCH_CACHE_EVENTS);
      this.oldest = dropped[dropped.length - 1].resourceVersion;
    }
    for (const l of [...this.listeners]) l(event);
  }

  /** Events after `resourceVersion`, or undefined when they are no longer cached (410 Expired). */
  since(resourceVersion: number): CachedEvent[] | undefined {
    if (resourceVersion < this.oldest) return undefined;
    return this.events.filter((e) => e.resourceVersion > resourceVersion);
  }

  /** The oldest resourceVersion a watch may start from. */
  get oldestVersion(): number {
    return this.oldest;
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
