// The sentences of NetworkPolicy reason codes (src/core/sim/net/policy/explain.ts makes the codes), in English
// and Chinese. A leaf module: the simulator words its reasons with it, and the page, `podlab run` and grading
// feedback translate a probe's reason by its codes (`reasonCodes`) rather than by matching English text.

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

type Sentences = Record<PolicyReasonCode, (p: Record<string, string>) => string>;

/** "AdminNetworkPolicy deny-y (priority 10), ingress rule #0 "deny-from-y" (Deny)". */
export function adminRef(p: Record<string, string>): string {
  return `${p.tier} ${p.policy}${p.priority ? ` (priority ${p.priority})` : ''}, ${p.direction} rule #${p.rule}${p.ruleName ? ` "${p.ruleName}"` : ''} (${p.action})`;
}

function adminRefZh(p: Record<string, string>): string {
  return `${p.tier} ${p.policy}${p.priority ? `（优先级 ${p.priority}）` : ''}的第 ${p.rule} 条${p.direction === 'ingress' ? '入站' : '出站'}规则${p.ruleName ? ` "${p.ruleName}"` : ''}（${p.action}）`;
}

const PASSED_EN = (p: Record<string, string>): string =>
  p.passed ? ` (AdminNetworkPolicy ${p.passed} passed it on to NetworkPolicy)` : '';
const PASSED_ZH = (p: Record<string, string>): string =>
  p.passed ? `（AdminNetworkPolicy ${p.passed} 以 Pass 将其交给 NetworkPolicy）` : '';

const EN: Sentences = {
  'policy-denied-ingress': (p) =>
    `ingress to pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no ingress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}${PASSED_EN(p)}`,
  'policy-denied-egress': (p) =>
    `egress from pod ${p.pod} is isolated by NetworkPolicy ${p.policies}, and no egress rule of ${p.count === '1' ? 'it' : 'theirs'} allows ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}${PASSED_EN(p)}`,
  'policy-allowed': (p) =>
    `${p.direction} of pod ${p.pod} allowed by NetworkPolicy ${p.policy}, ${p.direction} rule #${p.rule}${p.peerIndex ? `, peer #${p.peerIndex} (${p.rulePeer})` : ' (any peer)'} for ${p.peer} on ${p.traffic}${PASSED_EN(p)}`,
  'admin-denied': (p) =>
    `${p.direction} of pod ${p.pod} denied by ${adminRef(p)} for ${p.peer} on ${p.traffic}, so ${p.engine} dropped the packet${p.at ? ` at ${p.at}` : ''}; ${
      p.tier === 'AdminNetworkPolicy'
        ? 'AdminNetworkPolicy is evaluated before NetworkPolicy'
        : `no NetworkPolicy selects this pod for ${p.direction}, so the baseline applies`
    }`,
  'admin-allowed': (p) =>
    `${p.direction} of pod ${p.pod} allowed by ${adminRef(p)} for ${p.peer} on ${p.traffic}; ${
      p.tier === 'AdminNetworkPolicy'
        ? 'NetworkPolicy is not consulted'
        : `no NetworkPolicy selects this pod for ${p.direction}, so the baseline applies`
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
  'policy-not-enforced': (p) =>
    `${p.engine} 不执行 NetworkPolicy；策略 ${p.policies} 选中了此 Pod（${p.pod}，${p.direction === 'ingress' ? '入站' : '出站'}）`,
};

const SENTENCES: Record<ReasonLang, Sentences> = { en: EN, 'zh-CN': ZH };

/** The sentence of a reason code, in a language (English when the language has no table). */
export function reasonText(r: ReasonCode, lang: ReasonLang = 'en'): string {
  return (SENTENCES[lang] ?? EN)[r.code](r.params);
}

/** Whether a code (as a probe carries it, a plain string) is one of ours. */
export function isPolicyCode(code: string): code is PolicyReasonCode {
  return Object.hasOwn(EN, code);
}

/** A probe's reason code (code as a plain string) in a page's language tag; the code itself when unknown. */
export function reasonCodeText(lang: string, r: { code: string; params: Record<string, string> }): string {
  if (!isPolicyCode(r.code)) return r.code;
  return reasonText({ code: r.code, params: r.params }, lang.split('-')[0].toLowerCase() === 'zh' ? 'zh-CN' : 'en');
}
