// nslookup over the simulated resolver: bind9's (nodes, netshoot) and BusyBox's (busybox, alpine), each with its
// own layout, search-list behaviour and failure words (transcripts/nslookup-noserver.txt, busybox-nslookup-noserver.txt).
import type { DnsAnswer, ResolveOptions } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';

interface Args {
  name: string;
  server?: string;
  timeoutS: number;
  retry?: number;
}

function parse(argv: string[]): Args | undefined {
  const a: Args = { name: '', timeoutS: 5 };
  const rest: string[] = [];
  for (const x of argv) {
    if (x.startsWith('-') && x.length > 1) {
      const [k, v = ''] = x.slice(1).split('=');
      if (k === 'timeout' || k === 't') a.timeoutS = Number(v) || a.timeoutS;
      else if (k === 'retry' || k === 'ret') a.retry = Number(v);
      // -type=, -query=, -debug ...: A records are what the simulated resolver answers
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

/** bind9 nslookup 9.18: the answer for the first search candidate that exists; NXDOMAIN with the name as typed. */
function bind9(ctx: ToolContext, env: ToolEnv, a: Args): number {
  const server = serverOf(ctx, env, a);
  const ans = lookup(ctx, env, a.name, a.server ? { server: a.server } : {});
  if (!ans.ok && ans.rcode === 'timeout') {
    const tries = (a.retry ?? 2) + 1;
    for (let i = 0; i < tries; i++) {
      if (!ans.refused && !ctx.sleep(a.timeoutS * 1000)) return 0;
      ctx.stdout(`;; communications error to ${server}#53: ${ans.refused ? 'connection refused' : 'timed out'}\n`);
    }
    ctx.stdout(';; no servers could be reached\n\n');
    return 1;
  }
  ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  if (!ans.ok) {
    ctx.stdout(`** server can't find ${a.name}: ${ans.rcode}\n\n`);
    return 1;
  }
  const domain = ctx.world.cluster.domain;
  if (!ans.fqdn.endsWith(`.${domain}`)) ctx.stdout('Non-authoritative answer:\n');
  if (ans.cname) ctx.stdout(`${ans.fqdn}\tcanonical name = ${ans.cname}.\n`);
  for (const ip of ans.addresses) ctx.stdout(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
  ctx.stdout('\n');
  return 0;
}

/**
 * BusyBox nslookup (1.35+): A and AAAA queries for each search candidate — the search list applies only to a name
 * without dots — each reply printed as it comes; exit 1 if any query failed, as the real applet does.
 */
function busybox(ctx: ToolContext, env: ToolEnv, a: Args): number {
  const server = serverOf(ctx, env, a);
  const conf = ctx.world.net.resolvConf(env.netns);
  const names = a.name.includes('.') || isIpv4(a.name) ? [a.name.replace(/\.$/, '')] : conf.search.map((s) => `${a.name}.${s}`);
  const answers = names.map((n) => lookup(ctx, env, n, { noSearch: true, ...(a.server ? { server: a.server } : {}) }));
  const down = answers.find((x): x is Extract<DnsAnswer, { ok: false }> => !x.ok && x.rcode === 'timeout');
  if (down) {
    if (down.refused) ctx.stderr(`nslookup: write to '${server}': Connection refused\n`);
    else if (!ctx.sleep(a.timeoutS * 1000)) return 0;
    ctx.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  let failed = false;
  const report = (n: string, x: DnsAnswer, type: 'A' | 'AAAA') => {
    const exact = x.ok && x.fqdn.replace(/\.$/, '') === n;
    if (!exact) {
      failed = true;
      ctx.stdout(`** server can't find ${n}: ${!x.ok && x.rcode === 'SERVFAIL' ? 'SERVFAIL' : 'NXDOMAIN'}\n\n`);
      return;
    }
    if (type === 'A' && x.ok) for (const ip of x.addresses) ctx.stdout(`Name:\t${n}\nAddress: ${ip}\n`);
    ctx.stdout('\n');
  };
  names.forEach((n, i) => report(n, answers[i], 'A'));
  names.forEach((n, i) => report(n, answers[i], 'AAAA'));
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
  return env.flavour === 'busybox' ? busybox(ctx, env, a) : bind9(ctx, env, a);
};
