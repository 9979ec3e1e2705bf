// Backend reasons (English sentences from src/core/sim/net, the check evaluator and the simulator backend) in
// other languages, by a table of sentence templates: `{name}` slots match any text and are translated in
// turn (a reason may hold another reason, a label like "pod default/busybox", or a plain name, which no
// template matches and so stays as it is). A reason no template matches is returned in English, unchanged.
import { isPolicyCode, reasonText, type ReasonCode } from './policy.ts';

/** One sentence template: the English pattern and its translation, with the same `{slots}`. */
export interface SentenceTemplate {
  en: string;
  zh: string;
}

/**
 * Ordered: the first template that matches the whole sentence wins, so more specific patterns come first.
 * Keep in step with src/core/sim/net/reasons.ts, probe.ts, dns/, sim-backend.ts and check/evaluate.ts;
 * test/unit/i18n/reasons.test.ts translates reasons the simulator really gives.
 */
export const REASON_TEMPLATES: readonly SentenceTemplate[] = [
  // Suffixes and wrappers first: they hold other sentences.
  {
    en: '{a}; kube-proxy on {node} sent it for service {svc} to {backend}',
    zh: '{a}；{node} 上的 kube-proxy 按 Service {svc} 把它转给了 {backend}',
  },
  { en: 'kube-proxy on {node} sent it for service {svc} to {backend}', zh: '{node} 上的 kube-proxy 按 Service {svc} 把它转给了 {backend}' },
  { en: 'the {what} from {x} never got back: {reason}', zh: '{x} 发出的 {what} 没能回来：{reason}' },
  { en: 'the DNS server {server} refused the query: {reason}', zh: 'DNS 服务器 {server} 拒绝了查询：{reason}' },
  { en: 'no DNS server answered: {reason}', zh: '没有 DNS 服务器应答：{reason}' },
  {
    en: 'CoreDNS found no record for {names} ({whys}); a Service {q} exists in namespace {ns} (use {use})',
    zh: 'CoreDNS 找不到 {names} 的记录（{whys}）；命名空间 {ns} 中有 Service {q}（请用 {use}）',
  },
  {
    en: 'CoreDNS found no record for {names}; a Service {q} exists in namespace {ns} (use {use})',
    zh: 'CoreDNS 找不到 {names} 的记录；命名空间 {ns} 中有 Service {q}（请用 {use}）',
  },
  { en: 'CoreDNS found no record for {names} ({whys})', zh: 'CoreDNS 找不到 {names} 的记录（{whys}）' },
  { en: 'CoreDNS found no record for {names}', zh: 'CoreDNS 找不到 {names} 的记录' },
  {
    en: "the node's resolver {server} knows nothing of the cluster, so {names} did not resolve: Service names resolve only through CoreDNS",
    zh: '节点的解析器 {server} 对集群一无所知，所以 {names} 没有解析成功：Service 名称只能通过 CoreDNS 解析',
  },
  {
    en: "{name} is not a cluster name, so CoreDNS forwarded it to the node's resolver, which does not answer in this offline cluster: SERVFAIL after 6 s",
    zh: '{name} 不是集群内的名称，所以 CoreDNS 把它转发给节点的解析器，而这个离线集群里的解析器不会应答：6 秒后返回 SERVFAIL',
  },
  { en: "the node's resolver {server} does not answer: the cluster is offline", zh: '节点的解析器 {server} 不应答：集群处于离线状态' },
  {
    en: 'CoreDNS {server} did not answer {fqdn} within {s} s ({why})',
    zh: 'CoreDNS {server} 没有在 {s} 秒内应答 {fqdn}（{why}）',
  },
  {
    en: '{fqdn} is a CNAME to {target}, which did not resolve: CoreDNS asked its upstream, which does not answer in this offline cluster',
    zh: '{fqdn} 是指向 {target} 的 CNAME，而它没有解析成功：CoreDNS 询问了上游，但这个离线集群里的上游不会应答',
  },
  {
    en: '{fqdn} is a CNAME to {target}, which CoreDNS could not resolve upstream',
    zh: '{fqdn} 是指向 {target} 的 CNAME，CoreDNS 无法通过上游解析它',
  },
  { en: '{fqdn} exists but has no {type} record', zh: '{fqdn} 存在，但没有 {type} 记录' },
  { en: 'Service {svc} is an ExternalName: it has no endpoints or ports', zh: 'Service {svc} 是 ExternalName：它没有端点也没有端口' },
  { en: 'there is no Service {name} in namespace {ns}', zh: '命名空间 {ns} 中没有 Service {name}' },
  { en: 'there is no namespace {ns}', zh: '没有命名空间 {ns}' },
  { en: 'headless Service {svc} has no ready endpoints', zh: 'headless Service {svc} 没有就绪的端点' },
  { en: 'Service {svc} has no ready endpoint named {host}', zh: 'Service {svc} 没有名为 {host} 的就绪端点' },
  { en: '{name} is outside {zone}; the upstream resolver does not know it either', zh: '{name} 不在 {zone} 内；上游解析器也不认识它' },
  // Connections.
  { en: '{src} reached {dst}, where {proc} listens on {proto} {port}', zh: '{src} 到达了 {dst}，{proc} 在那里监听 {proto} {port}' },
  { en: 'nothing listens on {where}; {who} answered with {answer}', zh: '{where} 上没有进程在监听；{who} 回复了 {answer}' },
  {
    en: 'service {svc} has no ready endpoints for port {port}, so kube-proxy on {at} rejects the connection',
    zh: 'Service {svc} 的端口 {port} 没有就绪的端点，所以 {at} 上的 kube-proxy 拒绝了连接',
  },
  { en: '{node} is down, so the packet to {dst} was dropped there', zh: '{node} 已宕机，发往 {dst} 的数据包在那里被丢弃' },
  {
    en: 'no Service uses {dst} and no device owns a ClusterIP, so the packet left through the default gateway {gw} and was lost',
    zh: '没有 Service 使用 {dst}，也没有设备拥有 ClusterIP，所以数据包经默认网关 {gw} 离开后丢失了',
  },
  {
    en: "{ip} is a ClusterIP: kube-proxy only translates a Service's TCP/UDP ports and no device owns the address, so the echo request left through the default gateway {gw} and was lost",
    zh: '{ip} 是一个 ClusterIP：kube-proxy 只转换 Service 的 TCP/UDP 端口，也没有设备拥有这个地址，所以回显请求经默认网关 {gw} 离开后丢失了',
  },
  {
    en: '{who} has no route to {ip}, so it sent the packet to its default gateway {gw}, which has no route into the cluster; it was lost',
    zh: '{who} 没有到 {ip} 的路由，于是把数据包交给默认网关 {gw}，而网关没有进入集群的路由；数据包丢失了',
  },
  {
    en: '{at} has only the blackhole route {route} for {ip}: no pod there has that address, so the packet was dropped',
    zh: '{at} 上到 {ip} 只有黑洞路由 {route}：那里没有 Pod 使用这个地址，所以数据包被丢弃',
  },
  { en: '{at} would send it through a device that is down, so it was dropped', zh: '{at} 要经过一个已停用的设备发送它，所以数据包被丢弃' },
  {
    en: '{ip} reached {at}, which does not own that address and does not forward, so it was dropped',
    zh: '发往 {ip} 的数据包到达了 {at}，但它既不拥有这个地址也不转发，所以数据包被丢弃',
  },
  { en: '{at} has no route to {ip} (Network is unreachable)', zh: '{at} 没有到 {ip} 的路由（网络不可达）' },
  {
    en: '{at} routes {ip} to the blackhole {route}: no pod there has that address, so the kernel refuses to send (Invalid argument)',
    zh: '{at} 把 {ip} 路由到黑洞 {route}：那里没有 Pod 使用这个地址，所以内核拒绝发送（参数无效）',
  },
  {
    en: 'the packet to {ip} went round in a loop until its TTL ran out at {at}',
    zh: '发往 {ip} 的数据包在环路中打转，直到 TTL 在 {at} 耗尽',
  },
  { en: '{at} has no route to {ip} and answered Destination Net Unreachable', zh: '{at} 没有到 {ip} 的路由，并回复了“目标网络不可达”' },
  {
    en: "nothing answered ARP for {via} on {at}'s {dev}, so {ip} is unreachable (No route to host)",
    zh: '{at} 的 {dev} 上没有谁应答对 {via} 的 ARP 请求，所以 {ip} 不可达（没有到主机的路由）',
  },
  { en: 'delivered to {dst}', zh: '已送达 {dst}' },
  { en: '{x} has no network namespace: it does not exist or is not running', zh: '{x} 没有网络命名空间：它不存在或没有在运行' },
  {
    en: '{src} got an echo reply from {ip} ({at}) with ttl={ttl}: {n} routers on the way back',
    zh: '{src} 收到了来自 {ip}（{at}）的回显应答，ttl={ttl}：返回途中经过 {n} 个路由器',
  },
  {
    en: '{src} got an echo reply from {ip} ({at}) with ttl={ttl}: {n} router on the way back',
    zh: '{src} 收到了来自 {ip}（{at}）的回显应答，ttl={ttl}：返回途中经过 {n} 个路由器',
  },
  { en: 'there is no node named {x}', zh: '没有名为 {x} 的节点' },
  { en: 'there is no pod {x}', zh: '没有 Pod {x}' },
  { en: 'pod {x} is not running ({why})', zh: 'Pod {x} 没有在运行（{why}）' },
  { en: 'pod {x} has no IP yet ({phase})', zh: 'Pod {x} 还没有 IP（{phase}）' },
  // Output checks (check/evaluate.ts).
  { en: 'expected {described}, but got (no output)', zh: '期望{described}，但没有任何输出' },
  { en: 'expected {described}, but got {observed}', zh: '期望{described}，实际得到：{observed}' },
  { en: '{described}: yes', zh: '{described}：是' },
  {
    en: 'simulator only: not checked on the {backend} backend (it depends on what only the simulator pins)',
    zh: '仅限模拟器：在 {backend} 后端上不检查（它依赖只有模拟器才固定的东西）',
  },
  { en: 'output contains {v}', zh: '输出包含 {v}' },
  { en: 'output does not contain {v}', zh: '输出不包含 {v}' },
  { en: 'output matches {v}', zh: '输出匹配 {v}' },
  { en: 'exit code {v}', zh: '退出码 {v}' },
  // Labels and small phrases that slots hold.
  { en: 'pod {x}', zh: 'Pod {x}' },
  { en: 'node {x}', zh: '节点 {x}' },
  { en: 'the router {x}', zh: '路由器 {x}' },
  { en: 'the pod', zh: '该 Pod' },
  { en: 'a TCP reset', zh: 'TCP 重置（RST）' },
  { en: 'ICMP port unreachable', zh: 'ICMP 端口不可达' },
  { en: 'echo reply', zh: '回显应答' },
  { en: 'TCP reset', zh: 'TCP 重置（RST）' },
  { en: 'answer', zh: '应答' },
  { en: 'the default gateway', zh: '默认网关' },
  // An address with its owner, "192.168.1.5:80 (pod default/web)": last, as it matches almost anything.
  { en: '{addr} ({owner})', zh: '{addr}（{owner}）' },
];

interface Compiled {
  re: RegExp;
  slots: string[];
  zh: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(t: SentenceTemplate): Compiled {
  const slots: string[] = [];
  const source = t.en
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      slots.push(m[1]);
      return '(.+?)';
    })
    .join('');
  // Linear enough: templates are short, reasons one sentence (hundreds of characters at most).
  return { re: new RegExp(`^${source}$`, 's'), slots, zh: t.zh };
}

let compiled: Compiled[] | undefined;

/** The base language of a tag ("zh-CN" → "zh"). */
export function baseLang(lang: string): string {
  return lang.split('-')[0].toLowerCase();
}

/**
 * A backend reason in `lang`; English (and any reason no template knows) comes back unchanged. With the probe's
 * `codes` (NetworkPolicy verdicts as data), the parts of the reason those codes worded are translated by code
 * (i18n/policy.ts), and the rest by the templates.
 */
export function translateReason(lang: string, reason: string, codes?: readonly { code: string; params: Record<string, string> }[]): string {
  if (baseLang(lang) !== 'zh' || reason === '') return reason;
  const known = (codes ?? []).filter((c): c is ReasonCode => isPolicyCode(c.code));
  if (known.length === 0) return byTemplate(lang, reason, 0);
  // Split the reason around each code's English sentence; translate the code parts by code, the rest by template.
  const parts: string[] = [];
  let rest = reason;
  for (const c of known) {
    const en = reasonText(c, 'en');
    const at = rest.indexOf(en);
    if (at < 0) continue;
    parts.push(...piece(lang, rest.slice(0, at)), reasonText(c, 'zh-CN'));
    rest = rest.slice(at + en.length);
  }
  parts.push(...piece(lang, rest));
  return parts.join('；');
}

/** A stretch of reason between code sentences, without its "; " joints, translated (nothing if empty). */
function piece(lang: string, text: string): string[] {
  const t = text.replace(/^[;\s]+|[;\s]+$/g, '');
  return t === '' ? [] : [byTemplate(lang, t, 0)];
}

function byTemplate(lang: string, reason: string, depth: number): string {
  if (reason === '' || depth > 6) return reason;
  compiled ??= REASON_TEMPLATES.map(compile);
  for (const c of compiled) {
    const m = c.re.exec(reason);
    if (!m) continue;
    const values = new Map(c.slots.map((s, i) => [s, byTemplate(lang, m[i + 1], depth + 1)]));
    return c.zh.replace(/\{(\w+)\}/g, (_, name: string) => values.get(name) ?? '').replace(/ {2,}/g, ' ');
  }
  return reason;
}
