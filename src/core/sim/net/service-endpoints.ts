// Where a Service port sends traffic: its ready endpoints, read as kube-proxy reads them (EndpointSlices, else Endpoints).
import type { Endpoints, Service, ServicePort } from '../api/types.ts';
import type { Store } from '../api/store.ts';
import { serviceTable } from './service-table.ts';

/** One ready backend of a Service port. */
export interface ServiceBackend {
  ip: string;
  port: number;
  nodeName?: string;
  hostname?: string;
  /** "namespace/name" of the pod behind it, if known. */
  pod?: string;
}

interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

/** The slice/subset port matching the Service port (by name and protocol); any port, as 0, when `port` is undefined. */
function matchPort(ports: SlicePort[], port: ServicePort | undefined): { port: number } | undefined {
  if (!port) return { port: ports[0]?.port ?? 0 };
  const p = ports.find((x) => sameName(x.name, port.name) && (x.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
  return p && p.port !== undefined ? { port: p.port } : undefined;
}

function fromSlices(store: Store, svc: Service, port: ServicePort | undefined): ServiceBackend[] | undefined {
  const ns = svc.metadata.namespace ?? 'default';
  const slices = serviceTable(store).slices.get(`${ns}/${svc.metadata.name}`) ?? [];
  if (slices.length === 0) return undefined;
  const out: ServiceBackend[] = [];
  for (const s of slices) {
    const p = matchPort((s.ports as SlicePort[] | undefined) ?? [], port);
    if (!p) continue;
    for (const e of (s.endpoints as SliceEndpoint[] | undefined) ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const ip of e.addresses ?? []) {
        const pod = e.targetRef?.kind === 'Pod' ? `${e.targetRef.namespace ?? ns}/${e.targetRef.name}` : undefined;
        out.push({ ip, port: p.port, nodeName: e.nodeName, hostname: e.hostname, pod });
      }
    }
  }
  return out;
}

function fromEndpoints(store: Store, svc: Service, port: ServicePort | undefined): ServiceBackend[] {
  const ep = store.peek<Endpoints>('Endpoints', svc.metadata.namespace ?? 'default', svc.metadata.name);
  const out: ServiceBackend[] = [];
  for (const subset of ep?.subsets ?? []) {
    const p = matchPort(subset.ports ?? [], port);
    if (!p) continue;
    for (const a of subset.addresses ?? []) {
      const pod = a.targetRef?.kind === 'Pod' ? `${a.targetRef.namespace}/${a.targetRef.name}` : undefined;
      out.push({ ip: a.ip, port: p.port, nodeName: a.nodeName, hostname: a.hostname, pod });
    }
  }
  return out;
}

/**
 * The ready backends of one port of a Service (every address when `port` is undefined), de-duplicated, in a stable
 * order. Remembered until a Service, EndpointSlice or Endpoints changes: kube-proxy asks for every packet.
 */
export function readyBackends(store: Store, svc: Service, port: ServicePort | undefined): readonly ServiceBackend[] {
  const memo = serviceTable(store).memo;
  const key = JSON.stringify([
    svc.metadata.namespace ?? 'default',
    svc.metadata.name,
    port === undefined,
    port?.name ?? '',
    port?.protocol ?? 'TCP',
  ]);
  let hit = memo.get(key) as readonly ServiceBackend[] | undefined;
  if (!hit) memo.set(key, (hit = computeReadyBackends(store, svc, port)));
  return hit;
}

function computeReadyBackends(store: Store, svc: Service, port: ServicePort | undefined): ServiceBackend[] {
  const all = fromSlices(store, svc, port) ?? fromEndpoints(store, svc, port);
  const seen = new Set<string>();
  return all.filter((b) => {
    const k = `${b.ip}:${b.port}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** All ready endpoint addresses of a Service whatever the port, one per address (DNS of headless Services). */
export function readyAddresses(store: Store, svc: Service): ServiceBackend[] {
  const seen = new Set<string>();
  return readyBackends(store, svc, undefined).filter((b) => !seen.has(b.ip) && seen.add(b.ip) !== undefined);
}
