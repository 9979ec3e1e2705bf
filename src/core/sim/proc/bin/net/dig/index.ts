// dig and host (bind9 9.18) over the simulated resolver, in the layouts of test/golden/tools/dns/dig-*.txt and
// host-*.txt: real dig and host against a server answering as CoreDNS does (authoritative without RA, the request's
// EDNS OPT and COOKIE echoed back as request.SizeAndDo does, uncompressed messages, the zone's SOA on NXDOMAIN).
import type { Service } from '../../../../api/types.ts';
import type { DnsAnswer, ResolveOptions } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';

type QType = 'A' | 'AAAA' | 'PTR' | 'SRV';
const TYPES: QType[] = ['A', 'AAAA', 'PTR', 'SRV'];
const VERSION = '9.18.49-1~deb12u3-Debian';
const TTL = 30;

interface Rr {
  owner: string;
  type: 'A' | 'PTR' | 'SRV' | 'CNAME' | 'SOA';
  data: string;
  /** Length of the RDATA on the wire (uncompressed). */
  rdlen: number;
}

/** Length of a name on the wire, uncompressed (labels with their length bytes, and the root). */
function wire(name: string): number {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return labels.reduce((n, l) => n + l.length + 1, 0) + 1;
}

const fq = (n: string) => (n.endsWith('.') ? n : `${n}.`);

/** bind's masterdump indent(): pad to a column with tabs (8 wide) and spaces; past it, one step (a tab at a tab stop). */
function indent(col: number, to: number): [string, number] {
  const target = Math.max(to, col + 1);
  const tabs = Math.floor(target / 8) - Math.floor(col / 8);
  const pad = tabs > 0 ? '\t'.repeat(tabs) + ' '.repeat(target % 8) : ' '.repeat(target - col);
  return [pad, target];
}

/** One record line in dig's layout: name, TTL at 24, class at 32, type at 40, data at 48. */
function rrLine(rr: Rr): string {
  let out = fq(rr.owner);
  let col = out.length;
  for (const [field, at] of [
    [String(TTL), 24],
    ['IN', 32],
    [rr.type, 40],
    [rr.data, 48],
  ] as const) {
    const [pad, c] = indent(col, at);
    out += pad + field;
    col = c + field.length;
  }
  return out;
}

function questionLine(name: string, type: QType): string {
  let out = fq(name);
  let [pad, col] = indent(out.length, 32);
  out += `${pad}IN`;
  [pad, col] = indent(col + 2, 40);
  return `;${out}${pad}${type}`;
}

/** The SOA CoreDNS puts in the authority section (plugin/backend_lookup.go SOA; serial: the zone's last change). */
function soa(ctx: ToolContext): Rr {
  const zone = ctx.world.cluster.domain;
  const times = ctx.world.store
    .scan<Service>('Service')
    .map((s) => Date.parse(s.metadata.creationTimestamp ?? ''))
    .filter((t) => Number.isFinite(t));
  const serial = Math.floor((times.length > 0 ? Math.max(...times) : ctx.clock.now()) / 1000);
  const ns = `ns.dns.${zone}.`;
  const mbox = `hostmaster.${zone}.`;
  return { owner: zone, type: 'SOA', data: `${ns} ${mbox} ${serial} 7200 1800 86400 ${TTL}`, rdlen: wire(ns) + wire(mbox) + 20 };
}

/** The sections of CoreDNS's reply for a query, rebuilt from the resolver's answer. */
function sections(ctx: ToolContext, q: string, ans: DnsAnswer, type: QType): { answer: Rr[]; authority: Rr[]; additional: Rr[] } {
  const answer: Rr[] = [];
  const additional: Rr[] = [];
  if (!ans.ok) return { answer, authority: ans.rcode === 'timeout' ? [] : [soa(ctx)], additional };
  let owner = ans.fqdn;
  if (ans.cname) {
    answer.push({ owner, type: 'CNAME', data: fq(ans.cname), rdlen: wire(ans.cname) });
    owner = ans.cname;
  }
  if (type === 'A') for (const ip of ans.addresses) answer.push({ owner, type: 'A', data: ip, rdlen: 4 });
  if (type === 'PTR') for (const n of ans.ptr ?? []) answer.push({ owner: q, type: 'PTR', data: fq(n), rdlen: wire(n) });
  if (type === 'SRV') {
    for (const r of ans.srv ?? [])
      answer.push({ owner, type: 'SRV', data: `${r.priority} ${r.weight} ${r.port} ${fq(r.target)}`, rdlen: 6 + wire(r.target) });
    for (const e of ans.extra ?? []) additional.push({ owner: e.name, type: 'A', data: e.ip, rdlen: 4 });
  }
  return { answer, authority: answer.length === 0 ? [soa(ctx)] : [], additional };
}

function whenOf(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

function ask(ctx: ToolContext, env: ToolEnv, name: string, type: QType, o: ResolveOptions): DnsAnswer {
  return ctx.world.net.resolve(env.netns, name, { libc: 'glibc', noHosts: true, qtype: type, patienceMs: 5000, ...o });
}

interface DigArgs {
  name?: string;
  type: QType;
  server?: string;
  short: boolean;
  search: boolean;
  tries: number;
  timeoutS: number;
}

function parseDig(argv: string[]): DigArgs | string {
  const a: DigArgs = { type: 'A', short: false, search: false, tries: 3, timeoutS: 5 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x.startsWith('@')) a.server = x.slice(1);
    else if (x === '+short') a.short = true;
    else if (x === '+search') a.search = true;
    else if (x === '+nosearch') a.search = false;
    else if (x.startsWith('+tries=')) a.tries = Number(x.slice(7)) || 1;
    else if (x.startsWith('+retry=')) a.tries = (Number(x.slice(7)) || 0) + 1;
    else if (x.startsWith('+time=')) a.timeoutS = Number(x.slice(6)) || 5;
    else if (x.startsWith('+'))
      continue; // display options: not simulated, ignored
    else if (x === '-x') {
      const ip = argv[++i] ?? '';
      if (!isIpv4(ip)) return `Invalid IP address ${ip}`;
      a.name = reverseName(ip);
      a.type = 'PTR';
    } else if (x === '-t') {
      const t = (argv[++i] ?? '').toUpperCase();
      if (!TYPES.includes(t as QType)) return `;; Warning, ignoring invalid type ${argv[i] ?? ''}`;
      a.type = t as QType;
    } else if (TYPES.includes(x.toUpperCase() as QType) && a.name !== undefined) a.type = x.toUpperCase() as QType;
    else if (TYPES.includes(x.toUpperCase() as QType) && argv.slice(i + 1).some((y) => !y.startsWith('+') && !y.startsWith('@')))
      a.type = x.toUpperCase() as QType;
    else a.name = x;
  }
  return a;
}

export const dig: Tool = (ctx) => {
  const env = toolEnv(ctx, 'dig');
  const a = parseDig(ctx.argv.slice(1));
  if (typeof a === 'string') {
    ctx.stderr(`${a}\n`);
    return 10;
  }
  const name = a.name ?? '.';
  const server = a.server ?? ctx.world.net.resolvConf(env.netns).nameservers[0] ?? '127.0.0.1';
  const ans = ask(ctx, env, name, a.type, { noSearch: !a.search, ...(a.server ? { server: a.server } : {}) });
  const banner = `\n; <<>> DiG ${VERSION} <<>> ${ctx.argv.slice(1).join(' ')}\n;; global options: +cmd\n`;
  if (!ans.ok && ans.rcode === 'timeout') {
    for (let i = 0; i < a.tries; i++) {
      if (!ans.refused && !ctx.sleep(a.timeoutS * 1000)) return 0;
      ctx.stdout(`;; communications error to ${server}#53: ${ans.refused ? 'connection refused' : 'timed out'}\n`);
    }
    if (!a.short) ctx.stdout(banner);
    ctx.stdout(';; no servers could be reached\n');
    return 9;
  }
  if (ans.elapsedMs !== undefined && !ctx.sleep(ans.elapsedMs)) return 0;
  const qname = ans.ok ? ans.fqdn : (ans.tried?.at(-1) ?? name.replace(/\.$/, ''));
  const s = sections(ctx, qname, ans, a.type);
  if (a.short) {
    for (const rr of s.answer) ctx.stdout(`${rr.data}\n`);
    return 0;
  }
  const status = ans.ok ? 'NOERROR' : ans.rcode === 'NODATA' ? 'NOERROR' : ans.rcode;
  const id = ctx.rng.fork(`dig ${qname} ${ctx.clock.now()}`).int(65536);
  const draw = ctx.rng.fork(`dig cookie ${ctx.clock.now()}`);
  const cookie = Array.from({ length: 16 }, () => '0123456789abcdef'[draw.int(16)]).join('');
  const size =
    12 + wire(qname) + 4 + [...s.answer, ...s.authority, ...s.additional].reduce((n, rr) => n + wire(rr.owner) + 10 + rr.rdlen, 0) + 23;
  let out = `${banner};; Got answer:\n`;
  if (/\.local\.?$/i.test(qname))
    out +=
      ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n`;
  out += `;; flags: qr aa rd; QUERY: 1, ANSWER: ${s.answer.length}, AUTHORITY: ${s.authority.length}, ADDITIONAL: ${s.additional.length + 1}\n`;
  out += ';; WARNING: recursion requested but not available\n\n';
  out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n; COOKIE: ${cookie} (echoed)\n`;
  out += `;; QUESTION SECTION:\n${questionLine(qname, a.type)}\n\n`;
  for (const [title, rrs] of [
    ['ANSWER', s.answer],
    ['AUTHORITY', s.authority],
    ['ADDITIONAL', s.additional],
  ] as const) {
    if (rrs.length > 0) out += `;; ${title} SECTION:\n${rrs.map(rrLine).join('\n')}\n\n`;
  }
  out += `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${whenOf(ctx.clock.now())}\n;; MSG SIZE  rcvd: ${size}\n\n`;
  ctx.stdout(out);
  return 0;
};

/** host(1): A then AAAA and MX (empty answers print nothing), or PTR for an address, or -t TYPE. */
export const host: Tool = (ctx) => {
  const env = toolEnv(ctx, 'host');
  const args: string[] = [];
  let type: QType | undefined;
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-t') {
      const t = (argv[++i] ?? '').toUpperCase();
      if (!TYPES.includes(t as QType)) {
        ctx.stderr(`host: invalid type: ${argv[i] ?? ''}\n`);
        return 1;
      }
      type = t as QType;
    } else if (argv[i].startsWith('-'))
      continue; // -v, -a, -W ...: not simulated
    else args.push(argv[i]);
  }
  const [target, explicit] = args;
  if (!target) {
    ctx.stderr(
      'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n',
    );
    return 1;
  }
  const reverse = isIpv4(target) && (type === undefined || type === 'PTR');
  const qtype: QType = reverse ? 'PTR' : (type ?? 'A');
  const server = explicit ?? ctx.world.net.resolvConf(env.netns).nameservers[0] ?? '127.0.0.1';
  const ans = ask(ctx, env, reverse ? reverseName(target) : target, qtype, {
    ...(reverse ? { noSearch: true } : {}),
    ...(explicit ? { server: explicit } : {}),
  });
  if (explicit) ctx.stdout(`Using domain server:\nName: ${explicit}\nAddress: ${explicit}#53\nAliases: \n\n`);
  if (!ans.ok && ans.rcode === 'timeout') {
    for (let i = 0; i < 2; i++) {
      if (!ans.refused && !ctx.sleep(5000)) return 0;
      ctx.stdout(`;; communications error to ${server}#53: ${ans.refused ? 'connection refused' : 'timed out'}\n`);
    }
    ctx.stdout(';; no servers could be reached\n');
    return 1;
  }
  if (ans.elapsedMs !== undefined && !ctx.sleep(ans.elapsedMs)) return 0;
  if (!ans.ok) {
    if (ans.rcode === 'NODATA') return 0;
    const code = ans.rcode === 'SERVFAIL' ? '2(SERVFAIL)' : '3(NXDOMAIN)';
    ctx.stdout(`Host ${reverse ? reverseName(target) : target.replace(/\.$/, '')} not found: ${code}\n`);
    return 1;
  }
  if (ans.cname) ctx.stdout(`${ans.fqdn} is an alias for ${ans.cname}.\n`);
  const owner = ans.cname ?? ans.fqdn;
  if (qtype === 'A') for (const ip of ans.addresses) ctx.stdout(`${owner} has address ${ip}\n`);
  if (qtype === 'PTR') for (const n of ans.ptr ?? []) ctx.stdout(`${ans.fqdn} domain name pointer ${n}.\n`);
  if (qtype === 'SRV')
    for (const r of ans.srv ?? []) ctx.stdout(`${ans.fqdn} has SRV record ${r.priority} ${r.weight} ${r.port} ${r.target}.\n`);
  return 0;
};
