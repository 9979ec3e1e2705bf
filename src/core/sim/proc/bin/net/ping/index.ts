// ping over the simulated network: iputils (nodes, Debian-like images) or BusyBox (busybox, alpine), chosen by host.
import type { PingResult } from '../../../../contracts.ts';
import { flowsOf } from '../../../../net/flows.ts';
import { gaiMessage, lookupHost } from '../lookup.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { strerror } from '../errno.ts';
import { getopt } from '../../getopt.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';
import { busyboxSummary, iputilsSummary, iputilsTime } from './format.ts';
import { runPing, type PingEvent } from './session.ts';

interface PingArgs {
  count?: number;
  intervalMs: number;
  lingerMs?: number;
  deadlineMs?: number;
  quiet: boolean;
  size: number;
  target: string;
  /** -t: the IP TTL of the requests. */
  ttl?: number;
  /** -M do: DF set, no local fragmentation. */
  dontFragment: boolean;
}

function parse(ctx: ToolContext, busybox: boolean): PingArgs | { error: string; code: number } {
  const p = getopt(ctx.argv.slice(1), { flags: 'qnv46AODR', withValue: busybox ? 'ciWwstIp' : 'ciWwstIpM', long: {} });
  const usage = (msg: string) => ({ error: busybox ? msg : `ping: ${msg}\n`, code: busybox ? 1 : 2 });
  if (!p.ok)
    return busybox
      ? usage('')
      : usage(p.kind === 'unknown' ? `invalid option -- '${p.option.slice(1)}'` : `option requires an argument -- '${p.option.slice(1)}'`);
  const a: PingArgs = { intervalMs: 1000, quiet: false, size: 56, target: p.args[0] ?? '', dontFragment: false };
  for (const { key, value = '' } of p.opts) {
    const n = Number(value);
    if ('ciWws'.includes(key) && (!Number.isFinite(n) || n < 0)) return usage(busybox ? '' : `invalid argument: '${value}'`);
    if (key === 'c') a.count = Math.floor(n);
    if (key === 'i') a.intervalMs = n * 1000;
    if (key === 'W') a.lingerMs = n * 1000;
    if (key === 'w') a.deadlineMs = n * 1000;
    if (key === 's') a.size = Math.floor(n);
    if (key === 'q') a.quiet = true;
    if (key === 't') {
      // iputils: strtol_or_err(0..255), then setsockopt(IP_TTL) refuses 0; BusyBox sets a TTL only when non-zero.
      const ttl = Number(value);
      if (!busybox && (!/^\d+$/.test(value) || ttl > 255))
        return { error: `ping: invalid argument: '${value}': out of range: 0 <= value <= 255\n`, code: 1 };
      if (!busybox && ttl === 0) return { error: 'ping: cannot set unicast time-to-live: Invalid argument\n', code: 2 };
      if (busybox && !/^\d+$/.test(value)) return usage('');
      if (ttl > 0) a.ttl = ttl;
    }
    if (key === 'M') {
      if (!['do', 'want', 'dont', 'probe'].includes(value)) return { error: `ping: invalid -M argument: ${value}\n`, code: 2 };
      a.dontFragment = value === 'do' || value === 'probe';
    }
  }
  if (!a.target) return busybox ? { error: '', code: 1 } : usage('usage error: Destination address required');
  return a;
}

/** Resolve the target: IP literals as they are; names through the namespace's resolver. */
function resolveTarget(ctx: ToolContext, env: ToolEnv, target: string): { ip: string; name: string } | { rcode: string; aborted: boolean } {
  const r = lookupHost(ctx, env, target);
  return 'ip' in r ? { ip: r.ip, name: r.fqdn } : r;
}

export const ping: Tool = (ctx) => {
  const env = toolEnv(ctx, 'ping');
  const busybox = env.flavour === 'busybox';
  const a = parse(ctx, busybox);
  if ('error' in a) {
    ctx.stderr(busybox ? busyboxUsage(env.busybox?.banner, 'ping') : a.error);
    return a.code;
  }
  const t = resolveTarget(ctx, env, a.target);
  if ('rcode' in t) {
    if (t.aborted) return 0;
    if (busybox) ctx.stderr(`ping: bad address '${a.target}'\n`);
    else ctx.stderr(`ping: ${a.target}: ${gaiMessage(t.rcode)}\n`);
    return busybox ? 1 : 2;
  }
  // A local send error (no route, blackhole) fails before anything is printed.
  const options = { ttl: a.ttl, dfSize: a.dontFragment ? a.size + 28 : undefined };
  const named = t.name !== a.target || !isIpv4(a.target);
  const from = named ? `${t.ip} (${t.ip})` : t.ip;
  let failed: number | undefined;
  const start = (probe: PingResult): void => {
    if (probe.outcome === 'unreachable' && !probe.from && probe.errno && probe.errno !== 'EMSGSIZE') {
      ctx.stderr(busybox ? `ping: sendto: ${strerror(probe.errno, env.libc)}\n` : `ping: connect: ${strerror(probe.errno)}\n`);
      failed = busybox ? 1 : 2;
      return;
    }
    ctx.stdout(
      busybox
        ? `PING ${a.target} (${t.ip}): ${a.size} data bytes\n`
        : `PING ${t.name} (${t.ip}) ${a.size}(${a.size + 28}) bytes of data.\n`,
    );
  };
  // A running capture shows the first request after the PING line, as the real program sends it after printing.
  const first = (): PingResult => ctx.world.net.ping(env.netns, t.ip, { ...options, seq: 1 });
  const flows = flowsOf(ctx.world.store);
  const probe = flows ? flows.holding(first, start) : first();
  if (!flows) start(probe);
  if (failed !== undefined) return failed;
  const onEvent = (e: PingEvent) => {
    if (a.quiet) return;
    if (e.kind === 'reply') {
      const us = Math.round(e.rttMs * 1000);
      if (busybox)
        ctx.stdout(
          `${a.size + 8} bytes from ${t.ip}: seq=${e.seq} ttl=${e.ttl} time=${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')} ms\n`,
        );
      else ctx.stdout(`${a.size + 8} bytes from ${from}: icmp_seq=${e.seq + 1} ttl=${e.ttl} time=${iputilsTime(us)} ms\n`);
    } else if (e.kind === 'local') ctx.stderr(`ping: local error: message too long, mtu=${e.mtu}\n`);
    else if (!busybox)
      ctx.stdout(`From ${e.from} icmp_seq=${e.seq + 1} ${e.icmp}${e.icmp === 'Frag needed and DF set' ? ` (mtu = ${e.mtu})` : ''}\n`);
  };
  const plan = { count: a.count, intervalMs: a.intervalMs, lingerMs: a.lingerMs, deadlineMs: a.deadlineMs };
  const stats = runPing(ctx, env.netns, t.ip, plan, onEvent, probe, options);
  if (stats.aborted) return 0;
  const summary = {
    target: busybox ? a.target : t.name,
    transmitted: stats.transmitted,
    received: stats.received,
    errors: stats.errors,
    rttsUs: stats.rtts.map((r) => Math.round(r * 1000)),
    timeMs: stats.lastSendMs,
    pipe: stats.pipe,
  };
  ctx.stdout(busybox ? busyboxSummary(summary) : iputilsSummary(summary));
  if (stats.received === 0) return 1;
  return !busybox && a.deadlineMs !== undefined && a.count !== undefined && stats.received < a.count ? 1 : 0;
};
