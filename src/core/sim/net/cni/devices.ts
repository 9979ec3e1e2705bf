// Builders for the devices every CNI model uses: loopback, a node's uplink NIC, a pod's eth0, a host-side veth.
import { formatCidr, type Cidr } from '../cidr.ts';
import { stableMac } from '../names.ts';
import type { Attachment } from '../state.ts';
import type { Link, NetIf } from './driver.ts';

const ETHER_FLAGS = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

/** `lo` with 127.0.0.1/8, ifindex 1. */
export function loopback(): NetIf {
  return {
    name: 'lo',
    index: 1,
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    addresses: ['127.0.0.1/8'],
    state: 'UNKNOWN',
    type: 'loopback',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    qdisc: 'noqueue',
    link: { kind: 'loopback' },
  };
}

/** A node's NIC on the node subnet: eth0, ifindex 2, address nodeIP/prefix-of-subnet. */
export function nodeNic(nodeName: string, ip: string, nodeNet: Cidr): NetIf {
  return {
    name: 'eth0',
    index: 2,
    mac: stableMac(`node/${nodeName}/eth0`),
    mtu: 1500,
    addresses: [`${ip}/${nodeNet.prefix}`],
    state: 'UP',
    type: 'ether',
    flags: ETHER_FLAGS,
    qdisc: 'fq_codel',
    brd: true,
    link: { kind: 'lan' },
  };
}

/** The pod end of its veth pair: eth0, peered with the host-side veth. */
export function podEth0(pod: Attachment, index: number, mtu: number, address: string, bridged: boolean, brd: boolean): NetIf {
  return {
    name: 'eth0',
    index,
    mac: stableMac(`pod/${pod.namespace}/${pod.pod}/${pod.uid}/eth0`),
    mtu,
    addresses: [address],
    state: 'UP',
    type: 'veth',
    peer: { index: pod.hostIfIndex, name: pod.hostIfName },
    flags: ETHER_FLAGS,
    qdisc: 'noqueue',
    linkNetnsId: 0,
    brd,
    link: { kind: 'pod-veth', node: pod.node, bridged },
  };
}

/** The node end of a pod's veth pair. */
export function hostVeth(
  pod: Attachment,
  podIndex: number,
  mtu: number,
  options: { mac?: string; master?: string; addresses?: string[] } = {},
): NetIf {
  const link: Link = { kind: 'host-veth', namespace: pod.namespace, pod: pod.pod };
  return {
    name: pod.hostIfName,
    index: pod.hostIfIndex,
    mac: options.mac ?? stableMac(`node/${pod.node}/${pod.hostIfName}`),
    mtu,
    addresses: options.addresses ?? [],
    state: 'UP',
    type: 'veth',
    peer: { index: podIndex, name: 'eth0' },
    flags: ETHER_FLAGS,
    qdisc: 'noqueue',
    master: options.master,
    linkNetnsId: pod.linkNetnsId,
    link,
  };
}

/** "10.0.0.0/24" for a node subnet; re-exported for drivers' connected routes. */
export function cidrText(c: Cidr): string {
  return formatCidr(c);
}

export { ETHER_FLAGS };
