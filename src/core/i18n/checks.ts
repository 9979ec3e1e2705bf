// Checks as sentences for learners ("busybox reaches nginx-pod on port 80", "busybox 能访问 nginx-pod 的 80 端口"),
// from the parsed expectation; and the rule as written without its internal [modifiers].
import type { Expectation, ReachVerdict } from '../lesson/model.ts';
import { baseLang } from './reasons.ts';

/** A piece of a sentence: words, or a name/value to show as code. */
export type SentencePart = { text: string } | { code: string };

const REACH: Record<'en' | 'zh', Record<ReachVerdict, { port: string; icmp: string }>> = {
  en: {
    ok: { port: '{from} reaches {to} on port {port}', icmp: '{from} can ping {to}' },
    blocked: { port: '{from} cannot reach {to} on port {port}', icmp: '{from} cannot ping {to}' },
    refused: { port: '{to} refuses {from} on port {port}', icmp: '{to} refuses the ping from {from}' },
    timeout: { port: '{from} times out on port {port} of {to}', icmp: 'the ping from {from} to {to} times out' },
    nxdomain: { port: '{from} cannot resolve the name {to}', icmp: '{from} cannot resolve the name {to}' },
    'no-route': { port: '{from} has no route to {to}', icmp: '{from} has no route to {to}' },
  },
  zh: {
    ok: { port: '{from} 能访问 {to} 的 {port} 端口', icmp: '{from} 能 ping 通 {to}' },
    blocked: { port: '{from} 访问不了 {to} 的 {port} 端口', icmp: '{from} ping 不通 {to}' },
    refused: { port: '{from} 访问 {to} 的 {port} 端口时被拒绝', icmp: '{to} 拒绝了 {from} 的 ping' },
    timeout: { port: '{from} 访问 {to} 的 {port} 端口超时', icmp: '{from} ping {to} 超时' },
    nxdomain: { port: '{from} 解析不了名称 {to}', icmp: '{from} 解析不了名称 {to}' },
    'no-route': { port: '{from} 没有到 {to} 的路由', icmp: '{from} 没有到 {to} 的路由' },
  },
};

type Output = Extract<Expectation, { kind: 'output' }>;
type ObjectCheck = Extract<Expectation, { kind: 'object' }>;

const OUTPUT: Record<'en' | 'zh', Record<Output['matcher'], string>> = {
  en: {
    contains: 'the output contains {v}',
    'not-contains': 'the output does not contain {v}',
    regex: 'the output matches the pattern {v}',
    'exit-code': 'the commands exit with code {v}',
    applied: 'kubectl applied {v}',
  },
  zh: {
    contains: '输出包含 {v}',
    'not-contains': '输出不包含 {v}',
    regex: '输出匹配正则表达式 {v}',
    'exit-code': '命令的退出码为 {v}',
    applied: 'kubectl 已应用 {v}',
  },
};

/** `output of N …`: the sentence names the command it is bound to. */
const OF_LINE: Record<'en' | 'zh', string> = { en: 'command {n}: ', zh: '第 {n} 条命令：' };

const OBJECT: Record<'en' | 'zh', Record<ObjectCheck['state'] | 'ready-n', string>> = {
  en: { exists: '{v} exists', absent: '{v} does not exist', ready: '{v} is ready', 'ready-n': '{v} has {n} ready' },
  zh: { exists: '{v} 存在', absent: '{v} 不存在', ready: '{v} 已就绪', 'ready-n': '{v} 有 {n} 个就绪' },
};

function fill(template: string, values: Record<string, string>): SentencePart[] {
  return template
    .split(/(\{\w+\})/)
    .filter((p) => p !== '')
    .map((p) => {
      const m = /^\{(\w+)\}$/.exec(p);
      return m ? { code: values[m[1]] ?? '' } : { text: p };
    });
}

/** The expectation as a sentence in `lang` (English for languages without a table); names and values as code. */
export function checkSentenceParts(lang: string, exp: Expectation): SentencePart[] {
  const l = baseLang(lang) === 'zh' ? 'zh' : 'en';
  if (exp.kind === 'reach') {
    const forms = REACH[l][exp.expect];
    const icmp = exp.protocol === 'icmp' || exp.port === undefined;
    const port = exp.protocol === 'udp' ? `${exp.port ?? ''}/UDP` : String(exp.port ?? '');
    return fill(icmp ? forms.icmp : forms.port, { from: exp.from, to: exp.to, port });
  }
  if (exp.kind === 'object') {
    const ref = `${exp.namespace ? `${exp.namespace}/` : ''}${exp.resource}/${exp.name}`;
    const form = exp.state === 'ready' && exp.count !== undefined ? 'ready-n' : exp.state;
    return fill(OBJECT[l][form], { v: ref, n: String(exp.count ?? '') });
  }
  const v =
    exp.matcher === 'regex'
      ? `/${exp.value}/${exp.flags ?? ''}`
      : exp.matcher === 'exit-code' || exp.matcher === 'applied'
        ? exp.value
        : JSON.stringify(exp.value);
  const parts = fill(OUTPUT[l][exp.matcher], { v });
  return exp.line === undefined ? parts : [...fill(OF_LINE[l], { n: String(exp.line) }), ...parts];
}

/** The sentence as plain text (CLI, feedback files). */
export function checkSentence(lang: string, exp: Expectation): string {
  return checkSentenceParts(lang, exp)
    .map((p) => ('code' in p ? p.code : p.text))
    .join('');
}

/** The rule as the author wrote it, without the trailing `[points=… id=… hidden simulator]` modifiers. */
export function ruleText(text: string): string {
  return text.replace(/(\s*\[[^\]]*\])+\s*$/, '').trim();
}
