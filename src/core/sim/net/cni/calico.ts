// Calico in IPIP mode: /32 pod addresses behind proxy-ARP veths, a /26 block per node, BIRD routes over tunl0.
//
// Pod:  lo, tunl0@NONE (down: the ipip module adds one to every namespace), eth0 podIP/32, mtu 1480;
//       `default via 169.254.1.1 dev eth0` + `169.254.1.1 dev eth0 scope link` (the host veth answers ARP for all).
// Node: lo, eth0, tunl0 (the block's first address /32), cali<11 hex> veths (MAC ee:ee:ee:ee:ee:ee);
//       routes: other nodes' blocks `via <node IP> dev tunl0 proto bird onlink`, `blackhole <own block> proto bird`,
//       `<podIP> dev cali… scope link` per local pod, and a /32 via tunl0 for a pod whose address lies outside its
//       node's block (Calico advertises borrowed addresses individually).
import type { Route } from '../../contracts.ts';
import { containsIp, formatCidr, formatIp, parseIp } from '../cidr.ts';
import { CALICO_HOST_VETH_MAC, calicoVethName } from '../names.ts';
import { hostVeth, loopback, nodeNic, podEth0 } from './devices.ts';
import type { CniDriver, NetIf, NodeContext } from './driver.ts';

const IPIP_MTU = 1480;

function tunl0(index: number, address: string | undefined): NetIf {
  const up = address !== undefined;
  return {
    name: 'tunl0',
    index,
    mac: '0.0.0.0',
    mtu: IPIP_MTU,
    addresses: up ? [address] : [],
    state: up ? 'UNKNOWN' : 'DOWN',
    type: 'ipip',
    flags: up ? ['NOARP', 'UP', 'LOWER_UP'] : ['NOARP'],
    qdisc: up ? 'noqueue' : 'noop',
    link: up ? { kind: 'tunnel', encap: 'ipip' } : { kind: 'down' },
  };
}

function outsideBlock(ip: string, ctx: { block: { network: number; prefix: number } }): boolean {
  const a = parseIp(ip);
  return a !== undefined && !containsIp(ctx.block, a);
}

export const calico: CniDriver = {
  name: 'calico',
  bridge: false,
  podEth0Index: 3,
  firstHostVethIndex: 4,
  hostVethName: (namespace, pod) => calicoVethName(namespace, pod),

  podInterfaces(pod) {
    return [loopback(), tunl0(2, undefined), podEth0(pod, 3, IPIP_MTU, `${pod.ip}/32`, false, false)];
  },

  podRoutes() {
    return [
      { dst: 'default', via: '169.254.1.1', dev: 'eth0' },
      { dst: '169.254.1.1', dev: 'eth0', scope: 'link' },
    ];
  },

  nodeInterfaces(ctx: NodeContext) {
    return [
      loopback(),
      nodeNic(ctx.node.name, ctx.node.ip, ctx.nodeNet),
      tunl0(3, `${formatIp(ctx.block.network)}/32`),
      ...ctx.pods.map((p) => hostVeth(p, this.podEth0Index, IPIP_MTU, { mac: CALICO_HOST_VETH_MAC })),
    ];
  },

  nodeRoutes(ctx: NodeContext) {
    const routes: Route[] = [
      { dst: 'default', via: ctx.gateway, dev: 'eth0', proto: 'static' },
      { dst: formatCidr(ctx.nodeNet), dev: 'eth0', proto: 'kernel', scope: 'link', src: ctx.node.ip },
      { dst: formatCidr(ctx.block), dev: '', proto: 'bird', blackhole: true },
    ];
    for (const peer of ctx.peers) {
      routes.push({ dst: formatCidr(peer.block), via: peer.node.ip, dev: 'tunl0', proto: 'bird', onlink: true });
      for (const p of peer.pods) {
        if (outsideBlock(p.ip, peer)) routes.push({ dst: p.ip, via: peer.node.ip, dev: 'tunl0', proto: 'bird', onlink: true });
      }
    }
    for (const p of ctx.pods) routes.push({ dst: p.ip, dev: p.hostIfName, scope: 'link' });
    return routes;
  },
};
