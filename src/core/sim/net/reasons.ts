// One plain English sentence for how a walk ended, for probe explanations and check verdicts.
import type { Listener } from '../contracts.ts';
import { cidrHas } from './cidr.ts';
import type { Netns } from './fabric.ts';
import { formatRoute } from './routing.ts';
import type { WalkResult } from './walk.ts';
import type { PolicyGate } from './policy/enforcement.ts';
import { reasonText } from './policy/explain.ts';
import { dropCode } from './policy/notes.ts';

export interface ReasonContext {
  source: Netns;
  /** What the caller asked for, before any NAT. */
  target: { ip: string; port: number; proto: 'TCP' | 'UDP' | 'ICMP' };
  serviceCIDR: string;
  /** NetworkPolicy, to explain a policy drop. */
  policy?: PolicyGate;
}

function dest(w: WalkResult): string {
  return `${w.pkt.dst}${w.pkt.proto === 'ICMP' ? '' : `:${w.pkt.dport}`}`;
}

function viaService(w: WalkResult): string {
  const d = w.dnat;
  if (!d) return '';
  const node = d.at.replace(/^node\//, 'node ');
  return `; kube-proxy on ${node} sent it for service ${d.service} to ${d.backend.ip}:${d.backend.port}`;
}

/** Why a packet that left by the default route was lost off-cluster. */
function offCluster(w: WalkResult, c: ReasonContext): string {
  const byDefault = [...w.path].reverse().find((p) => p.ns.kind !== 'router' && p.route.dst === 'default');
  const gw = byDefault?.route.via ?? 'the default gateway';
  if (c.target.proto !== 'ICMP' && cidrHas(c.serviceCIDR, w.pkt.dst) && !w.dnat) {
    return `no Service uses ${w.pkt.dst}:${w.pkt.dport}/${c.target.proto} and no device owns a ClusterIP, so the packet left through the default gateway ${gw} and was lost`;
  }
  if (c.target.proto === 'ICMP' && cidrHas(c.serviceCIDR, w.pkt.dst)) {
    return `${w.pkt.dst} is a ClusterIP: kube-proxy only translates a Service's TCP/UDP ports and no device owns the address, so the echo request left through the default gateway ${gw} and was lost`;
  }
  const who = byDefault ? byDefault.ns.label : c.source.label;
  return `${who} has no route to ${w.pkt.dst}, so it sent the packet to its default gateway ${gw}, which has no route into the cluster; it was lost`;
}

/** The sentence for a walk that did not deliver. */
export function failureReason(w: WalkResult, c: ReasonContext): string {
  const end = w.end;
  const last = w.path[w.path.length - 1];
  switch (end.kind) {
    case 'rejected':
      return `service ${end.service} has no ready endpoints for port ${end.port}/${end.protocol}, so kube-proxy on ${w.at.label} rejects the connection`;
    case 'dropped':
      if (end.why === 'node-down') return `${w.at.node} is down, so the packet to ${dest(w)} was dropped there`;
      if (end.why === 'off-cluster') return offCluster(w, c);
      if (end.why === 'blackhole') {
        return `${w.at.label} has only the blackhole route ${last ? formatRoute(last.route) : ''} for ${w.pkt.dst}: no pod there has that address, so the packet was dropped`;
      }
      if (end.why === 'policy') {
        const code = c.policy ? dropCode(c.policy, w) : undefined;
        return code ? reasonText(code) : `NetworkPolicy dropped the packet to ${dest(w)} at ${w.at.label}`;
      }
      if (end.why === 'no-local-endpoints') {
        return `service ${end.service} sends traffic for port ${end.port}/${end.protocol} only to endpoints on the node it arrives at (traffic policy Local), and ${w.at.node} has none, so kube-proxy drops it`;
      }
      if (end.why === 'device-down') return `${w.at.label} would send it through a device that is down, so it was dropped`;
      return `${w.pkt.dst} reached ${w.at.label}, which does not own that address and does not forward, so it was dropped`;
    case 'unreachable':
      if (end.errno === 'ENETUNREACH') return `${w.at.label} has no route to ${w.pkt.dst} (Network is unreachable)`;
      if (end.errno === 'EINVAL') {
        return `${w.at.label} routes ${w.pkt.dst} to the blackhole ${last ? formatRoute(last.route) : ''}: no pod there has that address, so the kernel refuses to send (Invalid argument)`;
      }
      if (end.icmp === 'Time to live exceeded')
        return `the packet to ${w.pkt.dst} went round in a loop until its TTL ran out at ${w.at.label}`;
      if (end.icmp === 'Destination Net Unreachable')
        return `${w.at.label} has no route to ${w.pkt.dst} and answered Destination Net Unreachable`;
      return `nothing answered ARP for ${last?.route.via ?? w.pkt.dst} on ${w.at.label}'s ${last?.route.dev ?? 'link'}, so ${w.pkt.dst} is unreachable (No route to host)`;
    case 'delivered':
      return `delivered to ${dest(w)}`;
  }
}

/** The sentence for a delivered TCP/UDP packet: connected, or refused by the destination. */
export function deliveredReason(w: WalkResult, c: ReasonContext, listener: Listener | undefined): string {
  const where = `${dest(w)} (${w.at.label})`;
  if (listener)
    return `${c.source.label} reached ${where}, where ${listener.process} listens on ${listener.protocol} ${listener.port}${viaService(w)}`;
  const answer = w.pkt.proto === 'TCP' ? 'a TCP reset' : 'ICMP port unreachable';
  const who = w.at.kind === 'pod' ? 'the pod' : w.at.label;
  return `nothing listens on ${where}; ${who} answered with ${answer}${viaService(w)}`;
}

/** The sentence for a reply that never made it back to the sender. */
export function lostReplyReason(reply: WalkResult, c: ReasonContext, what: string): string {
  return `the ${what} from ${reply.path[0]?.ns.label ?? reply.at.label} never got back: ${failureReason(reply, c)}`;
}
