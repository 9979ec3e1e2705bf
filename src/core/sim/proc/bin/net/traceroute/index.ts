// traceroute over the simulated network: probes with TTL 1, 2, ... walk the model (net.trace); the router where each
// TTL runs out answers. Debian's traceroute 2.1.2 (nodes, netshoot) and BusyBox 1.35's applet (busybox images),
// chosen by host; formats checked against both programs in scratch network namespaces:
//   Debian:  " 1  10.1.0.2 (10.1.0.2)  0.047 ms  0.008 ms  0.005 ms"   (-n: " 1  10.1.0.2  0.040 ms * *")
//   BusyBox: " 1  10.1.0.2 (10.1.0.2)  0.010 ms  *  0.004 ms"
// The kernel's ICMP rate limit (which makes real runs show stray `*`) is not modelled: every probe that gets an
// answer in the model shows it.
import { gaiMessage, lookupHost } from '../lookup.ts';
import type { TraceAnswer, TraceProbe } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { getopt } from '../../getopt.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv } from '../where.ts';
import { DEBIAN_HELP } from './help.ts';

const ms3 = (ms: number) => {
  const us = Math.max(1, Math.round(ms * 1000));
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
};

export const traceroute: Tool = (ctx: ToolContext) => {
  const env = toolEnv(ctx, 'traceroute');
  const busybox = env.flavour === 'busybox';
  const p = getopt(ctx.argv.slice(1), { flags: 'nIT46dFrv', withValue: 'fmqwpNzts', long: {} });
  if (!p.ok || p.args.length === 0) {
    if (busybox) {
      ctx.stderr(busyboxUsage(env.busybox?.banner, 'traceroute'));
      return 1;
    }
    // Debian: an unknown option names itself and its argv position; no host at all prints the help, exit 0.
    if (!p.ok) {
      ctx.stderr(`Bad option \`${p.option}' (argc ${ctx.argv.indexOf(p.option) > 0 ? ctx.argv.indexOf(p.option) : 1})\n`);
      return 2;
    }
    ctx.stderr(DEBIAN_HELP);
    return 0;
  }
  let numeric = false;
  let proto: TraceProbe['proto'] = 'UDP';
  let first = 1;
  let max = 30;
  let queries = 3;
  let port: number | undefined;
  for (const { key, value = '' } of p.opts) {
    if (key === 'n') numeric = true;
    if (key === 'I') proto = 'ICMP';
    if (key === 'T') proto = 'TCP';
    if (key === 'f') first = Number(value);
    if (key === 'm') max = Number(value);
    if (key === 'q') queries = Number(value);
    if (key === 'p') port = Number(value);
  }
  const target = p.args[0];
  let ip = target;
  if (!isIpv4(target)) {
    const ans = lookupHost(ctx, env, target);
    if ('rcode' in ans) {
      if (ans.aborted) return 0;
      if (busybox) ctx.stderr(`traceroute: bad address '${target}'\n`);
      else
        ctx.stderr(
          `${target}: ${gaiMessage(ans.rcode)}\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc ${ctx.argv.indexOf(target, 1)})\n`,
        );
      return busybox ? 1 : 2;
    }
    ip = ans.ip;
  }
  const size = p.args[1] !== undefined ? Number(p.args[1]) : busybox ? 46 : 60;
  ctx.stdout(`traceroute to ${target} (${ip}), ${max} hops max, ${size} byte packets\n`);
  const trace = ctx.world.net.trace;
  let n = 0;
  for (let ttl = first; ttl <= max; ttl++) {
    let line = busybox ? `${String(ttl).padStart(2)}` : `${String(ttl).padStart(2)} `;
    let last: string | undefined;
    let done = false;
    let waitMs = 0;
    for (let q = 0; q < queries; q++) {
      // UDP probes go to port 33434 and up, one port per probe; ICMP has none; TCP goes to -p (80 by default).
      const dport = proto === 'TCP' ? (port ?? 80) : (port ?? 33434) + n++;
      const a: TraceAnswer = trace.call(ctx.world.net, env.netns, ip, { proto, ttl, port: dport });
      if (a.kind === 'none' || a.kind === 'too-big') {
        line += busybox ? '  *' : ' *';
        waitMs += busybox ? 3000 : 5000;
        continue;
      }
      if (a.from !== last) line += numeric ? `${busybox ? '  ' : ' '}${a.from}` : `${busybox ? '  ' : ' '}${a.from} (${a.from})`;
      last = a.from;
      line += `  ${ms3(a.rttMs)} ms`;
      waitMs += a.rttMs;
      if (a.kind === 'unreachable') line += ` !${a.code}`;
      if (a.kind === 'reached' || a.kind === 'unreachable') done = true;
    }
    // Debian sends a hop's probes together and waits once; BusyBox waits for each probe in turn.
    if (!ctx.sleep(busybox ? waitMs : Math.min(waitMs, 5000))) return 0;
    ctx.stdout(`${line}\n`);
    if (done) break;
  }
  return 0;
};
