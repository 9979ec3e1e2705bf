// Checks of a lesson's pins and faults against the resolved nodes: every impossible spec is a clear lesson-invalid error.
import type { CniModel, FaultSpec, PinSpec } from '../../lesson/model.ts';
import { PodlabError } from '../../errors.ts';
import type { ResolvedNode } from '../contracts.ts';
import { containsIp, parseCidr, parseIp } from './cidr.ts';
import { IPAM_BY_CNI } from './ipam/models.ts';

function invalid(message: string): PodlabError {
  return new PodlabError('lesson-invalid', message);
}

function nodeNamed(nodes: ResolvedNode[], name: string, what: string): ResolvedNode {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw invalid(`${what} names node "${name}", which is not in cluster.nodes (${nodes.map((n) => n.name).join(', ')})`);
  return node;
}

/** Normalise pins (namespace defaults to "default") and check them: known node, IP inside that node's block and free. */
export function checkPins(pins: PinSpec[], nodes: ResolvedNode[], cni: CniModel): PinSpec[] {
  const seenPods = new Set<string>();
  const seenIps = new Map<string, string>();
  return pins.map((p) => {
    const pin: PinSpec = { ...p, namespace: p.namespace ?? 'default' };
    const who = `pin of pod ${pin.namespace}/${pin.pod}`;
    const key = `${pin.namespace}/${pin.pod}`;
    if (seenPods.has(key)) throw invalid(`pod ${key} is pinned twice`);
    seenPods.add(key);
    const node = pin.node === undefined ? undefined : nodeNamed(nodes, pin.node, who);
    if (pin.ip === undefined) return pin;
    const ip = parseIp(pin.ip);
    if (ip === undefined) throw invalid(`${who}: "${pin.ip}" is not an IPv4 address`);
    const home = node ?? nodes.find((n) => containsIp(parseCidr(n.podCIDR) ?? { network: 0, prefix: 32 }, ip));
    if (!home) throw invalid(`${who}: ${pin.ip} is in no node's pod block (${nodes.map((n) => `${n.name} ${n.podCIDR}`).join(', ')})`);
    const block = parseCidr(home.podCIDR);
    if (!block || !containsIp(block, ip)) {
      throw invalid(`${who}: ${pin.ip} is outside node ${home.name}'s pod block ${home.podCIDR}`);
    }
    if (IPAM_BY_CNI[cni].reserved(block).includes(ip)) {
      throw invalid(`${who}: ${pin.ip} is reserved in ${home.podCIDR} (network, gateway, broadcast or tunnel address)`);
    }
    const other = seenIps.get(pin.ip);
    if (other !== undefined) throw invalid(`pods ${other} and ${key} are pinned to the same ip ${pin.ip}`);
    seenIps.set(pin.ip, key);
    return pin;
  });
}

/** Check faults: their nodes exist; a drop-route target is another node's name or a CIDR. */
export function checkFaults(faults: FaultSpec[], nodes: ResolvedNode[]): FaultSpec[] {
  for (const f of faults) {
    nodeNamed(nodes, f.node, `fault ${f.kind}`);
    if (f.kind !== 'drop-route') continue;
    if (nodes.some((n) => n.name === f.to)) {
      if (f.to === f.node) throw invalid(`fault drop-route on ${f.node}: a node cannot drop the route to its own pod block`);
    } else if (!parseCidr(f.to, true)) {
      throw invalid(`fault drop-route on ${f.node}: "${f.to}" is neither a node name nor a CIDR`);
    }
  }
  return faults.map((f) => ({ ...f }));
}
