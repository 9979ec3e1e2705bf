// kube-proxy in iptables mode, as the rules a node's netfilter applies to a packet: ClusterIP and NodePort DNAT, REJECT.
//
// What the real rules do (pkg/proxy/iptables): KUBE-SERVICES matches `-d <clusterIP> -p <proto> --dport <port>` in
// PREROUTING (packets from pods) and OUTPUT (the node's own processes) and jumps to a random endpoint's DNAT
// (`-m statistic --mode random`); KUBE-NODEPORTS matches `--dport <nodePort>` for any local address of the node
// (`-m addrtype --dst-type LOCAL`, localhost included in iptables mode) and marks the packet for masquerade. A Service
// port without ready endpoints gets `-j REJECT` (icmp-port-unreachable: "Connection refused"). Nothing matches ICMP,
// or a port the Service does not define: such packets are routed on to the ClusterIP, which no device owns, so they
// leave by the default route and vanish (ping to a ClusterIP loses 100%, an undefined port times out; the nftables
// mode, not modelled here, rejects undefined ports instead).
import type { Service, ServicePort } from '../api/types.ts';
import type { Store } from '../api/store.ts';
import type { Rng } from '../rng.ts';
import { readyBackends, type ServiceBackend } from './service-endpoints.ts';
import { serviceTable } from './service-table.ts';

export type Protocol = 'TCP' | 'UDP' | 'ICMP';

export type NatDecision =
  | { kind: 'none' }
  | {
      kind: 'dnat';
      /** "namespace/name" of the Service. */
      service: string;
      /** What the packet was sent to, and where it goes now. */
      from: { ip: string; port: number };
      backend: ServiceBackend;
      nodePort: boolean;
      /** KUBE-MARK-MASQ: source NAT to the node's address when the packet leaves the node. */
      masquerade: boolean;
    }
  | { kind: 'reject'; service: string; port: number; protocol: Protocol; nodePort: boolean }
  /** A traffic policy of Local on a node without a local endpoint: `-j DROP` ("has no local endpoints"). */
  | { kind: 'drop'; service: string; port: number; protocol: Protocol; nodePort: boolean };

export interface NatQuery {
  proto: Protocol;
  src: string | undefined;
  dst: string;
  dport: number;
  /** OUTPUT for the node's own processes (and hostNetwork pods), PREROUTING for packets arriving at the node. */
  chain: 'OUTPUT' | 'PREROUTING';
  /** Whether dst is an address of this node (for NodePorts). */
  dstIsLocal: boolean;
  /** The node whose rules apply (its `recent` table remembers ClientIP affinity) and the time now, in ms. */
  at?: string;
  now?: number;
  /** The node whose rules apply, for traffic policies of Local (its endpoints are the local ones). */
  node?: string;
  /** The pod network (kube-proxy's --cluster-cidr): pod traffic to a NodePort uses every endpoint. */
  fromPodNetwork?: boolean;
}

/** sessionAffinityConfig.clientIP.timeoutSeconds when the API server left it unset (pkg/apis/core/v1 defaults). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

/**
 * The `recent` tables of sessionAffinity: ClientIP (xt_recent, one per KUBE-SEP chain on each node): the endpoint a
 * client last went to through a Service port, and when. Kept per store, like the rest of the simulated kernel state.
 */
const affinity = new WeakMap<Store, Map<string, { ip: string; port: number; last: number }>>();

export function affinitySeconds(svc: Service): number | undefined {
  if (svc.spec.sessionAffinity !== 'ClientIP') return undefined;
  return svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
}

function key(svc: Service): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

function portMatches(p: ServicePort, proto: Protocol, port: number, field: 'port' | 'nodePort'): boolean {
  return (p.protocol ?? 'TCP') === proto && p[field] === port;
}

function decide(store: Store, rng: Rng, svc: Service, p: ServicePort, q: NatQuery, nodePort: boolean): NatDecision {
  const all = readyBackends(store, svc, p);
  if (all.length === 0) return { kind: 'reject', service: key(svc), port: q.dport, protocol: q.proto, nodePort };
  const local = all.filter((b) => b.nodeName === q.node);
  // No local endpoint under externalTrafficPolicy: Local: KUBE-NODEPORTS still jumps to KUBE-EXT, whose short-circuits
  // send pod traffic and the node's own to KUBE-SVC; what falls through is dropped by filter KUBE-EXTERNAL-SERVICES
  // ("DROP anything that didn't get short-circuited by the EXT chain", proxier.go): the empty local set below.
  const policy = localPolicy(svc, nodePort, q);
  const backends = policy ? local : all;
  if (backends.length === 0) return { kind: 'drop', service: key(svc), port: q.dport, protocol: q.proto, nodePort };
  const seconds = affinitySeconds(svc);
  let backend: ServiceBackend | undefined;
  const now = q.now ?? 0;
  let table: Map<string, { ip: string; port: number; last: number }> | undefined;
  const akey = `${q.at ?? ''}|${key(svc)}:${p.name ?? ''}/${p.protocol ?? 'TCP'}|${q.src ?? ''}`;
  if (seconds !== undefined && q.src) {
    table = affinity.get(store) ?? new Map();
    affinity.set(store, table);
    // KUBE-SVC's `-m recent --rcheck --seconds T --reap`: a client seen within T seconds goes to the same endpoint.
    const seen = table.get(akey);
    if (seen && now - seen.last <= seconds * 1000) backend = backends.find((b) => b.ip === seen.ip && b.port === seen.port);
  }
  backend ??= backends.length === 1 ? backends[0] : backends[rng.int(backends.length)];
  // KUBE-SEP's `-m recent --set`: every new connection through the endpoint refreshes the client's entry.
  table?.set(akey, { ip: backend.ip, port: backend.port, last: now });
  const hairpin = q.src === backend.ip;
  // externalTrafficPolicy: Local keeps the client's address (no KUBE-MARK-MASQ on the KUBE-SVL path).
  if (policy && nodePort)
    return { kind: 'dnat', service: key(svc), from: { ip: q.dst, port: q.dport }, backend, nodePort, masquerade: hairpin };
  return {
    kind: 'dnat',
    service: key(svc),
    from: { ip: q.dst, port: q.dport },
    backend,
    nodePort,
    // KUBE-EXT of externalTrafficPolicy: Local sends pod traffic on to KUBE-SVC without KUBE-MARK-MASQ.
    masquerade: (nodePort && !(svc.spec.externalTrafficPolicy === 'Local' && q.fromPodNetwork)) || hairpin || q.chain === 'OUTPUT',
  };
}

/**
 * Whether the Service keeps a KUBE-SVC (cluster policy) chain: pkg/proxy/serviceport.go's UsesClusterEndpoints,
 * `!internalPolicyLocal || ExternallyAccessible()` ("even if the external traffic policy is Local, we need Cluster
 * endpoints to implement short circuiting").
 */
export function usesClusterChain(svc: Service): boolean {
  const external = svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
  return svc.spec.internalTrafficPolicy !== 'Local' || external;
}

/**
 * Whether only the node's own endpoints serve this packet: internalTrafficPolicy: Local for ClusterIP traffic;
 * externalTrafficPolicy: Local for a NodePort, except (when a KUBE-SVC chain exists) pod traffic and the node's own
 * ("pod traffic for … external destinations", "route LOCAL traffic …" in KUBE-EXT, as proxier.go writes them).
 */
function localPolicy(svc: Service, nodePort: boolean, q: NatQuery): boolean {
  if (!nodePort) return svc.spec.internalTrafficPolicy === 'Local';
  if (svc.spec.externalTrafficPolicy !== 'Local') return false;
  return !(usesClusterChain(svc) && (q.fromPodNetwork || q.chain === 'OUTPUT'));
}

/**
 * Apply the node's kube-proxy rules to a packet: DNAT to an endpoint chosen with `rng`, REJECT, or nothing.
 * Services are matched in store order (namespace, name); the first match wins, as the first matching rule would.
 */
export function kubeProxy(store: Store, rng: Rng, q: NatQuery): NatDecision {
  if (q.proto === 'ICMP') return { kind: 'none' };
  const table = serviceTable(store);
  for (const svc of table.byIp.get(q.dst) ?? []) {
    const p = (svc.spec.ports ?? []).find((x) => portMatches(x, q.proto, q.dport, 'port'));
    if (p) return decide(store, rng, svc, p, q, false);
  }
  if (!q.dstIsLocal) return { kind: 'none' };
  for (const svc of table.nodePorts) {
    const p = (svc.spec.ports ?? []).find((x) => portMatches(x, q.proto, q.dport, 'nodePort'));
    if (p) return decide(store, rng, svc, p, q, true);
  }
  return { kind: 'none' };
}
