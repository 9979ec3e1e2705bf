// The why of a policy decision: a stable code with parameters (for pages that translate), and the sentence in
// English or Chinese. Modelled on Policy Assistant's walkthrough (kubernetes-sigs/network-policy-api,
// cmd/policy-assistant): which policies select the pod, in which direction, and which rule and peer matched.
import { formatSelector } from '../../api/selector.ts';
import type { PolicyIndex } from './evaluate.ts';
import type { AdminMatch } from './admin.ts';
import type { DirectionVerdict, NetworkPolicyPeer, PolicyTraffic } from './types.ts';

// The sentences (English and Chinese) live in i18n/policy.ts, so that the page and the CLI translate a reason
// by its code without loading the simulator.
import { adminRef, type ReasonCode } from '../../../i18n/policy.ts';
export { reasonText, type PolicyReasonCode, type ReasonCode, type ReasonLang } from '../../../i18n/policy.ts';

function peerText(p: NetworkPolicyPeer | undefined): string {
  if (!p) return 'any peer';
  if (p.ipBlock) return `ipBlock ${p.ipBlock.cidr}${p.ipBlock.except?.length ? ` except ${p.ipBlock.except.join(', ')}` : ''}`;
  const parts: string[] = [];
  if (p.namespaceSelector) parts.push(`namespaceSelector ${formatSelector(p.namespaceSelector) || '{}'}`);
  if (p.podSelector) parts.push(`podSelector ${formatSelector(p.podSelector) || '{}'}`);
  return parts.join(' AND ');
}

/** `passed`: the ANP rule that passed the connection on to NetworkPolicy ("" when none). */
function passedParams(v: DirectionVerdict): Record<string, string> {
  return v.passed ? { passed: `${v.passed.policy} rule #${v.passed.rule}${v.passed.ruleName ? ` "${v.passed.ruleName}"` : ''}` } : {};
}

function traffic(t: PolicyTraffic): string {
  return t.proto === 'ICMP' ? 'ICMP' : `${t.port}/${t.proto}`;
}

/** The kind an admin tier's policy is: "AdminNetworkPolicy", "BaselineAdminNetworkPolicy". */
function tierKind(m: AdminMatch): string {
  return m.tier === 'anp' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
}

/** The parameters naming an admin rule: tier, policy, priority, rule index and name, action. */
function adminParams(m: AdminMatch): Record<string, string> {
  return {
    tier: tierKind(m),
    policy: m.policy,
    priority: m.priority === undefined ? '' : String(m.priority),
    rule: String(m.rule),
    ruleName: m.ruleName,
    action: m.action,
  };
}

/** The reason an admin rule the CNI does not enforce would have denied this connection. */
export function adminNotEnforcedReason(v: DirectionVerdict, engine: string): ReasonCode | undefined {
  if (!v.ignored) return undefined;
  return { code: 'admin-not-enforced', params: { ...adminParams(v.ignored), engine, pod: v.pod, direction: v.direction } };
}

/** The structured reason for a verdict that matters (denied or allowed by a rule); undefined otherwise. */
export function policyReason(v: DirectionVerdict, t: PolicyTraffic, ctx: ExplainContext, at?: string): ReasonCode | undefined {
  const { index, engineName: engine } = ctx;
  const far = ctx.peerLabel(v.direction === 'ingress' ? t.src : t.dst);
  if ((v.kind === 'denied' || v.kind === 'allowed') && v.admin) {
    return {
      code: v.kind === 'denied' ? 'admin-denied' : 'admin-allowed',
      params: { ...adminParams(v.admin), pod: v.pod, direction: v.direction, peer: far, traffic: traffic(t), engine, at: at ?? '' },
    };
  }
  if (v.kind === 'denied') {
    return {
      code: v.direction === 'ingress' ? 'policy-denied-ingress' : 'policy-denied-egress',
      params: {
        pod: v.pod,
        policies: v.isolatedBy.join(', '),
        count: String(v.isolatedBy.length),
        peer: far,
        traffic: traffic(t),
        engine,
        at: at ?? '',
        ...passedParams(v),
      },
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
        ...passedParams(v),
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
/** The hop text of a verdict that matters (allowed by a rule, or denied) for the walk; undefined otherwise. */
export function policyHop(ctx: ExplainContext, v: DirectionVerdict, t: PolicyTraffic, dev: string): string | undefined {
  const far = ctx.peerLabel(v.direction === 'ingress' ? t.src : t.dst);
  const tr = traffic(t);
  if ((v.kind === 'allowed' || v.kind === 'denied') && v.admin) {
    const ref = adminRef({ ...adminParams(v.admin), direction: v.direction });
    return v.kind === 'allowed'
      ? `${ctx.engineName}: ${v.direction} of pod ${v.pod} allowed by ${ref}`
      : `${ctx.engineName}: ${v.direction} of pod ${v.pod} denied by ${ref} for ${far} on ${tr}: dropped at ${dev}`;
  }
  if (v.kind === 'allowed')
    return `${ctx.engineName}: ${v.direction} of pod ${v.pod} allowed by NetworkPolicy ${v.by.policy} (${v.direction} rule #${v.by.rule}${v.by.peer === undefined ? '' : `, peer #${v.by.peer}`})`;
  if (v.kind === 'denied')
    return `${ctx.engineName}: ${v.direction} of pod ${v.pod} is isolated by ${v.isolatedBy.join(', ')} and no rule allows ${far} on ${tr}: dropped at ${dev}`;
  return undefined;
}
