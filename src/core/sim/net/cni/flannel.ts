// flannel with the VXLAN backend: a /24 per node, pods on the cni0 bridge, flannel.1 VTEPs between nodes.
//
// Pod:  lo, eth0 podIP/24 (mtu 1450); `default via 10.244.N.1`, `<pod CIDR> via 10.244.N.1`, the connected /24.
// Node: lo, eth0, flannel.1 (10.244.N.0/32, vxlan, mtu 1450), cni0 (10.244.N.1/24, bridge; created by the bridge
//       plugin with the node's first pod and never removed), vethXXXXXXXX ports `master cni0`;
//       routes: `10.244.M.0/24 via 10.244.M.0 dev flannel.1 onlink` per other node, `10.244.N.0/24 dev cni0`.
import type { Route } from '../../contracts.ts';
import { formatCidr, formatIp } from '../cidr.ts';
import { stableMac, pluginVethName } from '../names.ts';
import { ETHER_FLAGS, hostVeth, loopback, nodeNic, podEth0 } from './devices.ts';
import type { CniDriver, NetIf, NodeContext } from './driver.ts';

const VXLAN_MTU = 1450;

function gatewayOf(ctx: NodeContext): string {
  return formatIp(ctx.block.network + 1);
}

export const flannel: CniDriver = {
  name: 'flannel',
  bridge: true,
  podEth0Index: 2,
  firstHostVethIndex: 5,
  hostVethName: (namespace, pod, uid) => pluginVethName(namespace, pod, uid),

  podInterfaces(pod, ctx) {
    return [loopback(), podEth0(pod, 2, VXLAN_MTU, `${pod.ip}/${ctx.block.prefix}`, true, true)];
  },

  podRoutes(pod, ctx) {
    const gw = gatewayOf(ctx);
    return [
      { dst: 'default', via: gw, dev: 'eth0' },
      { dst: ctx.cluster.podCIDR, via: gw, dev: 'eth0' },
      { dst: formatCidr(ctx.block), dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.ip },
    ];
  },

  nodeInterfaces(ctx) {
    const vtep: NetIf = {
      name: 'flannel.1',
      index: 3,
      mac: stableMac(`node/${ctx.node.name}/flannel.1`),
      mtu: VXLAN_MTU,
      addresses: [`${formatIp(ctx.block.network)}/32`],
      state: 'UNKNOWN',
      type: 'vxlan',
      flags: ETHER_FLAGS,
      qdisc: 'noqueue',
      link: { kind: 'tunnel', encap: 'vxlan' },
    };
    const out: NetIf[] = [loopback(), nodeNic(ctx.node.name, ctx.node.ip, ctx.nodeNet), vtep];
    if (ctx.bridgeUp) {
      out.push({
        name: 'cni0',
        index: 4,
        mac: stableMac(`node/${ctx.node.name}/cni0`),
        mtu: VXLAN_MTU,
        addresses: [`${gatewayOf(ctx)}/${ctx.block.prefix}`],
        state: 'UP',
        type: 'bridge',
        flags: ETHER_FLAGS,
        qdisc: 'noqueue',
        brd: true,
        link: { kind: 'bridge' },
      });
    }
    for (const p of ctx.pods) out.push(hostVeth(p, this.podEth0Index, VXLAN_MTU, { master: 'cni0' }));
    return out;
  },

  nodeRoutes(ctx) {
    const routes: Route[] = [
      { dst: 'default', via: ctx.gateway, dev: 'eth0', proto: 'static' },
      { dst: formatCidr(ctx.nodeNet), dev: 'eth0', proto: 'kernel', scope: 'link', src: ctx.node.ip },
    ];
    for (const peer of ctx.peers) {
      routes.push({ dst: formatCidr(peer.block), via: formatIp(peer.block.network), dev: 'flannel.1', onlink: true });
    }
    if (ctx.bridgeUp) {
      routes.push({ dst: formatCidr(ctx.block), dev: 'cni0', proto: 'kernel', scope: 'link', src: gatewayOf(ctx) });
    }
    return routes;
  },
};
