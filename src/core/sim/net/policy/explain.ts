// The why of a policy decision: a stable code with parameters (for pages that translate), and the sentence in
// English or Chinese. Modelled on Policy Assistant's walkthrough (kubernetes-sigs/network-policy-api,
// cmd/policy-assistant): which policies select the pod, in which direction, and which rule and peer matched.
import { formatSelector } from '../../api/selector.ts';
import type { PolicyIndex } from './evaluate.ts';
import type { DirectionVerdict, NetworkPolicyPeer, PolicyTraffic } from './types.ts';

export type PolicyReasonCode = 'policy-denied-ingress' | 'policy-denied-egress' | 'policy-allowed' | 'policy-not-enforced';

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

type Sentences = Record<PolicyReasonCode, (p: Record<string, string>) => string>;

const EN: Sentences = {
  'policy-denied-ingress': (p) =>
    `ingress to pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no ingress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}`,
  'policy-denied-egress': (p) =>
    `egress from pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no egress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}`,
  'policy-allowed': (p) =>
    `${p.direction} of pod ${p.pod} allowed by NetworkPolicy ${p.policy}, ${p.direction} rule #${p.rule}${p.peerIndex ? `, peer #${p.peerIndex} (${p.rulePeer})` : ' (any peer)'} for ${p.peer} on ${p.traffic}`,
  'policy-not-enforced': (p) =>
    `${p.engine} does not enforce NetworkPolicy; ${p.policies.includes(',') ? `policies ${p.policies} select` : `policy ${p.policies} selects`} this pod (${p.pod}, ${p.direction})`,
};

const ZH: Sentences = {
  'policy-denied-ingress': (p) =>
    `Pod ${p.pod} 的入站流量被 NetworkPolicy ${p.policies} 隔离，且没有任何入站规则允许 ${p.peer} 访问 ${p.traffic}，因此 ${p.engine}${p.at ? ` 在 ${p.at} 上` : ''}丢弃了该数据包`,
  'policy-denied-egress': (p) =>
    `Pod ${p.pod} 的出站流量被 NetworkPolicy ${p.policies} 隔离，且没有任何出站规则允许访问 ${p.peer} 的 ${p.traffic}，因此 ${p.engine}${p.at ? ` 在 ${p.at} 上` : ''}丢弃了该数据包`,
  'policy-allowed': (p) =>
    `Pod ${p.pod} 的${p.direction === 'ingress' ? '入站' : '出站'}流量由 NetworkPolicy ${p.policy} 的第 ${p.rule} 条${p.direction === 'ingress' ? '入站' : '出站'}规则${p.peerIndex ? `（第 ${p.peerIndex} 个对端：${p.rulePeer}）` : '（任意对端）'}放行：${p.peer}，${p.traffic}`,
  'policy-not-enforced': (p) => `${p.engine} 不执行 NetworkPolicy；策略 ${p.policies} 选中了此 Pod（${p.pod}，${p.direction === 'ingress' ? '入站' : '出站'}）`,
};

const SENTENCES: Record<ReasonLang, Sentences> = { en: EN, 'zh-CN': ZH };

/** The sentence of a reason code, in a language (English when the language has no table). */
export function reasonText(r: ReasonCode, lang: ReasonLang = 'en'): string {
  return (SENTENCES[lang] ?? EN)[r.code](r.params);
}
