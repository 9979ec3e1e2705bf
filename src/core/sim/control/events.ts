// Events: what controllers and kubelets report about objects (`kubectl describe`'s Events table),
// stored as core/v1 Event objects, filtered and aggregated by client-go's event correlator (event-correlator.ts),
// counted when they repeat, and dropped after the apiserver's TTL (1 h of simulated time).
import { newUid } from '../api/context.ts';
import type { World } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import type { KObject } from '../api/types.ts';
import { compareObjects } from '../api/kind-table.ts';
import { EventCorrelator } from './event-correlator.ts';
import { eventKey } from './informers.ts';
import type { ObjectIndex } from './object-index.ts';

/** Events older than this are dropped (the apiserver's default --event-ttl). */
export const EVENT_TTL_MS = 60 * 60 * 1000;

export interface EventSource {
  /** "kubelet", "default-scheduler", "replicaset-controller" ... */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
}

export interface EventInput {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `spec.containers{nginx}` for container events. */
  fieldPath?: string;
}

export class EventRecorder {
  private seq = 0;
  private readonly correlator = new EventCorrelator();

  /** No event's lastTimestamp is older than this (ms): expiry has nothing to do until now - TTL passes it. */
  private oldest = -Infinity;

  constructor(
    private readonly world: World,
    private readonly uids: Rng,
    private readonly index: ObjectIndex,
  ) {
    world.store.observe(
      (c) => {
        if (c.type === 'DELETED') return;
        const t = Date.parse(String(c.object.lastTimestamp));
        if (t < this.oldest) this.oldest = t;
      },
      ['Event'],
    );
  }

  /** Record an event about `obj`; a repeat of the same reason and message bumps count and lastTimestamp instead. */
  record(obj: KObject, source: EventSource, e: EventInput): void {
    const store = this.world.store;
    const ns = obj.metadata.namespace ?? 'default';
    const now = this.world.clock.iso();
    // getSpamKey and EventAggregatorByReasonFunc of client-go's events_cache.go.
    const spamKey = JSON.stringify([
      source.component,
      source.host ?? '',
      obj.kind,
      obj.metadata.namespace ?? '',
      obj.metadata.name,
      obj.metadata.uid,
      obj.apiVersion,
    ]);
    const c = this.correlator.correlate(spamKey, JSON.stringify([spamKey, e.type, e.reason]), e.message, this.world.clock.now());
    if (c.skip) return;
    if (c.aggregate) {
      // The aggregate event is one object whose count, lastTimestamp and message follow the latest similar event.
      const agg = c.aggregate.eventName === undefined ? undefined : store.peek('Event', ns, c.aggregate.eventName);
      if (agg) {
        store.updateFrozen({ ...agg, count: Number(agg.count ?? 1) + 1, lastTimestamp: now, message: c.message });
        return;
      }
      c.aggregate.eventName = this.create(obj, source, { ...e, message: c.message }, now);
      return;
    }
    // The index narrows the search to events with the same key; the test below is still the definition.
    const same = this.index
      .get(eventKey(ns, obj.metadata.uid, e.reason, e.message, e.fieldPath ?? '', source.component))
      .filter((x) => x.metadata.namespace === ns)
      .sort(compareObjects)
      .find(
        (x) =>
          x.involvedObject &&
          (x.involvedObject as Record<string, unknown>).uid === obj.metadata.uid &&
          x.reason === e.reason &&
          x.message === e.message &&
          ((x.involvedObject as Record<string, unknown>).fieldPath ?? '') === (e.fieldPath ?? '') &&
          (x.source as EventSource | undefined)?.component === source.component,
      );
    if (same) {
      store.updateFrozen({ ...same, count: Number(same.count ?? 1) + 1, lastTimestamp: now });
      return;
    }
    this.create(obj, source, e, now);
  }

  /** Create a new Event object; returns its name. */
  private create(obj: KObject, source: EventSource, e: EventInput, now: string): string {
    const ns = obj.metadata.namespace ?? 'default';
    // Real event names are `<object>.<unix nanoseconds in hex>`; a sequence number keeps same-millisecond events apart.
    const nanos = BigInt(this.world.clock.now()) * 1000000n + BigInt(this.seq++ % 1000000);
    const involvedObject: Record<string, unknown> = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    };
    if (e.fieldPath) involvedObject.fieldPath = e.fieldPath;
    if (!obj.metadata.namespace) delete involvedObject.namespace;
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    this.world.store.createFrozen({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, uid: newUid(this.uids), creationTimestamp: now },
      involvedObject,
      reason: e.reason,
      message: e.message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: e.type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    return name;
  }

  /** Forget what expiry knows about the oldest event: its next run looks at every event. */
  resync(): void {
    this.oldest = -Infinity;
  }

  /** Drop events whose last occurrence is older than the TTL. */
  expire(): void {
    const cutoff = this.world.clock.now() - EVENT_TTL_MS;
    this.correlator.prune(this.world.clock.now());
    if (this.oldest >= cutoff) return;
    let oldest = Infinity;
    for (const ev of this.world.store.scan('Event')) {
      const t = Date.parse(String(ev.lastTimestamp));
      if (t < cutoff) this.world.store.delete('Event', ev.metadata.namespace, ev.metadata.name);
      else if (t < oldest) oldest = t;
    }
    this.oldest = oldest;
  }
}
