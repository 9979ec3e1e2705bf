// Checks as sentences for learners ("busybox reaches nginx-pod on port 80", "busybox 能访问 nginx-pod 的 80 端口"),
// from the parsed expectation; and the rule as written without its internal [modifiers].
import type { Expectation, ReachVerdict } from '../lesson/model.ts';
import { baseLang } from './reasons.ts';

/** A piece of a sentence: words, or a name/value to show as code. */
export type SentencePart = { text: string } | { code: string };

type Reach = Extract<Expectation, { kind: 'reach' }>;

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

const OUTPUT: Record<'en' | 'zh', Record<Exclude<Expectation, Reach>['matcher'], string>> = {
  en: { contains: 'the output contains {v}', 'not-contains': 'the output does not contain {v}', regex: 'the output matches the pattern {v}', 'exit-code': 'the commands exit with code {v}' },
  zh: { contains: '输出包含 {v}', 'not-contains': '输出不包含 {v}', regex: '输出匹配正则表达式 {v}', 'exit-code': '命令的退出码为 {v}' },
};

function fill(template: string, values: Record<string, string>): SentencePart[] {
  return template.split(/(\{\w+\})/).filter((p) => p !== '').map((p) => {
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
  const v = exp.matcher === 'regex' ? `/${exp.value}/${exp.flags ?? ''}` : exp.matcher === 'exit-code' ? exp.value : JSON.stringify(exp.value);
  return fill(OUTPUT[l][exp.matcher], { v });
}

/** The sentence as plain text (CLI, feedback files). */
export function checkSentence(lang: string, exp: Expectation): string {
  return checkSentenceParts(lang, exp).map((p) => ('code' in p ? p.code : p.text)).join('');
}

/** The rule as the author wrote it, without the trailing `[points=… id=… hidden simulator]` modifiers. */
export function ruleText(text: string): string {
  return text.replace(/(\s*\[[^\]]*\])+\s*$/, '').trim();
}
