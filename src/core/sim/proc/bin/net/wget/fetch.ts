// What both wgets do on the wire: resolve, connect (with a timeout), send a GET/HEAD, read the response.
import { lookupHost } from '../lookup.ts';
import type { ConnectResult, HttpResponse } from '../../../../contracts.ts';
import type { ToolContext } from '../../tool.ts';
import { connectErrno, failureDelayMs, KERNEL_CONNECT_TIMEOUT_MS, type Errno } from '../errno.ts';
import { exchange } from '../http.ts';
import type { ParsedUrl } from '../url.ts';
import type { ToolEnv } from '../where.ts';

export type Resolved = { ok: true; ip: string } | { ok: false; rcode: string; aborted: boolean };

export function resolveFor(ctx: ToolContext, env: ToolEnv, host: string): Resolved {
  const r = lookupHost(ctx, env, host);
  return 'ip' in r ? { ok: true, ip: r.ip } : { ok: false, rcode: r.rcode, aborted: r.aborted };
}

export type Connected = { ok: true; conn: ConnectResult } | { ok: false; errno: Errno; timedOut: boolean } | { ok: false; aborted: true };

/** Connect within `timeoutMs` (the kernel's own limit otherwise), letting the time pass. */
export function connectFor(ctx: ToolContext, env: ToolEnv, ip: string, port: number, timeoutMs?: number): Connected {
  const conn = ctx.world.net.connect(env.netns, ip, port, 'TCP');
  if (conn.outcome === 'connected') return ctx.sleep(conn.rttMs) ? { ok: true, conn } : { ok: false, aborted: true };
  const fails = conn.outcome === 'timeout' ? KERNEL_CONNECT_TIMEOUT_MS : failureDelayMs(conn);
  if (timeoutMs !== undefined && timeoutMs < fails)
    return ctx.sleep(timeoutMs) ? { ok: false, errno: 'ETIMEDOUT', timedOut: true } : { ok: false, aborted: true };
  return ctx.sleep(fails) ? { ok: false, errno: connectErrno(conn), timedOut: false } : { ok: false, aborted: true };
}

/** Send the request; undefined when the peer never answers HTTP. */
export function request(
  ctx: ToolContext,
  conn: ConnectResult,
  u: ParsedUrl,
  method: string,
  userAgent: string,
  extra: [string, string][] = [],
): HttpResponse | undefined {
  const host = u.explicitPort !== undefined ? `${u.host}:${u.explicitPort}` : u.host;
  return exchange(ctx, conn, { method, path: u.path, headers: [['Host', host], ['User-Agent', userAgent], ...extra] });
}

/** The file name wget saves to: the URL's last path segment, else index.html. */
export function remoteName(u: ParsedUrl): string {
  const last = u.path.split('?')[0].split('/').pop();
  return last ? last : 'index.html';
}
