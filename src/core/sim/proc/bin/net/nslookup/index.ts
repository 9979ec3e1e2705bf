// nslookup over the simulated resolver: bind9's (nodes, netshoot) and BusyBox's (busybox, alpine), each with its
// own layout, search-list behaviour and failure words (transcripts/nslookup-noserver.txt, busybox-nslookup-noserver.txt,
// and test/golden/tools/dns/: real bind9 9.18 and BusyBox 1.35 against a server answering as CoreDNS does, including
// PTR and SRV answers and names CoreDNS forwards to an upstream that never answers).
import type { DnsAnswer, ResolveOptions } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';

type QType = 'A' | 'AAAA' | 'PTR' | 'SRV';

interface Args {
  name: string;
  server?: string;
  timeoutS: number;
  retry?: number;
  /** -type= / -query= as given (upper case), if any. */
  type?: string;
}

const SIMULATED: QType[] = ['A', 'AAAA', 'PTR', 'SRV'];
/** Types both nslookups accept but the simulated CoreDNS has no records of. */
const KNOWN = ['SOA', 'NS', 'MX', 'TXT', 'CNAME', 'ANY'];

function parse(argv: string[]): Args | undefined {
  const a: Args = { name: '', timeoutS: 5 };
  const rest: string[] = [];
  for (const x of argv) {
    if (x.startsWith('-') && x.length > 1) {
      const [k, v = ''] = x.slice(1).split('=');
      if (k === 'timeout' || k === 't' || k === 'ti') a.timeoutS = Number(v) || a.timeoutS;
      else if (k === 'retry' || k === 'ret') a.retry = Number(v);
      else if (k === 'type' || k === 'ty' || k === 'query' || k === 'q' || k === 'querytype') a.type = v.toUpperCase();
      // -debug, -port= ...: not simulated, ignored
    } else rest.push(x);
  }
  if (!rest[0]) return undefined;
  a.name = rest[0];
  a.server = rest[1];
  return a;
}

function lookup(ctx: ToolContext, env: ToolEnv, name: string, extra: ResolveOptions): DnsAnswer {
  return ctx.world.net.resolve(env.netns, name, { libc: env.libc, noHosts: true, ...extra });
}

function serverOf(ctx: ToolContext, env: ToolEnv, a: Args): string {
  return a.server ?? ctx.world.net.resolvConf(env.netns).nameservers[0] ?? '127.0.0.1';
}

/** 10.96.0.1 → 1.0.96.10.in-addr.arpa (both nslookups turn an address argument into a PTR query). */
function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** The query an argument makes: an IPv4 address with no type (or PTR in bind9) is a reverse lookup. */
function queryOf(a: Args, flavour: 'busybox' | 'bind9'): { name: string; qtype: QType } {
  const qtype = (a.type ?? (isIpv4(a.name) ? 'PTR' : 'A')) as QType;
  const reverse = isIpv4(a.name) && (a.type === undefined || (flavour === 'bind9' && qtype === 'PTR'));
  return { name: reverse ? reverseName(a.name) : a.name, qtype };
}

function recordLines(ans: Extract<DnsAnswer, { ok: true }>, qtype: QType, dot: string): string {
  if (qtype === 'PTR') return (ans.ptr ?? []).map((n) => `${ans.fqdn}\tname = ${n}${dot}\n`).join('');
  return (ans.srv ?? []).map((r) => `${ans.fqdn}\tservice = ${r.priority} ${r.weight} ${r.port} ${r.target}${dot}\n`).join('');
}

/** bind9 nslookup 9.18: the answer for the first search candidate that exists; NXDOMAIN with the name as typed. */
function bind9(ctx: ToolContext, env: ToolEnv, a: Args): number {
  const server = serverOf(ctx, env, a);
  const { name, qtype } = queryOf(a, 'bind9');
  // bind9 applies its own search rules whatever the image's libc: as typed first with >= ndots dots, else last.
  const ans = lookup(ctx, env, name, {
    libc: 'glibc',
    qtype,
    patienceMs: a.timeoutS * 1000,
    ...(qtype === 'PTR' && isIpv4(a.name) ? { noSearch: true } : {}),
    ...(a.server ? { server: a.server } : {}),
  });
  // Each reply without the RA flag (CoreDNS's authoritative ones), from a server out of resolv.conf, is remarked on
  // as it comes (captured: dns/nslookup-search.txt, nslookup-fqdn.txt); a server named on the command line is not.
  const remark = a.server === undefined && ans.noRecursion === true;
  const noRa = `;; Got recursion not available from ${server}\n`;
  if (remark) ctx.stdout(noRa.repeat((ans.tried?.length ?? 1) - (!ans.ok && ans.rcode === 'timeout' ? 1 : 0)));
  if (!ans.ok && ans.rcode === 'timeout') {
    // No reply within -timeout, three times (CoreDNS still waiting on its silent upstream looks the same as no server).
    const tries = (a.retry ?? 2) + 1;
    for (let i = 0; i < tries; i++) {
      if (!ans.refused && !ctx.sleep(a.timeoutS * 1000)) return 0;
      ctx.stdout(`;; communications error to ${server}#53: ${ans.refused ? 'connection refused' : 'timed out'}\n`);
    }
    ctx.stdout(';; no servers could be reached\n\n');
    return 1;
  }
  if (!ans.ok && ans.rcode === 'SERVFAIL') ctx.stdout(`;; Got SERVFAIL reply from ${server}\n`);
  // A reverse lookup that succeeds prints no Server/Address header (captured: nslookup-ptr.txt).
  if (!(ans.ok && qtype === 'PTR')) ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  if (!ans.ok) {
    if (ans.rcode === 'NODATA') ctx.stdout(`*** Can't find ${a.name}: No answer\n\n`);
    else ctx.stdout(`** server can't find ${qtype === 'PTR' && isIpv4(a.name) ? name : a.name.replace(/\.$/, '')}: ${ans.rcode}\n\n`);
    return 1;
  }
  const domain = ctx.world.cluster.domain;
  if (qtype === 'PTR' || qtype === 'SRV') {
    ctx.stdout(`${recordLines(ans, qtype, '.')}\n`);
    return 0;
  }
  if (!ans.fqdn.endsWith(`.${domain}`)) ctx.stdout('Non-authoritative answer:\n');
  if (ans.cname) ctx.stdout(`${ans.fqdn}\tcanonical name = ${ans.cname}.\n`);
  if (qtype === 'A') for (const ip of ans.addresses) ctx.stdout(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
  // Then the AAAA query for the same name, answered (empty) the same way.
  if (remark && qtype === 'A' && a.type === undefined) ctx.stdout(noRa);
  ctx.stdout('\n');
  return 0;
}

/**
 * BusyBox nslookup (1.35+): all its queries at once — A and AAAA for each search candidate (the search list applies
 * only to a name without dots), or the one PTR/SRV query — each reply printed as it comes. A query still unanswered
 * after -timeout is "*** Can't find NAME: No answer"; none answered at all: "connection timed out". Exit 1 if any
 * query failed, as the real applet does.
 */
function busybox(ctx: ToolContext, env: ToolEnv, a: Args): number {
  const server = serverOf(ctx, env, a);
  const conf = ctx.world.net.resolvConf(env.netns);
  const { name, qtype } = queryOf(a, 'busybox');
  const types: QType[] = a.type === undefined && qtype === 'A' ? ['A', 'AAAA'] : [qtype];
  const names = name.includes('.') || isIpv4(name) ? [name.replace(/\.$/, '')] : conf.search.map((s) => `${name}.${s}`);
  const patienceMs = a.timeoutS * 1000;
  const ask = (n: string, t: QType) =>
    lookup(ctx, env, n, { noSearch: true, qtype: t, patienceMs, ...(a.server ? { server: a.server } : {}) });
  const answers = types.map((t) => names.map((n) => ask(n, t)));
  const flat = answers.flat();
  const down = flat.find((x): x is Extract<DnsAnswer, { ok: false }> => !x.ok && x.rcode === 'timeout' && !x.late);
  const late = flat.filter((x) => !x.ok && x.rcode === 'timeout' && x.late);
  if (down || late.length === flat.length) {
    if (down?.refused) ctx.stderr(`nslookup: write to '${server}': Connection refused\n`);
    else if (!ctx.sleep(patienceMs)) return 0;
    ctx.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  if (late.length > 0 && !ctx.sleep(patienceMs)) return 0;
  ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  let failed = false;
  const report = (n: string, x: DnsAnswer, t: QType) => {
    if (!x.ok && x.rcode === 'timeout') return; // printed at the end, like the applet's unanswered queries
    if (!x.ok && x.rcode === 'NODATA') {
      // An empty answer (AAAA of an IPv4 cluster, a CNAME alone): its CNAME if any, then the blank line; not a failure.
      ctx.stdout(`${x.cname ? `${n}\tcanonical name = ${x.cname}\n` : ''}\n`);
      return;
    }
    const exact = x.ok && x.fqdn.replace(/\.$/, '') === n;
    if (!exact) {
      failed = true;
      ctx.stdout(`** server can't find ${n}: ${!x.ok && x.rcode === 'SERVFAIL' ? 'SERVFAIL' : 'NXDOMAIN'}\n\n`);
      return;
    }
    if (t === 'PTR' || t === 'SRV') ctx.stdout(recordLines(x, t, ''));
    if (x.cname) ctx.stdout(`${n}\tcanonical name = ${x.cname}\n`);
    if (t === 'A') for (const ip of x.addresses) ctx.stdout(`Name:\t${x.cname ?? n}\nAddress: ${ip}\n`);
    ctx.stdout('\n');
  };
  types.forEach((t, i) => names.forEach((n, j) => report(n, answers[i][j], t)));
  if (late.length > 0) {
    failed = true;
    types.forEach((_t, i) =>
      names.forEach((n, j) => {
        const x = answers[i][j];
        if (!x.ok && x.rcode === 'timeout') ctx.stdout(`*** Can't find ${n}: No answer\n`);
      }),
    );
    ctx.stdout('\n');
  }
  return failed ? 1 : 0;
}

export const nslookup: Tool = (ctx) => {
  const env = toolEnv(ctx, 'nslookup');
  const a = parse(ctx.argv.slice(1));
  if (!a) {
    if (env.flavour === 'busybox') {
      ctx.stderr(busyboxUsage(env.busybox?.banner, 'nslookup'));
      return 1;
    }
    ctx.stderr('nslookup: interactive mode is not available here\n');
    return 1;
  }
  if (a.type !== undefined && !SIMULATED.includes(a.type as QType)) {
    if (!KNOWN.includes(a.type)) {
      if (env.flavour === 'busybox') {
        ctx.stderr(busyboxUsage(env.busybox?.banner, 'nslookup'));
        return 1;
      }
      ctx.stderr(`unknown query type: ${a.type.toLowerCase()}\n`);
      return 1;
    }
    ctx.stderr(`nslookup: -type=${a.type.toLowerCase()} is not simulated (the simulated CoreDNS answers A, AAAA, PTR and SRV)\n`);
    return 1;
  }
  return env.flavour === 'busybox' ? busybox(ctx, env, a) : bind9(ctx, env, a);
};
