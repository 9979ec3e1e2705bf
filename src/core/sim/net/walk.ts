// The packet walk: one packet, hop by hop through namespaces by their routing tables, until delivered or stopped.
//
// At every node it enters, kube-proxy's rules apply first (OUTPUT where it was sent, PREROUTING where it arrives);
// then a packet for one of the namespace's addresses is delivered; otherwise the namespace routes it (longest-prefix
// match), decrementing the TTL when it forwards (not where it was sent), and resolves the next hop over the device
// (veth, bridge, node subnet, tunnel). Pods do not forward. A walk is bounded by the TTL, so a loop ends too.
import type { Hop } from '../../backend.ts';
import type { NetErrno, PingResult, Route } from '../contracts.ts';
import type { Store } from '../api/store.ts';
import type { Rng } from '../rng.ts';
import { isLocal, primaryAddress, type Fabric, type Netns } from './fabric.ts';
import { kubeProxy, type NatDecision, type Protocol } from './kube-proxy.ts';
import { resolveNextHop } from './neighbours.ts';
import { containsIp, parseIp, type Cidr } from './cidr.ts';
import { lookupRoute, routeText, sourceFor } from './routing.ts';
import type { Tap } from './capture.ts';
import type { PolicyGate } from './policy/enforcement.ts';
import { policyHop } from './policy/explain.ts';
import type { DirectionVerdict, PolicyTraffic } from './policy/types.ts';

export interface Packet {
  proto: Protocol;
  /** Chosen by the sending namespace's route when unset. */
  src?: string;
  dst: string;
  /** Destination port (0 for ICMP). */
  dport: number;
}

export type WalkEnd =
  | { kind: 'delivered' }
  | { kind: 'rejected'; service: string; port: number; protocol: Protocol }
  | { kind: 'dropped'; why: 'node-down' | 'not-for-me' | 'blackhole' | 'off-cluster' | 'device-down' }
  | { kind: 'dropped'; why: 'no-local-endpoints'; service: string; port: number; protocol: Protocol }
  | { kind: 'dropped'; why: 'policy'; verdict: Extract<DirectionVerdict, { kind: 'denied' }>; traffic: PolicyTraffic; dev: string }
  | { kind: 'unreachable'; errno?: NetErrno; icmp?: PingResult['icmp']; from?: string; mtu?: number };

export interface WalkResult {
  end: WalkEnd;
  /** Where the walk ended (the destination when delivered). */
  at: Netns;
  hops: Hop[];
  /** The namespaces passed and the route each used to send the packet on, in order. */
  path: { ns: Netns; route: Route }[];
  /** The packet as it ended: after DNAT/SNAT, with its source address chosen. */
  pkt: Packet;
  /** Routed hops (each decremented the TTL). */
  forwards: number;
  /** Namespaces visited (bridges included), and node-subnet links crossed: for the round-trip time. */
  visits: number;
  wires: number;
  dnat?: Extract<NatDecision, { kind: 'dnat' }> & { at: string };
  /** Source NATs in the order they happened (kube-proxy masquerade, the CNI's outgoing NAT). */
  snats: { at: string; ip: string; original: string }[];
  /** NetworkPolicy verdicts met on the way (requests on an enforcing CNI only), with the traffic each judged. */
  policy: { verdict: DirectionVerdict; traffic: PolicyTraffic }[];
}

export interface WalkEnv {
  fabric: Fabric;
  store: Store;
  rng: Rng;
  /** NetworkPolicy checks; absent in tests of the bare network. */
  policy?: PolicyGate;
  /** The simulated time in ms (session affinity ages by it); 0 when absent. */
  now?: () => number;
  /** Told of every finished walk (the neighbour tables learn from its path); absent in tests of the bare network. */
  onWalk?: (w: WalkResult) => void;
  /** Told of every link the packet crosses, while a packet capture runs (flows.ts); absent otherwise. */
  tap?: Tap;
}

export interface WalkOptions {
  /** Apply kube-proxy rules (requests). Replies are only un-NATed by conntrack. */
  nat: boolean;
  /** For a reply: where conntrack turns a masqueraded address `ip` back into the original client `to`. */
  unSnat?: { at: string; ip: string; to: string }[];
  /** The IP TTL the sender sets (ping -t, traceroute's probes); 64 when unset. */
  ttl?: number;
  /** An IP packet of this many bytes with DF set (ping -M do -s): too big for a device's MTU, it is not sent on. */
  dfSize?: number;
}

const INITIAL_TTL = 64;

function linkKind(ns: Netns, dev: string): string | undefined {
  return ns.interfaces.find((i) => i.name === dev)?.link.kind;
}

/** The source address a socket gets: picked by the route to the destination it was opened for, before any NAT. */
function chooseSource(ns: Netns, dst: string): string | undefined {
  if (isLocal(ns, dst, true)) return dst.startsWith('127.') ? '127.0.0.1' : dst;
  const route = lookupRoute(ns.routes, dst);
  return route && !route.blackhole ? sourceFor(ns.interfaces, route) : undefined;
}

/**
 * The source of an ICMP error a router sends: chosen by its route back to the packet's sender (Linux icmp_send with
 * icmp_errors_use_inbound_ifaddr=0), so a Calico node answers from tunl0's address over IPIP and from its InternalIP
 * to a local pod (the cali… veth has no address); the namespace's primary address when no route has a source.
 */
function icmpSource(ns: Netns, sender: string | undefined): string | undefined {
  const back = sender === undefined ? undefined : lookupRoute(ns.routes, sender);
  return (back && !back.blackhole ? sourceFor(ns.interfaces, back) : undefined) ?? primaryAddress(ns);
}

/** Is the address in the cluster's pod network? (Module-level, not a closure per walk: walks are the hot path.) */
function inPool(pool: Cidr | undefined, ip: string | undefined): boolean {
  const a = ip === undefined ? undefined : parseIp(ip);
  return pool !== undefined && a !== undefined && containsIp(pool, a);
}

/** End the walk in `ns`: the last hop gets the actions taken there, then `action`. */
function stop(r: Omit<WalkResult, 'end' | 'at'>, ns: Netns, acts: string[], end: WalkEnd, action: string): WalkResult {
  acts.push(action);
  r.hops.push({ at: ns.id, action: acts.join('; ') });
  return { ...r, end, at: ns };
}

function trafficOf(pkt: Packet): PolicyTraffic {
  return { src: pkt.src ?? '', dst: pkt.dst, port: pkt.dport, proto: pkt.proto };
}

/** The hop text of a policy verdict that matters (allowed by a rule, or denied); undefined otherwise. */
function policyAction(gate: PolicyGate, v: DirectionVerdict, t: PolicyTraffic, dev: string): string | undefined {
  return policyHop(gate, v, t, dev);
}

export function walk(env: WalkEnv, from: Netns, packet: Packet, options: WalkOptions): WalkResult {
  const w = walkPath(env, from, packet, options);
  env.onWalk?.(w);
  return w;
}

function walkPath(env: WalkEnv, from: Netns, packet: Packet, options: WalkOptions): WalkResult {
  const pkt: Packet = { ...packet };
  const r: Omit<WalkResult, 'end' | 'at'> = { hops: [], path: [], pkt, forwards: 0, visits: 0, wires: 0, snats: [], policy: [] };
  // Requests only: replies of an allowed connection are conntrack state. Non-enforcing CNIs are judged by the caller.
  const gate = options.nat && env.policy?.engine.enforces && env.policy.active() ? env.policy : undefined;
  let egressChecked = false;
  let ns = from;
  let originating = true;
  let ttl = options.ttl ?? INITIAL_TTL;
  let masqueradeAt: string | undefined;
  const unSnat = [...(options.unSnat ?? [])];
  const pool = env.fabric.podNet;
  const acts: string[] = [];

  for (;;) {
    r.visits++;
    acts.length = 0;
    if (ns.down) return stop(r, ns, acts, { kind: 'dropped', why: 'node-down' }, `node ${ns.node} is down: dropped`);
    const back = unSnat.length ? unSnat.findIndex((u) => u.at === ns.id && u.ip === pkt.dst) : -1;
    if (back >= 0) {
      const [u] = unSnat.splice(back, 1);
      acts.push(`conntrack: reply to ${u.ip} is for ${u.to}`);
      pkt.dst = u.to;
    }
    if (originating && !pkt.src) pkt.src = chooseSource(ns, pkt.dst);
    if (options.nat && !r.dnat && ns.kind === 'node') {
      const chain = originating ? 'OUTPUT' : 'PREROUTING';
      const d = kubeProxy(env.store, env.rng, {
        proto: pkt.proto,
        src: pkt.src,
        dst: pkt.dst,
        dport: pkt.dport,
        chain,
        dstIsLocal: isLocal(ns, pkt.dst, originating),
        at: ns.id,
        now: env.now?.(),
        node: ns.node,
        fromPodNetwork: inPool(pool, pkt.src),
      });
      if (d.kind === 'reject') {
        // Calico's chains sit above kube-proxy's REJECT in filter FORWARD: an egress-isolated pod's packet to a Service
        // without endpoints is judged (on the ClusterIP, not translated) and dropped before it can be rejected.
        if (gate && from.kind === 'pod' && r.path.length === 1) {
          const t = trafficOf(pkt);
          const v = gate.egress(from, t);
          const dev = from.attachment?.hostIfName ?? '';
          if (v?.kind === 'denied') {
            r.policy.push({ verdict: v, traffic: t });
            return stop(r, ns, acts, { kind: 'dropped', why: 'policy', verdict: v, traffic: t, dev }, policyAction(gate, v, t, dev) ?? '');
          }
        }
        const what = `${d.nodePort ? 'NodePort ' : ''}${pkt.dst}:${pkt.dport}/${pkt.proto}`;
        return stop(
          r,
          ns,
          acts,
          { kind: 'rejected', service: d.service, port: d.port, protocol: d.protocol },
          `kube-proxy: service ${d.service} has no endpoints for ${what}: REJECT`,
        );
      }
      if (d.kind === 'drop') {
        const what = `${d.nodePort ? 'NodePort ' : ''}${pkt.dst}:${pkt.dport}/${pkt.proto}`;
        return stop(
          r,
          ns,
          acts,
          { kind: 'dropped', why: 'no-local-endpoints', service: d.service, port: d.port, protocol: d.protocol },
          `kube-proxy: service ${d.service} has no local endpoints on ${ns.node} for ${what}: DROP`,
        );
      }
      if (d.kind === 'dnat') {
        acts.push(
          `kube-proxy DNAT ${pkt.dst}:${pkt.dport} → ${d.backend.ip}:${d.backend.port} (service ${d.service}${d.backend.pod ? `, pod ${d.backend.pod}` : ''})`,
        );
        pkt.dst = d.backend.ip;
        pkt.dport = d.backend.port;
        r.dnat = { ...d, at: ns.id };
        if (d.masquerade) masqueradeAt = ns.id;
      }
    }
    // Egress: where the source pod's packet enters its node (Calico: the pod's cali… veth), after DNAT.
    if (gate && !egressChecked && ns.kind === 'node' && from.kind === 'pod' && r.path.length === 1) {
      egressChecked = true;
      const t = trafficOf(pkt);
      const v = gate.egress(from, t);
      const dev = from.attachment?.hostIfName ?? '';
      if (v) {
        r.policy.push({ verdict: v, traffic: t });
        const text = policyAction(gate, v, t, dev);
        if (v.kind === 'denied') return stop(r, ns, acts, { kind: 'dropped', why: 'policy', verdict: v, traffic: t, dev }, text ?? '');
        if (text) acts.push(text);
      }
    }
    if (isLocal(ns, pkt.dst, originating)) {
      if (originating && !pkt.src) pkt.src = pkt.dst.startsWith('127.') ? '127.0.0.1' : pkt.dst;
      if (originating && env.tap) env.tap({ from: ns, dev: 'lo', to: ns, src: pkt.src ?? '', dst: pkt.dst, dport: pkt.dport, ttl });
      return stop(r, ns, acts, { kind: 'delivered' }, `delivered to ${pkt.dst}`);
    }
    if (!originating && !ns.forwards) {
      return stop(
        r,
        ns,
        acts,
        { kind: 'dropped', why: 'not-for-me' },
        `${pkt.dst} is not this pod's address and pods do not forward: dropped`,
      );
    }
    const route = lookupRoute(ns.routes, pkt.dst);
    if (!route) {
      return originating
        ? stop(r, ns, acts, { kind: 'unreachable', errno: 'ENETUNREACH' }, `no route to ${pkt.dst}: Network is unreachable`)
        : stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', icmp: 'Destination Net Unreachable', from: primaryAddress(ns) },
            `no route to ${pkt.dst}: ICMP net unreachable sent back`,
          );
    }
    if (route.blackhole) {
      r.path.push({ ns, route });
      return originating
        ? stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', errno: 'EINVAL' },
            `route ${routeText(route)}: the kernel refuses to send (Invalid argument)`,
          )
        : stop(r, ns, acts, { kind: 'dropped', why: 'blackhole' }, `route ${routeText(route)}: dropped`);
    }
    if (!originating) {
      r.forwards++;
      if (--ttl <= 0) {
        const why = options.ttl === undefined ? 'TTL reached 0 (a routing loop)' : `TTL reached 0 (the sender set ${options.ttl})`;
        return stop(
          r,
          ns,
          acts,
          { kind: 'unreachable', icmp: 'Time to live exceeded', from: icmpSource(ns, pkt.src) },
          `${why}: dropped, ICMP time exceeded sent back`,
        );
      }
    }
    if (originating && !pkt.src) pkt.src = sourceFor(ns.interfaces, route);
    // Ingress: before the node hands the packet to a local pod (the pod's cali… veth), before MASQUERADE.
    const local = gate && ns.kind === 'node' ? gate.localPod(pkt.dst, ns.node) : undefined;
    if (gate && local) {
      const t = trafficOf(pkt);
      const v = gate.ingress(local, t, from, originating);
      if (v) {
        r.policy.push({ verdict: v, traffic: t });
        const text = policyAction(gate, v, t, local.hostIfName);
        if (v.kind === 'denied')
          return stop(r, ns, acts, { kind: 'dropped', why: 'policy', verdict: v, traffic: t, dev: local.hostIfName }, text ?? '');
        if (text) acts.push(text);
      }
    }
    // kube-proxy's KUBE-MARK-MASQ, and the CNI's outgoing NAT for pod traffic leaving the pod network by the node's
    // own link (Calico natOutgoing, flannel --ip-masq, kindnet's masquerade): both rewrite the source on the way out.
    const outgoing =
      ns.kind === 'node' && !originating && inPool(pool, pkt.src) && !inPool(pool, pkt.dst) && linkKind(ns, route.dev) === 'lan';
    if (masqueradeAt === ns.id || (options.nat && outgoing)) {
      const ip = sourceFor(ns.interfaces, route) ?? pkt.src ?? '';
      if (ip !== pkt.src) {
        r.snats.push({ at: ns.id, ip, original: pkt.src ?? '' });
        acts.push(`masquerade: source ${pkt.src} → ${ip}`);
        pkt.src = ip;
      }
      masqueradeAt = undefined;
    }
    // DF set and the packet larger than the device's MTU: the sender's kernel refuses it (EMSGSIZE, with the MTU);
    // a router drops it and answers ICMP fragmentation needed (RFC 1191), which iputils prints as "Frag needed".
    const mtu = options.dfSize === undefined ? undefined : ns.interfaces.find((i) => i.name === route.dev)?.mtu;
    if (mtu !== undefined && options.dfSize !== undefined && options.dfSize > mtu) {
      return originating
        ? stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', errno: 'EMSGSIZE', mtu },
            `route ${routeText(route)}: ${options.dfSize} bytes with DF set exceed mtu ${mtu} of ${route.dev}: Message too long`,
          )
        : stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', icmp: 'Frag needed and DF set', mtu, from: icmpSource(ns, pkt.src) },
            `${options.dfSize} bytes with DF set exceed mtu ${mtu} of ${route.dev}: dropped, ICMP fragmentation needed sent back`,
          );
    }
    r.path.push({ ns, route });
    const next = resolveNextHop(ns, route.dev, route.via ?? pkt.dst, env.fabric);
    acts.push(`route ${routeText(route)}`);
    if (next.kind === 'down') return stop(r, ns, acts, { kind: 'dropped', why: 'device-down' }, `${route.dev} is down: dropped`);
    if (next.kind === 'off-cluster')
      return stop(r, ns, acts, { kind: 'dropped', why: 'off-cluster' }, 'sent out of the simulated network, where nothing answers');
    if (next.kind === 'no-neighbour') {
      const hop = route.via ?? pkt.dst;
      return originating
        ? stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', errno: 'EHOSTUNREACH', icmp: 'Destination Host Unreachable', from: pkt.src },
            `no ARP reply from ${hop}: No route to host`,
          )
        : stop(
            r,
            ns,
            acts,
            { kind: 'unreachable', icmp: 'Destination Host Unreachable', from: sourceFor(ns.interfaces, route) },
            `no ARP reply from ${hop}: ICMP host unreachable sent back`,
          );
    }
    r.hops.push({ at: ns.id, action: [...acts, `→ ${next.to.label}`].join('; ') });
    if (env.tap)
      env.tap({ from: ns, dev: route.dev, to: next.to, bridge: next.bridge, src: pkt.src ?? '', dst: pkt.dst, dport: pkt.dport, ttl });
    if (next.bridge) {
      r.visits++;
      const port = next.to.attachment?.hostIfName ?? '';
      r.hops.push({ at: next.bridge.id, action: `cni0 bridge → ${port} (${next.to.label}): switched, TTL unchanged` });
    }
    if (next.wire) r.wires++;
    ns = next.to;
    originating = false;
  }
}
