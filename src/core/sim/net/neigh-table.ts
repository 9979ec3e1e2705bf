// The neighbour (ARP) tables of the namespaces, as `ip neigh` shows them: entries appear because packets went
// out (recorded from every walk's path) or because the cluster's own daemons keep talking (computed), and age
// from REACHABLE to STALE on the simulated clock.
//
// Linux (net/core/neighbour.c, net/ipv4/arp.c): an entry is REACHABLE for reachable_time after a confirmation
// (base_reachable_time 30 s, randomised to 15..45 s; podlab takes 30 s), then STALE; a STALE entry stays until the
// garbage collector needs room (gc_thresh1 128 entries), so a small table keeps it. The ARP request of the sender
// creates a STALE entry for the sender at the receiver (arp_process -> neigh_event_ns); the receiver's own reply
// traffic then confirms it. Devices with NOARP (tunl0) have no entries; flanneld writes flannel.1's entries for
// every peer's VTEP itself (PERMANENT).
import type { Pod } from '../api/types.ts';
import type { Store } from '../api/store.ts';
import { addressPart } from './cidr.ts';
import type { NetIf } from './cni/index.ts';
import type { Fabric, Netns } from './fabric.ts';
import { stableMac } from './names.ts';
import { resolveNextHop } from './neighbours.ts';
import type { WalkResult } from './walk.ts';

export interface DeviceCounters {
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
}

/**
 * Bytes on the wire of one packet a walk stands for, Ethernet header included: an echo of 56 data bytes (98), a TCP
 * SYN with Linux's options (74), a small DNS query (~80). A walk is one packet; a connection's later segments are not
 * walked, so the counters say what podlab sent, not what a busy real host would show.
 */
const FRAME_BYTES: Record<string, number> = { ICMP: 98, TCP: 74, UDP: 80 };

/** REACHABLE this long after the last confirmation (the kernel's base_reachable_time, not randomised). */
export const REACHABLE_MS = 30_000;

export interface NeighEntry {
  dst: string;
  dev: string;
  lladdr: string;
  state: 'REACHABLE' | 'STALE' | 'PERMANENT';
}

interface Recorded {
  dst: string;
  dev: string;
  lladdr: string;
  /** Last confirmation (the sender got an answer through it); undefined while only learnt from a request. */
  confirmed?: number;
  /** First seen: entries print in the order they were created (the kernel's hash walk; podlab keeps insertion). */
  seq: number;
}

/** The MAC a router answers ARP with (the router has none in the fabric: derived, stable). */
function macOf(ns: Netns, i: NetIf): string {
  return i.mac || stableMac(`${ns.id}/${i.name}`);
}

/** The device in `to` that answers ARP for `nextHop` sent out of `dev` in `from`; undefined when nobody does (NOARP). */
function answering(from: Netns, dev: NetIf, nextHop: string, to: Netns): NetIf | undefined {
  const kind = dev.link.kind;
  if (kind === 'loopback' || kind === 'down' || kind === 'uplink' || kind === 'tunnel') return undefined;
  const owner = to.interfaces.find((i) => i.type !== 'loopback' && i.addresses.some((a) => addressPart(a) === nextHop));
  // A routed veth (Calico, ptp): the peer answers for any address (proxy ARP for 169.254.1.1) with its own MAC.
  if ((kind === 'pod-veth' && !dev.link.bridged) || kind === 'host-veth') {
    return dev.peer ? to.interfaces.find((i) => i.index === dev.peer?.index && i.type === 'veth') : undefined;
  }
  return owner;
}

/** The per-world table: namespace key -> entries by "dev/dst". A pod's key carries its uid, so a new pod starts empty. */
export class NeighTable {
  private readonly tables = new Map<string, Map<string, Recorded>>();
  /** Per namespace key and device: packets and bytes sent and received (`ip -s link`). */
  private readonly counters = new Map<string, Map<string, DeviceCounters>>();
  private seq = 0;

  private count(ns: Netns, dev: string, dir: 'tx' | 'rx', bytes: number): void {
    const k = this.key(ns);
    let t = this.counters.get(k);
    if (!t) this.counters.set(k, (t = new Map()));
    const c = t.get(dev) ?? { rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0 };
    if (dir === 'tx') {
      c.txPackets++;
      c.txBytes += bytes;
    } else {
      c.rxPackets++;
      c.rxBytes += bytes;
    }
    t.set(dev, c);
  }

  /** The counters of a namespace's devices (zero for a device that carried nothing podlab sent). */
  deviceCounters(ns: Netns, dev: string): DeviceCounters {
    return { ...(this.counters.get(this.key(ns))?.get(dev) ?? { rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0 }) };
  }

  private key(ns: Netns): string {
    return ns.attachment ? `${ns.id}/${ns.attachment.uid}` : ns.id;
  }

  private touch(ns: Netns, dev: string, dst: string, lladdr: string, now: number | undefined): void {
    const k = this.key(ns);
    let t = this.tables.get(k);
    if (!t) this.tables.set(k, (t = new Map()));
    const id = `${dev}/${dst}`;
    const e = t.get(id) ?? { dst, dev, lladdr, seq: this.seq++ };
    e.lladdr = lladdr;
    if (now !== undefined) e.confirmed = now;
    t.set(id, e);
  }

  /** Record what one walk resolved: each sender's next hop (confirmed), and each receiver learning the sender (STALE). */
  record(fabric: Fabric, w: WalkResult, now: number): void {
    const bytes = FRAME_BYTES[w.pkt.proto] ?? 98;
    for (const { ns, route } of w.path) {
      const dev = ns.interfaces.find((i) => i.name === route.dev);
      const nextHop = route.via ?? w.pkt.dst;
      if (!dev) continue;
      this.count(ns, route.dev, 'tx', bytes);
      const next = resolveNextHop(ns, route.dev, nextHop, fabric);
      if (next.kind !== 'ns') continue;
      const to = next.to;
      const peer = answering(ns, dev, nextHop, to);
      if (peer) this.count(to, peer.name, 'rx', bytes);
      if (!peer) continue;
      this.touch(ns, route.dev, nextHop, macOf(to, peer), now);
      // The receiver learns the ARP request's sender: the address the sender has on that link (its source).
      const sender = ns.kind === 'pod' ? ns.attachment?.ip : dev.addresses.map(addressPart)[0];
      if (sender && peer.link.kind !== 'bridge') this.touch(to, peer.name, sender, macOf(ns, dev), undefined);
    }
  }

  /** The entries of a namespace now: recorded ones aged on the clock, then the ones its daemons keep. */
  entries(fabric: Fabric, store: Store, ns: Netns, now: number): NeighEntry[] {
    const out: NeighEntry[] = [];
    // The daemons' traffic keeps their entries fresh, whatever podlab recorded for the same neighbour.
    const kept = new Map(background(fabric, store, ns).map((e) => [`${e.dev}/${e.dst}`, e]));
    const recorded = [...(this.tables.get(this.key(ns))?.values() ?? [])].sort((a, b) => a.seq - b.seq);
    for (const e of recorded) {
      if (!ns.interfaces.some((i) => i.name === e.dev)) continue;
      const fresh = kept.get(`${e.dev}/${e.dst}`);
      kept.delete(`${e.dev}/${e.dst}`);
      const state = e.confirmed !== undefined && now - e.confirmed < REACHABLE_MS ? 'REACHABLE' : 'STALE';
      out.push({ dst: e.dst, dev: e.dev, lladdr: e.lladdr, state: fresh?.state ?? state });
    }
    out.push(...kept.values());
    return out;
  }
}

/** A container probes over the network (httpGet, tcpSocket, grpc): the kubelet's traffic from the node keeps going. */
function probedOverNetwork(pod: Pod | undefined): boolean {
  type Probe = { httpGet?: unknown; tcpSocket?: unknown; grpc?: unknown };
  const probes = (c: { livenessProbe?: Probe; readinessProbe?: Probe; startupProbe?: Probe }) =>
    [c.livenessProbe, c.readinessProbe, c.startupProbe].some((p) => p && (p.httpGet || p.tcpSocket || p.grpc));
  return (pod?.spec.containers ?? []).some((c) => probes(c as Parameters<typeof probes>[0]));
}

/**
 * Entries the cluster's own traffic keeps fresh, whatever the learner did: flannel.1's PERMANENT VTEP entries; on a
 * node, the other nodes it talks to (Calico's BGP mesh: all of them; else the kubelets and the control plane, whose
 * apiserver they watch); in a pod whose kubelet probes it over the network, its gateway and the node's own entry.
 */
function background(fabric: Fabric, store: Store, ns: Netns): NeighEntry[] {
  const out: NeighEntry[] = [];
  if (ns.kind === 'node' && ns.node) {
    for (const r of ns.routes) {
      const dev = ns.interfaces.find((i) => i.name === r.dev);
      if (!r.via || dev?.link.kind !== 'tunnel' || dev.link.encap !== 'vxlan') continue;
      const peer = fabric.nodeWithAddress(r.via);
      const vtep = peer?.interfaces.find((i) => i.name === dev.name);
      if (vtep) out.push({ dst: r.via, dev: dev.name, lladdr: vtep.mac, state: 'PERMANENT' });
    }
    const eth0 = ns.interfaces.find((i) => i.name === 'eth0');
    const me = fabric.cluster.nodes.find((n) => n.name === ns.node);
    const mesh = fabric.cluster.cni === 'calico';
    for (const n of fabric.cluster.nodes) {
      if (n.name === ns.node || !eth0) continue;
      const talks = mesh || n.role === 'control-plane' || me?.role === 'control-plane';
      const other = fabric.node(n.name)?.interfaces.find((i) => i.name === 'eth0');
      if (talks && other) out.push({ dst: n.ip, dev: 'eth0', lladdr: other.mac, state: 'REACHABLE' });
    }
    // The kubelet's probes of its pods, over their host veth (Calico, ptp) or the bridge (flannel's cni0).
    for (const a of fabric.state.podsOn(ns.node)) {
      if (!probedOverNetwork(store.peek<Pod>('Pod', a.namespace, a.pod))) continue;
      const pod = fabric.pod(a.namespace, a.pod);
      const eth0 = pod?.interfaces.find((i) => i.name === 'eth0');
      const dev = ns.interfaces.find((i) => i.name === a.hostIfName);
      if (eth0 && dev) out.push({ dst: a.ip, dev: dev.master ?? dev.name, lladdr: eth0.mac, state: 'REACHABLE' });
    }
    return out;
  }
  const a = ns.attachment;
  if (ns.kind === 'pod' && a && probedOverNetwork(store.peek<Pod>('Pod', a.namespace, a.pod))) {
    const gw = ns.routes.find((r) => r.dst === 'default')?.via;
    const node = ns.node ? fabric.node(ns.node) : undefined;
    const eth0 = ns.interfaces.find((i) => i.name === 'eth0');
    if (gw && node && eth0) {
      const peer = answering(ns, eth0, gw, node);
      if (peer) out.push({ dst: gw, dev: 'eth0', lladdr: macOf(node, peer), state: 'REACHABLE' });
    }
  }
  return out;
}
