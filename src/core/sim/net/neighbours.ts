// Next-hop resolution: given the device a route leaves by and the next-hop address, which namespace gets the packet.
// One row per kind of link (cni/driver.ts), as ARP/proxy-ARP/bridging/tunnelling would decide it.
import type { Link } from './cni/index.ts';
import { hasAddress, type Fabric, type Netns } from './fabric.ts';

export type NextHop =
  /** Handed to `to`; `wire` when it crossed the node subnet (a node-to-node link); `bridge` when switched by cni0. */
  | { kind: 'ns'; to: Netns; wire: boolean; bridge?: Netns }
  /** Nobody answered ARP for the next hop. */
  | { kind: 'no-neighbour' }
  /** Left the simulated network (the router's uplink). */
  | { kind: 'off-cluster' }
  /** The device is down: nothing is sent. */
  | { kind: 'down' };

type Resolver<K extends Link['kind']> = (link: Extract<Link, { kind: K }>, from: Netns, nextHop: string, fabric: Fabric) => NextHop;

function to(ns: Netns | undefined, wire = false, bridge?: Netns): NextHop {
  return ns ? { kind: 'ns', to: ns, wire, bridge } : { kind: 'no-neighbour' };
}

const RESOLVERS: { [K in Link['kind']]: Resolver<K> } = {
  loopback: (_l, from) => to(from),
  down: () => ({ kind: 'down' }),
  // A pod's eth0: Calico's and ptp's host veth answer ARP for the gateway; on a bridge, the next hop is either the
  // bridge's own address (the node routes it) or another port (switched straight to that pod).
  'pod-veth': (link, _from, nextHop, fabric) => {
    const node = fabric.node(link.node);
    if (!link.bridged || !node) return to(node);
    if (hasAddress(node, nextHop)) return to(node);
    return to(fabric.podOnNode(link.node, nextHop), false, node);
  },
  'host-veth': (link, _from, _nextHop, fabric) => to(fabric.pod(link.namespace, link.pod)),
  bridge: (_link, from, nextHop, fabric) => to(fabric.podOnNode(from.node ?? '', nextHop)),
  lan: (_link, _from, nextHop, fabric) => {
    if (nextHop === fabric.gateway) return to(fabric.router(), true);
    const node = fabric.nodeWithAddress(nextHop);
    const eth0 = node?.interfaces.find((i) => i.name === 'eth0');
    return to(eth0 && eth0.addresses.some((a) => a.startsWith(`${nextHop}/`)) ? node : undefined, true);
  },
  // IPIP sends to the node whose address is the next hop; VXLAN to the node whose VTEP (flannel.1) has it.
  tunnel: (_link, _from, nextHop, fabric) => to(fabric.nodeWithAddress(nextHop), true),
  uplink: () => ({ kind: 'off-cluster' }),
};

/** Resolve the next hop for a packet leaving `from` through the device `dev` toward `nextHop`. */
export function resolveNextHop(from: Netns, dev: string, nextHop: string, fabric: Fabric): NextHop {
  const device = from.interfaces.find((i) => i.name === dev);
  if (!device) return { kind: 'down' };
  const resolver = RESOLVERS[device.link.kind] as Resolver<Link['kind']>;
  return resolver(device.link, from, nextHop, fabric);
}
