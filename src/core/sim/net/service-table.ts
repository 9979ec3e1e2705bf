// What kube-proxy and CoreDNS look up for every packet, indexed once per store change instead of listing per packet.
import type { KObject, Service } from '../api/types.ts';
import type { Store } from '../api/store.ts';

/** The Services by address and their EndpointSlices, valid while no Service, EndpointSlice or Endpoints changes. */
export interface ServiceTable {
  /** Services owning an address (clusterIP or one of clusterIPs), in store order. */
  byIp: Map<string, Service[]>;
  /** NodePort and LoadBalancer Services, in store order. */
  nodePorts: Service[];
  /** EndpointSlices per `namespace/service-name` label, in store order. */
  slices: Map<string, KObject[]>;
  /** Memo of derived answers (a Service port's ready backends), valid as long as the table. */
  memo: Map<string, unknown>;
}

const tables = new WeakMap<Store, { versions: [number, number, number]; table: ServiceTable }>();

function build(store: Store): ServiceTable {
  const table: ServiceTable = { byIp: new Map(), nodePorts: [], slices: new Map(), memo: new Map() };
  for (const svc of store.scan<Service>('Service')) {
    const ip = svc.spec.clusterIP;
    if (ip && ip !== 'None') {
      for (const a of new Set([ip, ...(svc.spec.clusterIPs ?? [])])) {
        const list = table.byIp.get(a);
        if (list) list.push(svc);
        else table.byIp.set(a, [svc]);
      }
    }
    if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') table.nodePorts.push(svc);
  }
  for (const s of store.scan('EndpointSlice')) {
    const name = s.metadata.labels?.['kubernetes.io/service-name'];
    if (name === undefined) continue;
    const key = `${s.metadata.namespace ?? ''}/${name}`;
    const list = table.slices.get(key);
    if (list) list.push(s);
    else table.slices.set(key, [s]);
  }
  return table;
}

/** The current table for this store (rebuilt when one of its kinds changed since the last call). */
export function serviceTable(store: Store): ServiceTable {
  const versions: [number, number, number] = [
    store.kindVersion('Service'),
    store.kindVersion('EndpointSlice'),
    store.kindVersion('Endpoints'),
  ];
  const hit = tables.get(store);
  if (hit && hit.versions.every((v, i) => v === versions[i])) return hit.table;
  const table = build(store);
  tables.set(store, { versions, table });
  return table;
}
