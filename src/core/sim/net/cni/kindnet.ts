// kindnet (kind's CNI): the ptp plugin with host-local IPAM, plain routes between nodes over the docker network.
//
// Pod:  lo, eth0 podIP/24 (mtu 1500); the ptp plugin's routes: `default via 10.244.N.1`, `10.244.N.0/24 via 10.244.N.1
//       src <podIP>`, `10.244.N.1 dev eth0 scope link src <podIP>`.
// Node: lo, eth0 (172.18.0.x/16), vethXXXXXXXX per pod carrying the gateway address 10.244.N.1/32;
//       routes: `10.244.M.0/24 via <node M IP> dev eth0` per other node, `<podIP> dev veth… scope host` per pod.
import type { Route } from '../../contracts.ts';
import { formatCidr, formatIp } from '../cidr.ts';
import { pluginVethName } from '../names.ts';
import { hostVeth, loopback, nodeNic, podEth0 } from './devices.ts';
import type { CniDriver, NodeContext } from './driver.ts';

const MTU = 1500;

function gatewayOf(ctx: NodeContext): string {
  return formatIp(ctx.block.network + 1);
}

export const kindnet: CniDriver = {
  name: 'kindnet',
  bridge: false,
  podEth0Index: 2,
  firstHostVethIndex: 3,
  hostVethName: (namespace, pod, uid) => pluginVethName(namespace, pod, uid),

  podInterfaces(pod, ctx) {
    return [loopback(), podEth0(pod, 2, MTU, `${pod.ip}/${ctx.block.prefix}`, false, true)];
  },

  podRoutes(pod, ctx) {
    const gw = gatewayOf(ctx);
    return [
      { dst: 'default', via: gw, dev: 'eth0' },
      { dst: formatCidr(ctx.block), via: gw, dev: 'eth0', src: pod.ip },
      { dst: gw, dev: 'eth0', scope: 'link', src: pod.ip },
    ];
  },

  nodeInterfaces(ctx) {
    return [
      loopback(),
      nodeNic(ctx.node.name, ctx.node.ip, ctx.nodeNet),
      ...ctx.pods.map((p) => hostVeth(p, this.podEth0Index, MTU, { addresses: [`${gatewayOf(ctx)}/32`] })),
    ];
  },

  nodeRoutes(ctx) {
    const routes: Route[] = [
      { dst: 'default', via: ctx.gateway, dev: 'eth0' },
      { dst: formatCidr(ctx.nodeNet), dev: 'eth0', proto: 'kernel', scope: 'link', src: ctx.node.ip },
    ];
    for (const peer of ctx.peers) routes.push({ dst: formatCidr(peer.block), via: peer.node.ip, dev: 'eth0' });
    for (const p of ctx.pods) routes.push({ dst: p.ip, dev: p.hostIfName, scope: 'host' });
    return routes;
  },
};
