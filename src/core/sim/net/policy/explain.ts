// The why of a policy decision: a stable code with parameters (for pages that translate), and the sentence in
// English or Chinese. Modelled on Policy Assistant's walkthrough (kubernetes-sigs/network-policy-api,
// cmd/policy-assistant): which policies select the pod, in which direction, and which rule and peer matched.
import { formatSelector } from '../../api/selector.ts';
import type { PolicyIndex } from './evaluate.ts';
import type { DirectionVerdict, NetworkPolicyPeer, PolicyTraffic } from './types.ts';

// The sentences (English and Chinese) live in i18n/policy.ts, so that the page and the CLI translate a reason
// by its code without loading the simulator.
import type { ReasonCode } from '../../../i18n/policy.ts';
export { reasonText, type PolicyReasonCode, type ReasonCode, type ReasonLang } from '../../../i18n/policy.ts';

function peerText(p: NetworkPolicyPeer | undefined): string {
  if (!p) return 'any peer';
  if (p.ipBlock) return `ipBlock ${p.ipBlock.cidr}${p.ipBlock.except?.length ? ` except ${p.ipBlock.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (p.namespaceSelector) parts.push(`namespaceSelector ${formatSelector(p.namespaceSelector) || '{}'}`);
  if (p.podSelector) parts.push(`podSelector ${formatSelector(p.podSelector) || '{}'}`);
  return parts.join(' AND ');
}

function traffic(t: PolicyTraffic): string {
  return t.proto === 'ICMP' ? 'ICMP' : `${t.port}/${t.proto}`;
}

/** The structured reason for a verdict that matters (denied or allowed by a rule); undefined otherwise. */
export function policyReason(v: DirectionVerdict, t: PolicyTraffic, ctx: ExplainContext, at?: string): ReasonCode | undefined {
  const { index, engineName: engine } = ctx;
  const far = ctx.peerLabel(v.direction === 'ingress' ? t.src : t.dst);
  if (v.kind === 'denied') {
    return {
      code: v.direction === 'ingress' ? 'policy-denied-ingress' : 'policy-denied-egress',
      params: { pod: v.pod, policies: v.isolatedBy.join(', '), count: String(v.isolatedBy.length), peer: far, traffic: traffic(t), engine, at: at ?? '' },
    };
  }
  if (v.kind === 'allowed') {
    const np = index.policy(v.by.policy);
    const rules = v.direction === 'ingress' ? np?.spec?.ingress : np?.spec?.egress;
    const rule = rules?.[v.by.rule] as { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[] } | undefined;
    const peers = v.direction === 'ingress' ? rule?.from : rule?.to;
    return {
      code: 'policy-allowed',
      params: {
        pod: v.pod,
        direction: v.direction,
        policy: v.by.policy,
        rule: String(v.by.rule),
        peerIndex: v.by.peer === undefined ? '' : String(v.by.peer),
        rulePeer: peerText(v.by.peer === undefined ? undefined : peers?.[v.by.peer]),
        peer: far,
        traffic: traffic(t),
      },
    };
  }
  return undefined;
}

/** The reason flannel gives: the policies that would isolate the pod, and that nothing enforces them. */
export function notEnforcedReason(v: Extract<DirectionVerdict, { kind: 'denied' }>, engine: string): ReasonCode {
  return { code: 'policy-not-enforced', params: { engine, pod: v.pod, direction: v.direction, policies: v.isolatedBy.join(', ') } };
}

/** What explaining needs from the gate: policies by name, a label for an address, the engine's name. */
export interface ExplainContext {
  index: PolicyIndex;
  engineName: string;
  peerLabel(ip: string): string;
}
