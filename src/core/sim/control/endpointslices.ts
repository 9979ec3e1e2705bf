// The EndpointSlice controller: per Service with a selector, slices `<svc>-xxxxx` (one per port set, a placeholder
// when empty) listing each backend with ready/serving/terminating conditions.
import { jsonTextEqual } from '../api/json-equal.ts';
import type { KObject, Service } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
import { MANAGED_BY, ownWrites, SERVICE_NAME_LABEL, SLICE_CONTROLLER } from './informers.ts';
import { ownerRefTo } from './pods.ts';
import { keyOf } from './work-queue.ts';
import { portsKey, serviceBackends, targetRef, type Backend } from './service-backends.ts';

function endpointOf(b: Backend): Record<string, unknown> {
  const e: Record<string, unknown> = {
    addresses: [b.ip],
    conditions: { ready: b.ready && !b.terminating, serving: b.ready, terminating: b.terminating },
  };
  if (b.pod.spec.nodeName) e.nodeName = b.pod.spec.nodeName;
  e.targetRef = targetRef(b.pod);
  return e;
}

function desiredSlices(backends: readonly Backend[]): { key: string; ports: unknown[] | null; endpoints: unknown[] }[] {
  const groups = new Map<string, { ports: unknown[]; endpoints: unknown[] }>();
  for (const b of backends) {
    if (!b.ports.length) continue;
    const key = portsKey(b.ports);
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { ports: b.ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })), endpoints: [] }));
    g.endpoints.push(endpointOf(b));
  }
  const out = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => ({ key, ...g }));
  return out.length ? out : [{ key: '', ports: null, endpoints: [] }];
}

/** The stored (frozen) value instead of `wanted` when they are the same JSON text: comparing and writing it is free. */
function reuseList<T>(stored: unknown, wanted: T): T {
  return stored !== undefined && jsonTextEqual(stored, wanted) ? (stored as T) : wanted;
}

/** The wanted endpoints, each one the stored slice already lists (same JSON text) replaced by the stored one. */
function reuseStored(stored: unknown, wanted: unknown[]): unknown[] {
  if (!Array.isArray(stored)) return wanted;
  const byRef = new Map<unknown, unknown>();
  for (const e of stored as { targetRef?: { uid?: unknown } }[]) byRef.set(e.targetRef?.uid, e);
  return wanted.map((e) => reuseList(byRef.get((e as { targetRef?: { uid?: unknown } }).targetRef?.uid), e));
}

/** Bring one Service's slices up to date: one per port set (a placeholder when empty), extras deleted. */
function syncSlices(ctx: ControlContext, svc: Service): void {
  const w = ctx.world;
  if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') return;
  const mine = ctx.informers.managedSlices
    .get(`${svc.metadata.namespace ?? ''}/${svc.metadata.name}`)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const want = desiredSlices(serviceBackends(ctx, svc));
  const labels = { ...(svc.metadata.labels ?? {}), [MANAGED_BY]: SLICE_CONTROLLER, [SERVICE_NAME_LABEL]: svc.metadata.name };
  want.forEach((d, i) => {
    const existing = mine[i];
    const body = existing
      ? { addressType: 'IPv4', endpoints: reuseStored(existing.endpoints, d.endpoints), ports: reuseList(existing.ports, d.ports) }
      : { addressType: 'IPv4', endpoints: d.endpoints, ports: d.ports };
    if (existing) {
      writeIfChanged(w, { ...existing, metadata: { ...existing.metadata, labels }, ...body });
      return;
    }
    const slice: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: '',
        generateName: `${svc.metadata.name}-`,
        namespace: svc.metadata.namespace,
        labels,
        ownerReferences: [ownerRefTo(svc)],
      },
      ...body,
    };
    // A refused create (it draws a generated name first) is tried again on every run, as a full pass would.
    if (!w.api.create(slice, { fieldManager: 'endpointslice-controller' }).ok)
      ctx.informers.queues.endpointSlices.add(svc.metadata.namespace, svc.metadata.name);
  });
  for (const extra of mine.slice(want.length)) w.store.delete('EndpointSlice', extra.metadata.namespace, extra.metadata.name);
}

/** The Services whose pods, Service or slices changed, in list order. */
export function runEndpointSlices(ctx: ControlContext): void {
  const w = ctx.world;
  ctx.informers.queues.endpointSlices.drain(
    () => w.store.scan('Service').map(keyOf),
    (k) => {
      const svc = w.store.peek<Service>('Service', k.namespace, k.name);
      if (svc) ownWrites(ctx.informers, 'EndpointSlice', () => syncSlices(ctx, svc));
    },
  );
}
