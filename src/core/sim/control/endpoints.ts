// The Endpoints controller: for each Service with a selector, ready pods in `addresses`, the others in
// `notReadyAddresses`, grouped by port set; Services without a selector keep their hand-made Endpoints.
import { newUid } from '../api/context.ts';
import { jsonTextEqual } from '../api/json-equal.ts';
import type { EndpointAddress, Endpoints, Service } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
import { ownWrites } from './informers.ts';
import { keyOf, type ItemKey } from './work-queue.ts';
import { portsKey, serviceBackends, targetRef, type Backend } from './service-backends.ts';

const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';

function address(b: Backend, svc: Service): EndpointAddress {
  const a: EndpointAddress = { ip: b.ip };
  const spec = b.pod.spec;
  if (spec.hostname && spec.subdomain === svc.metadata.name) a.hostname = spec.hostname;
  if (spec.nodeName) a.nodeName = spec.nodeName;
  a.targetRef = targetRef(b.pod);
  return a;
}

/** RepackSubsets: one subset per distinct port set, addresses sorted by IP. */
export function subsetsFor(svc: Service, backends: readonly Backend[]): NonNullable<Endpoints['subsets']> {
  const groups = new Map<string, { addresses: EndpointAddress[]; notReadyAddresses: EndpointAddress[]; ports: Backend['ports'] }>();
  for (const b of backends) {
    if (b.terminating || !b.ports.length) continue;
    const key = portsKey(b.ports);
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          addresses: [],
          notReadyAddresses: [],
          ports: [...b.ports].sort((x, y) => (x.name ?? '').localeCompare(y.name ?? '') || x.port - y.port),
        }),
      );
    (b.ready ? g.addresses : g.notReadyAddresses).push(address(b, svc));
  }
  return [...groups.keys()].sort().map((k) => {
    const g = groups.get(k) as { addresses: EndpointAddress[]; notReadyAddresses: EndpointAddress[]; ports: Backend['ports'] };
    const s: NonNullable<Endpoints['subsets']>[number] = {};
    if (g.addresses.length) s.addresses = g.addresses;
    if (g.notReadyAddresses.length) s.notReadyAddresses = g.notReadyAddresses;
    s.ports = g.ports;
    return s;
  });
}

/**
 * The wanted subsets with every address and port list that is, as JSON text, one the stored Endpoints already holds
 * replaced by the stored (frozen) one: comparing and writing then cost what changed, not the whole list again.
 */
function reuseStored(
  stored: NonNullable<Endpoints['subsets']>,
  wanted: NonNullable<Endpoints['subsets']>,
): NonNullable<Endpoints['subsets']> {
  const addresses = new Map<string, EndpointAddress>();
  for (const s of stored)
    for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) addresses.set(`${a.ip}/${a.targetRef?.uid ?? ''}`, a);
  const reuse = (list: EndpointAddress[] | undefined): EndpointAddress[] | undefined =>
    list?.map((a) => {
      const old = addresses.get(`${a.ip}/${a.targetRef?.uid ?? ''}`);
      return old && jsonTextEqual(old, a) ? old : a;
    });
  return wanted.map((w, i) => {
    const s: NonNullable<Endpoints['subsets']>[number] = {};
    if (w.addresses) s.addresses = reuse(w.addresses);
    if (w.notReadyAddresses) s.notReadyAddresses = reuse(w.notReadyAddresses);
    const ports = stored[i]?.ports;
    s.ports = ports && jsonTextEqual(ports, w.ports) ? ports : w.ports;
    return s;
  });
}

/** Bring one Service's Endpoints up to date (a Service without a selector keeps hand-made ones). */
function syncEndpoints(ctx: ControlContext, svc: Service): void {
  const w = ctx.world;
  if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') return;
  const subsets = subsetsFor(svc, serviceBackends(ctx, svc));
  const ns = svc.metadata.namespace;
  const cur = w.store.peek<Endpoints>('Endpoints', ns, svc.metadata.name);
  const labels = svc.metadata.labels ? { ...svc.metadata.labels } : undefined;
  const next: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: ns },
    subsets: subsets.length ? subsets : undefined,
  };
  if (labels) next.metadata.labels = labels;
  if (!subsets.length) delete next.subsets;
  if (!cur) {
    next.metadata.annotations = { [TRIGGER]: w.clock.iso() };
    next.metadata.creationTimestamp = w.clock.iso();
    next.metadata.uid = newUid(ctx.uids);
    w.store.createFrozen(next);
    return;
  }
  if (next.subsets) next.subsets = reuseStored(cur.subsets ?? [], next.subsets);
  const same = jsonTextEqual(cur.subsets ?? null, next.subsets ?? null) && jsonTextEqual(cur.metadata.labels ?? null, labels ?? null);
  if (same) return;
  const updated: Endpoints = {
    ...cur,
    metadata: { ...cur.metadata, labels, annotations: { ...(cur.metadata.annotations ?? {}), [TRIGGER]: w.clock.iso() } },
  };
  if (!labels) delete updated.metadata.labels;
  if (next.subsets) updated.subsets = next.subsets;
  else delete updated.subsets;
  writeIfChanged(w, updated);
}

/**
 * The Services whose pods, Service or Endpoints changed, in list order; then, as a second pass, the Endpoints this
 * controller made whose Service is gone (they go with it).
 */
export function runEndpoints(ctx: ControlContext): void {
  const w = ctx.world;
  const seen: ItemKey[] = [];
  const everything = (): ItemKey[] => [...w.store.scan('Service'), ...w.store.scan('Endpoints')].map(keyOf);
  ctx.informers.queues.endpoints.drain(everything, (k) => {
    seen.push(k);
    const svc = w.store.peek<Service>('Service', k.namespace, k.name);
    if (svc) ownWrites(ctx.informers, 'Endpoints', () => syncEndpoints(ctx, svc));
  });
  for (const k of seen) {
    const ep = w.store.peek('Endpoints', k.namespace, k.name);
    if (ep?.metadata.annotations?.[TRIGGER] && !w.store.has('Service', k.namespace, k.name))
      w.store.delete('Endpoints', k.namespace, k.name);
  }
}
