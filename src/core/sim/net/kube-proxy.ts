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
  | { kind: 'reject'; service: string; port: number; protocol: Protocol; nodePort: boolean };

export interface NatQuery {
  proto: Protocol;
  src: string | undefined;
  dst: string;
  dport: number;
  /** OUTPUT for the node's own processes (and hostNetwork pods), PREROUTING for packets arriving at the node. */
  chain: 'OUTPUT' | 'PREROUTING';
  /** Whether dst is an address of this node (for NodePorts). */
  dstIsLocal: boolean;
}

function key(svc: Service): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

function portMatches(p: ServicePort, proto: Protocol, port: number, field: 'port' | 'nodePort'): boolean {
  return (p.protocol ?? 'TCP') === proto && p[field] === port;
}

function decide(store: Store, rng: Rng, svc: Service, p: ServicePort, q: NatQuery, nodePort: boolean): NatDecision {
  const backends = readyBackends(store, svc, p);
  if (backends.length === 0) return { kind: 'reject', service: key(svc), port: q.dport, protocol: q.proto, nodePort };
  const backend = backends.length === 1 ? backends[0] : backends[rng.int(backends.length)];
  const hairpin = q.src === backend.ip;
  return {
    kind: 'dnat',
    service: key(svc),
    from: { ip: q.dst, port: q.dport },
    backend,
    nodePort,
    masquerade: nodePort || hairpin || q.chain === 'OUTPUT',
  };
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
