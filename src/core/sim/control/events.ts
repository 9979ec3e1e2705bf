// Events: what controllers and kubelets report about objects (`kubectl describe`'s Events table),
// stored as core/v1 Event objects and aggregated the way client-go's event correlator does.
import { newUid } from '../api/context.ts';
import type { World } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import type { KObject } from '../api/types.ts';

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

  constructor(
    private readonly world: World,
    private readonly uids: Rng,
  ) {}

  /** Record an event about `obj`; a repeat of the same reason and message bumps count and lastTimestamp instead. */
  record(obj: KObject, source: EventSource, e: EventInput): void {
    const store = this.world.store;
    const ns = obj.metadata.namespace ?? 'default';
    const now = this.world.clock.iso();
    const same = store
      .scan('Event', ns)
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
      store.update({ ...same, count: Number(same.count ?? 1) + 1, lastTimestamp: now });
      return;
    }
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
    store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.metadata.name}.${nanos.toString(16)}`, namespace: ns, uid: newUid(this.uids), creationTimestamp: now },
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
  }

  /** Drop events whose last occurrence is older than the TTL. */
  expire(): void {
    const cutoff = this.world.clock.now() - EVENT_TTL_MS;
    for (const ev of this.world.store.scan('Event')) {
      if (Date.parse(String(ev.lastTimestamp)) < cutoff) this.world.store.delete('Event', ev.metadata.namespace, ev.metadata.name);
    }
  }
}
