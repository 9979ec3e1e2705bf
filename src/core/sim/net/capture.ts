// What a packet capture sees: the devices a walked packet crosses, as sightings on (namespace, device, direction).
//
// The walk reports each link it sends a packet over (a Crossing: the namespace and device it leaves by, the
// namespace it reaches, the addresses and TTL at that instant, after the sender's NAT and before the receiver's).
// A device sees the packet as AF_PACKET sockets do: on egress after POSTROUTING, on ingress before PREROUTING. A
// tunnel's crossing is seen twice on each side: the inner packet on tunl0/flannel.1, the encapsulated one on eth0
// (IPIP: protocol 4 between the nodes' addresses; VXLAN: UDP to port 8472 from a port hashed from the inner flow,
// as udp_flow_src_port does, the same both ways). libpcap skips outgoing packets on `lo`, so loopback is seen once.
import type { Netns } from './fabric.ts';
import { addressPart } from './cidr.ts';
import { stableMac } from './names.ts';

export interface Crossing {
  from: Netns;
  dev: string;
  to: Netns;
  /** The node whose cni0 switched the packet between two of its pods. */
  bridge?: Netns;
  src: string;
  dst: string;
  dport: number;
  ttl: number;
}

/** Called by the walk for each link a packet crosses; only set while a capture runs. */
export type Tap = (c: Crossing) => void;

export type LinkType = 'ether' | 'raw';

export interface Outer {
  kind: 'ipip' | 'vxlan';
  src: string;
  dst: string;
  /** Outer MACs (the nodes' eth0), for -e. */
  macSrc: string;
  macDst: string;
}

export interface Sighting {
  ns: string;
  dev: string;
  dir: 'In' | 'Out';
  link: LinkType;
  macSrc: string;
  macDst: string;
  outer?: Outer;
}

function dev(ns: Netns, name: string): { mac: string; ip?: string } {
  const i = ns.interfaces.find((x) => x.name === name);
  const mac = i?.mac || stableMac(`${ns.id}/${name}`);
  return { mac, ip: i?.addresses[0] === undefined ? undefined : addressPart(i.addresses[0]) };
}

/** Where a crossing is seen, in the order the devices see it. */
export function sightings(c: Crossing): Sighting[] {
  const out = c.from.interfaces.find((i) => i.name === c.dev);
  const link = out?.link;
  const s = (ns: Netns, d: string, dir: 'In' | 'Out', macSrc: string, macDst: string, extra: Partial<Sighting> = {}): Sighting => ({
    ns: ns.id,
    dev: d,
    dir,
    link: 'ether',
    macSrc,
    macDst,
    ...extra,
  });
  if (!link) return [];
  const srcMac = dev(c.from, c.dev).mac;
  switch (link.kind) {
    case 'loopback':
      return [s(c.from, 'lo', 'In', '00:00:00:00:00:00', '00:00:00:00:00:00')];
    case 'tunnel': {
      const a = dev(c.from, 'eth0');
      const b = dev(c.to, 'eth0');
      const outer: Outer = { kind: link.encap, src: a.ip ?? '', dst: b.ip ?? '', macSrc: a.mac, macDst: b.mac };
      const inner: LinkType = link.encap === 'ipip' ? 'raw' : 'ether';
      const peer = dev(c.to, c.dev).mac;
      return [
        s(c.from, c.dev, 'Out', srcMac, peer, { link: inner }),
        s(c.from, 'eth0', 'Out', srcMac, peer, { outer }),
        s(c.to, 'eth0', 'In', srcMac, peer, { outer }),
        s(c.to, c.dev, 'In', srcMac, peer, { link: inner }),
      ];
    }
    case 'pod-veth': {
      const host = c.from.attachment?.hostIfName ?? '';
      if (c.bridge) {
        const port = c.to.attachment?.hostIfName ?? '';
        const dstMac = dev(c.to, 'eth0').mac;
        return [
          s(c.from, 'eth0', 'Out', srcMac, dstMac),
          s(c.bridge, host, 'In', srcMac, dstMac),
          s(c.bridge, port, 'Out', srcMac, dstMac),
          s(c.to, 'eth0', 'In', srcMac, dstMac),
        ];
      }
      const dstMac = link.bridged ? dev(c.to, 'cni0').mac : dev(c.to, host).mac;
      const seen = [s(c.from, 'eth0', 'Out', srcMac, dstMac), s(c.to, host, 'In', srcMac, dstMac)];
      if (link.bridged) seen.push(s(c.to, 'cni0', 'In', srcMac, dstMac));
      return seen;
    }
    case 'bridge': {
      const port = c.to.attachment?.hostIfName ?? '';
      const dstMac = dev(c.to, 'eth0').mac;
      return [s(c.from, c.dev, 'Out', srcMac, dstMac), s(c.from, port, 'Out', srcMac, dstMac), s(c.to, 'eth0', 'In', srcMac, dstMac)];
    }
    case 'host-veth':
    case 'lan': {
      const dstMac = dev(c.to, 'eth0').mac;
      return [s(c.from, c.dev, 'Out', srcMac, dstMac), s(c.to, 'eth0', 'In', srcMac, dstMac)];
    }
    default:
      return [];
  }
}

/** The source port of a VXLAN packet: a hash of the inner flow, the same in both directions, in 32768..60999. */
export function vxlanSourcePort(a: string, b: string, proto: string): number {
  const key = [a, b].sort().join('|') + proto;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return 32768 + ((h >>> 0) % (60999 - 32768 + 1));
}
