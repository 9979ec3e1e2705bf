// nc: OpenBSD netcat (nodes, netshoot) and BusyBox nc — the NC_110_COMPAT build of the Docker busybox and Alpine
// images (-z, "host (ip:port) open"), or Debian's small build that rejects -z (transcripts/busybox-nc-ok.txt).
import { gaiMessage, lookupHost, type Lookup } from '../lookup.ts';
import type { ConnectResult } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { connectErrno, failureDelayMs, KERNEL_CONNECT_TIMEOUT_MS, strerror, type Errno } from '../errno.ts';
import { getopt } from '../../getopt.ts';
import { exchange, responseHead } from '../http.ts';
import { toolEnv, type ToolEnv } from '../where.ts';
import { serviceName } from './services.ts';

interface NcArgs {
  listen: boolean;
  zero: boolean;
  verbose: number;
  udp: boolean;
  waitMs?: number;
  host: string;
  port: number;
}

/** Option letters of each build: OpenBSD netcat, BusyBox with NC_110_COMPAT, BusyBox's small nc (Debian). */
const SPECS = {
  openbsd: { flags: 'lkvzun46dDhNrStU', withValue: 'pswiIOPqTVWxXM' },
  bloaty: { flags: 'lkvzunb', withValue: 'pswioe' },
  small: { flags: 'l', withValue: 'pwief' },
};

function parse(argv: string[], build: keyof typeof SPECS): NcArgs | { bad: string } | { usage: true } {
  const p = getopt(argv, { ...SPECS[build], long: {} });
  if (!p.ok) return { bad: p.option.slice(1) };
  const a: NcArgs = { listen: false, zero: false, verbose: 0, udp: false, host: p.args[0] ?? '', port: Number(p.args[1]) };
  for (const { key, value = '' } of p.opts) {
    if (key === 'l') a.listen = true;
    if (key === 'z') a.zero = true;
    if (key === 'v') a.verbose++;
    if (key === 'u') a.udp = true;
    if (key === 'w') a.waitMs = Number(value) * 1000;
  }
  if (!a.listen && (!a.host || !Number.isInteger(a.port))) return { usage: true };
  return a;
}

/** Connect, letting the time pass that the attempt takes; the errno when it fails. */
function attempt(ctx: ToolContext, env: ToolEnv, ip: string, a: NcArgs): { conn: ConnectResult; errno?: Errno; aborted?: boolean } {
  const conn = ctx.world.net.connect(env.netns, ip, a.port, a.udp ? 'UDP' : 'TCP');
  if (conn.outcome === 'connected') return { conn, aborted: !ctx.sleep(conn.rttMs) };
  const fails = conn.outcome === 'timeout' ? KERNEL_CONNECT_TIMEOUT_MS : failureDelayMs(conn);
  if (a.waitMs !== undefined && a.waitMs < fails) return { conn, errno: 'ETIMEDOUT', aborted: !ctx.sleep(a.waitMs) };
  return { conn, errno: connectErrno(conn), aborted: !ctx.sleep(fails) };
}

function resolve(ctx: ToolContext, env: ToolEnv, host: string): Lookup {
  return lookupHost(ctx, env, host);
}

/** Without -z: send stdin; an HTTP listener answers an HTTP request, which nc prints. */
function talk(ctx: ToolContext, conn: ConnectResult): void {
  const lines = ctx.stdin.split(/\r?\n/);
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!m) return;
  const headers: [string, string][] = [];
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers.push([l.slice(0, i).trim(), l.slice(i + 1).trim()]);
  }
  const res = exchange(ctx, conn, { method: m[1], path: m[2], headers });
  if (res) ctx.stdout(responseHead(res) + (m[1] === 'HEAD' ? '' : res.body));
}

function openbsd(ctx: ToolContext, env: ToolEnv, argv: string[]): number {
  const a = parse(argv, 'openbsd');
  if ('bad' in a || 'usage' in a) {
    if ('bad' in a) ctx.stderr(`nc: invalid option -- '${a.bad}'\n`);
    ctx.stderr(
      'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n',
    );
    return 1;
  }
  if (a.listen) return listenForever(ctx);
  const r = resolve(ctx, env, a.host);
  const proto = a.udp ? 'udp' : 'tcp';
  if ('rcode' in r) {
    if (r.aborted) return 0;
    ctx.stderr(`nc: getaddrinfo for host "${a.host}" port ${a.port}: ${gaiMessage(r.rcode)}\n`);
    return 1;
  }
  const { conn, errno, aborted } = attempt(ctx, env, r.ip, a);
  if (aborted) return 0;
  if (errno) {
    if (a.verbose) {
      const how = errno === 'ETIMEDOUT' && a.waitMs !== undefined ? `timed out: ${strerror('EINPROGRESS')}` : `failed: ${strerror(errno)}`;
      ctx.stderr(`nc: connect to ${a.host} port ${a.port} (${proto}) ${how}\n`);
    }
    return 1;
  }
  if (a.verbose)
    ctx.stderr(
      `Connection to ${a.host}${a.host === r.ip ? '' : ` (${r.ip})`} ${a.port} port [${proto}/${serviceName(a.port, proto)}] succeeded!\n`,
    );
  if (!a.zero) talk(ctx, conn);
  return 0;
}

function busybox(ctx: ToolContext, env: ToolEnv, argv: string[]): number {
  const bloaty = env.busybox?.ncBloaty ?? true;
  const a = parse(argv, bloaty ? 'bloaty' : 'small');
  if ('bad' in a || 'usage' in a) {
    if ('bad' in a) ctx.stderr(`nc: invalid option -- '${a.bad}'\n`);
    ctx.stderr(busyboxUsage(env.busybox?.banner, bloaty ? 'nc' : 'nc-small'));
    return 1;
  }
  if (a.listen) return listenForever(ctx);
  const r = resolve(ctx, env, a.host);
  if ('rcode' in r) {
    if (r.aborted) return 0;
    ctx.stderr(`nc: bad address '${a.host}'\n`);
    return 1;
  }
  const dotted = `${r.ip}:${a.port}`;
  const { conn, errno, aborted } = attempt(ctx, env, r.ip, a);
  if (aborted) return 0;
  if (errno) {
    // One -v stays quiet about a refusal (nc 1.10's scanning habit); other errors and -vv speak.
    if (!bloaty) ctx.stderr(`nc: can't connect to remote host (${r.ip}): ${strerror(errno, env.libc)}\n`);
    else if (a.verbose > 1 || (a.verbose === 1 && errno !== 'ECONNREFUSED'))
      ctx.stderr(`nc: ${a.host} (${dotted}): ${strerror(errno, env.libc)}\n`);
    return 1;
  }
  if (a.verbose && bloaty) ctx.stderr(`${a.host} (${dotted}) open\n`);
  if (!a.zero) talk(ctx, conn);
  return 0;
}

/** `nc -l` typed in a shell blocks until the cell ends; the listening socket is not modelled for typed commands. */
function listenForever(ctx: ToolContext): number {
  while (ctx.sleep(60_000));
  return 0;
}

/** nc with an explicit build (tests pin Debian's BusyBox package, which the catalog has no image for). */
export function ncWith(ctx: ToolContext, env: ToolEnv): number {
  return env.flavour === 'busybox' ? busybox(ctx, env, ctx.argv.slice(1)) : openbsd(ctx, env, ctx.argv.slice(1));
}

export const nc: Tool = (ctx) => ncWith(ctx, toolEnv(ctx, 'nc'));
