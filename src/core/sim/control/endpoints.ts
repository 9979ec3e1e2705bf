// The Endpoints controller: for each Service with a selector, ready pods in `addresses`, the others in
// `notReadyAddresses`, grouped by port set; Services without a selector keep their hand-made Endpoints.
import { newUid } from '../api/context.ts';
import type { EndpointAddress, Endpoints, Service } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
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
export function subsetsFor(svc: Service, backends: Backend[]): NonNullable<Endpoints['subsets']> {
  const groups = new Map<string, { addresses: EndpointAddress[]; notReadyAddresses: EndpointAddress[]; ports: Backend['ports'] }>();
  for (const b of backends) {
    if (b.terminating || !b.ports.length) continue;
    const key = portsKey(b.ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addresses: [], notReadyAddresses: [], ports: [...b.ports].sort((x, y) => (x.name ?? '').localeCompare(y.name ?? '') || x.port - y.port) }));
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

export function runEndpoints(ctx: ControlContext): void {
  const w = ctx.world;
  const services = w.store.scan<Service>('Service');
  for (const svc of services) {
    if (!svc.spec?.selector || !Object.keys(svc.spec.selector).length || svc.spec.type === 'ExternalName') continue;
    const subsets = subsetsFor(svc, serviceBackends(w, svc));
    const ns = svc.metadata.namespace;
    const cur = w.store.peek<Endpoints>('Endpoints', ns, svc.metadata.name);
    const labels = svc.metadata.labels ? { ...svc.metadata.labels } : undefined;
    const next: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns }, subsets: subsets.length ? subsets : undefined };
    if (labels) next.metadata.labels = labels;
    if (!subsets.length) delete next.subsets;
    if (!cur) {
      next.metadata.annotations = { [TRIGGER]: w.clock.iso() };
      next.metadata.creationTimestamp = w.clock.iso();
      next.metadata.uid = newUid(ctx.uids);
      w.store.create(next);
      continue;
    }
    const same = JSON.stringify(cur.subsets ?? null) === JSON.stringify(next.subsets ?? null) && JSON.stringify(cur.metadata.labels ?? null) === JSON.stringify(labels ?? null);
    if (same) continue;
    const updated: Endpoints = { ...cur, metadata: { ...cur.metadata, labels, annotations: { ...(cur.metadata.annotations ?? {}), [TRIGGER]: w.clock.iso() } } };
    if (!labels) delete updated.metadata.labels;
    if (next.subsets) updated.subsets = next.subsets;
    else delete updated.subsets;
    writeIfChanged(w, updated);
  }
  // Endpoints this controller made go with their Service.
  for (const ep of w.store.scan('Endpoints')) {
    if (!ep.metadata.annotations?.[TRIGGER]) continue;
    if (!services.some((s) => s.metadata.namespace === ep.metadata.namespace && s.metadata.name === ep.metadata.name)) w.store.delete('Endpoints', ep.metadata.namespace, ep.metadata.name);
  }
}
