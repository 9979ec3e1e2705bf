// The policy part of a probe's explanation: the reason codes of a walk (denied, allowed by a rule) and, on a CNI that
// does not enforce, what the policies would have said.
import type { Netns } from '../fabric.ts';
import type { WalkResult } from '../walk.ts';
import type { PolicyGate } from './enforcement.ts';
import { adminNotEnforcedReason, notEnforcedReason, policyReason, type ReasonCode } from './explain.ts';
import type { DirectionVerdict, PolicyTraffic } from './types.ts';

/** The reason code of a walk that policy dropped. */
export function dropCode(gate: PolicyGate, w: WalkResult): ReasonCode | undefined {
  const e = w.end;
  if (e.kind !== 'dropped' || e.why !== 'policy') return undefined;
  return policyReason(e.verdict, e.traffic, gate, e.dev);
}

/** The verdicts a non-enforcing CNI ignored for a delivered request: egress of the source, ingress of the destination. */
function judged(gate: PolicyGate, source: Netns, req: WalkResult): { verdict: DirectionVerdict; traffic: PolicyTraffic }[] {
  const t: PolicyTraffic = { src: req.pkt.src ?? '', dst: req.pkt.dst, port: req.pkt.dport, proto: req.pkt.proto };
  const out: { verdict: DirectionVerdict; traffic: PolicyTraffic }[] = [];
  if (source.kind === 'pod') {
    const v = gate.egress(source, t);
    if (v) out.push({ verdict: v, traffic: t });
  }
  if (req.at.kind === 'pod' && req.at.attachment) {
    const v = gate.ingress(req.at.attachment, t, source);
    if (v) out.push({ verdict: v, traffic: t });
  }
  return out;
}

/** The reason codes of a delivered request: rules that allowed it, or policies a non-enforcing CNI ignored. */
export function deliveredCodes(gate: PolicyGate | undefined, source: Netns, req: WalkResult): ReasonCode[] {
  if (!gate || !gate.active()) return [];
  if (gate.engine.enforces) {
    const out: ReasonCode[] = [];
    for (const p of req.policy) {
      const r = policyReason(p.verdict, p.traffic, gate);
      if (r) out.push(r);
      const n = adminNotEnforcedReason(p.verdict, gate.engine.name);
      if (n) out.push(n);
    }
    return out;
  }
  const out: ReasonCode[] = [];
  for (const { verdict } of judged(gate, source, req)) {
    if (verdict.kind === 'denied') out.push(notEnforcedReason(verdict, gate.engine.name));
    const n = adminNotEnforcedReason(verdict, gate.engine.name);
    if (n) out.push(n);
  }
  return out;
}
