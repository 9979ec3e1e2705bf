// The why of a policy decision: a stable code with parameters (for pages that translate), and the sentence in
// English or Chinese. Modelled on Policy Assistant's walkthrough (kubernetes-sigs/network-policy-api,
// cmd/policy-assistant): which policies select the pod, in which direction, and which rule and peer matched.
import { formatSelector } from '../../api/selector.ts';
import type { PolicyIndex } from './evaluate.ts';
import type { AdminMatch } from './admin.ts';
import type { DirectionVerdict, NetworkPolicyPeer, PolicyTraffic } from './types.ts';

export type PolicyReasonCode =
  | 'policy-denied-ingress'
  | 'policy-denied-egress'
  | 'policy-allowed'
  | 'policy-not-enforced'
  | 'admin-denied'
  | 'admin-allowed'
  | 'admin-not-enforced';

/** A reason as data: the code and its parameters, all strings. */
export interface ReasonCode {
  code: PolicyReasonCode;
  params: Record<string, string>;
}

export type ReasonLang = 'en' | 'zh-CN';

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
  return { tier: tierKind(m), policy: m.policy, priority: m.priority === undefined ? '' : String(m.priority), rule: String(m.rule), ruleName: m.ruleName, action: m.action };
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
      params: { pod: v.pod, policies: v.isolatedBy.join(', '), count: String(v.isolatedBy.length), peer: far, traffic: traffic(t), engine, at: at ?? '', ...passedParams(v) },
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

type Sentences = Record<PolicyReasonCode, (p: Record<string, string>) => string>;

/** "AdminNetworkPolicy deny-y (priority 10), ingress rule #0 "deny-from-y" (Deny)". */
function adminRef(p: Record<string, string>): string {
  return `${p.tier} ${p.policy}${p.priority ? ` (priority ${p.priority})` : ''}, ${p.direction} rule #${p.rule}${p.ruleName ? ` "${p.ruleName}"` : ''} (${p.action})`;
}

function adminRefZh(p: Record<string, string>): string {
  return `${p.tier} ${p.policy}${p.priority ? `（优先级 ${p.priority}）` : ''}的第 ${p.rule} 条${p.direction === 'ingress' ? '入站' : '出站'}规则${p.ruleName ? ` "${p.ruleName}"` : ''}（${p.action}）`;
}

const PASSED_EN = (p: Record<string, string>): string => (p.passed ? ` (AdminNetworkPolicy ${p.passed} passed it on to NetworkPolicy)` : '');
const PASSED_ZH = (p: Record<string, string>): string => (p.passed ? `（AdminNetworkPolicy ${p.passed} 以 Pass 将其交给 NetworkPolicy）` : '');

const EN: Sentences = {
  'policy-denied-ingress': (p) =>
    `ingress to pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no ingress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}${PASSED_EN(p)}`,
  'policy-denied-egress': (p) =>
    `egress from pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no egress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}${PASSED_EN(p)}`,
  'policy-allowed': (p) =>
    `${p.direction} of pod ${p.pod} allowed by NetworkPolicy ${p.policy}, ${p.direction} rule #${p.rule}${p.peerIndex ? `, peer #${p.peerIndex} (${p.rulePeer})` : ' (any peer)'} for ${p.peer} on ${p.traffic}${PASSED_EN(p)}`,
  'admin-denied': (p) =>
    `${p.direction} of pod ${p.pod} denied by ${adminRef(p)} for ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}; ${
      p.tier === 'AdminNetworkPolicy' ? 'AdminNetworkPolicy is evaluated before NetworkPolicy' : `no NetworkPolicy selects this pod for ${p.direction}, so the baseline applies`
    }`,
  'admin-allowed': (p) =>
    `${p.direction} of pod ${p.pod} allowed by ${adminRef(p)} for ${p.peer} on ${p.traffic}; ${
      p.tier === 'AdminNetworkPolicy' ? 'NetworkPolicy is not consulted' : `no NetworkPolicy selects this pod for ${p.direction}, so the baseline applies`
    }`,
  'admin-not-enforced': (p) => `${p.engine} does not enforce ${p.tier}; ${adminRef(p)} matches this connection (${p.pod})`,
  'policy-not-enforced': (p) =>
    `${p.engine} does not enforce NetworkPolicy; ${p.policies.includes(',') ? `policies ${p.policies} select` : `policy ${p.policies} selects`} this pod (${p.pod}, ${p.direction})`,
};

const ZH: Sentences = {
  'policy-denied-ingress': (p) =>
    `Pod ${p.pod} 的入站流量被 NetworkPolicy ${p.policies} 隔离，且没有任何入站规则允许 ${p.peer} 访问 ${p.traffic}，因此 ${p.engine}${p.at ? ` 在 ${p.at} 上` : ''}丢弃了该数据包${PASSED_ZH(p)}`,
  'policy-denied-egress': (p) =>
    `Pod ${p.pod} 的出站流量被 NetworkPolicy ${p.policies} 隔离，且没有任何出站规则允许访问 ${p.peer} 的 ${p.traffic}，因此 ${p.engine}${p.at ? ` 在 ${p.at} 上` : ''}丢弃了该数据包${PASSED_ZH(p)}`,
  'policy-allowed': (p) =>
    `Pod ${p.pod} 的${p.direction === 'ingress' ? '入站' : '出站'}流量由 NetworkPolicy ${p.policy} 的第 ${p.rule} 条${p.direction === 'ingress' ? '入站' : '出站'}规则${p.peerIndex ? `（第 ${p.peerIndex} 个对端：${p.rulePeer}）` : '（任意对端）'}放行：${p.peer}，${p.traffic}${PASSED_ZH(p)}`,
  'admin-denied': (p) =>
    `Pod ${p.pod} 的${p.direction === 'ingress' ? '入站' : '出站'}流量被 ${adminRefZh(p)}拒绝：${p.peer}，${p.traffic}，因此 ${p.engine}${p.at ? ` 在 ${p.at} 上` : ''}丢弃了该数据包；${
      p.tier === 'AdminNetworkPolicy' ? 'AdminNetworkPolicy 先于 NetworkPolicy 生效' : '没有 NetworkPolicy 选中此 Pod，因此基线策略生效'
    }`,
  'admin-allowed': (p) =>
    `Pod ${p.pod} 的${p.direction === 'ingress' ? '入站' : '出站'}流量由 ${adminRefZh(p)}放行：${p.peer}，${p.traffic}；${
      p.tier === 'AdminNetworkPolicy' ? '不再检查 NetworkPolicy' : '没有 NetworkPolicy 选中此 Pod，因此基线策略生效'
    }`,
  'admin-not-enforced': (p) => `${p.engine} 不执行 ${p.tier}；${adminRefZh(p)}匹配此连接（${p.pod}）`,
  'policy-not-enforced': (p) => `${p.engine} 不执行 NetworkPolicy；策略 ${p.policies} 选中了此 Pod（${p.pod}，${p.direction === 'ingress' ? '入站' : '出站'}）`,
};

const SENTENCES: Record<ReasonLang, Sentences> = { en: EN, 'zh-CN': ZH };

/** The sentence of a reason code, in a language (English when the language has no table). */
export function reasonText(r: ReasonCode, lang: ReasonLang = 'en'): string {
  return (SENTENCES[lang] ?? EN)[r.code](r.params);
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
  if (v.kind === 'allowed') return `${ctx.engineName}: ${v.direction} of pod ${v.pod} allowed by NetworkPolicy ${v.by.policy} (${v.direction} rule #${v.by.rule}${v.by.peer === undefined ? '' : `, peer #${v.by.peer}`})`;
  if (v.kind === 'denied') return `${ctx.engineName}: ${v.direction} of pod ${v.pod} is isolated by ${v.isolatedBy.join(', ')} and no rule allows ${far} on ${tr}: dropped at ${dev}`;
  return undefined;
}
