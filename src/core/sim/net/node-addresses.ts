// Node host addresses: given ones checked against the node subnet, the rest numbered from the CNI's first host.
import type { NodeSpec } from '../../lesson/model.ts';
import { PodlabError } from '../../errors.ts';
import { containsIp, formatCidr, formatIp, lastOf, nthIp, parseIp, sizeOf, type Cidr } from './cidr.ts';

function invalid(message: string): PodlabError {
  return new PodlabError('lesson-invalid', message);
}

/** The node subnet's router (its first host address): nodes' default gateway and DNS resolver. */
export function gatewayOf(nodeNet: Cidr): number {
  return nodeNet.network + 1;
}

/**
 * Assign node addresses. Given `ip`s must be inside the node subnet and not its network, broadcast or gateway
 * address, and distinct; the others take the next free host number from `firstHost` in node order.
 */
export function assignNodeIps(nodes: NodeSpec[], nodeNet: Cidr, firstHost: number): string[] {
  const used = new Map<number, string>();
  const reserved = new Set([nodeNet.network, lastOf(nodeNet), gatewayOf(nodeNet)]);
  for (const n of nodes) {
    if (n.ip === undefined) continue;
    const ip = parseIp(n.ip);
    if (ip === undefined) throw invalid(`node ${n.name}: ip "${n.ip}" is not an IPv4 address`);
    if (!containsIp(nodeNet, ip)) throw invalid(`node ${n.name}: ip ${n.ip} is not inside the node subnet ${formatCidr(nodeNet)}`);
    if (reserved.has(ip))
      throw invalid(`node ${n.name}: ip ${n.ip} is the network, broadcast or gateway address of ${formatCidr(nodeNet)}`);
    const other = used.get(ip);
    if (other !== undefined) throw invalid(`nodes ${other} and ${n.name} have the same ip ${n.ip}`);
    used.set(ip, n.name);
  }
  let host = firstHost;
  return nodes.map((n) => {
    if (n.ip !== undefined) return n.ip;
    for (;;) {
      const ip = nthIp(nodeNet, host++);
      if (ip === undefined || host > sizeOf(nodeNet)) {
        throw invalid(`the node subnet ${formatCidr(nodeNet)} has no free address left for node ${n.name}`);
      }
      if (!used.has(ip) && !reserved.has(ip)) {
        used.set(ip, n.name);
        return formatIp(ip);
      }
    }
  });
}
