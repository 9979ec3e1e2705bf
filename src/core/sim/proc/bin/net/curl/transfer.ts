// One curl transfer: resolve, connect, send, receive — each step's failure worded and timed like curl 7.88.1.
import type { ConnectResult, HttpResponse } from '../../../../contracts.ts';
import type { ToolContext } from '../../tool.ts';
import { connectErrno, failureDelayMs, KERNEL_CONNECT_TIMEOUT_MS, strerror } from '../errno.ts';
import { bodyBytes, exchange, header, TLS_PROCESSES, type OutgoingRequest } from '../http.ts';
import { isIpv4, type ParsedUrl } from '../url.ts';
import type { ToolEnv } from '../where.ts';
import type { Meter } from './meter.ts';
import type { CurlOptions } from './options.ts';
import type { Trace } from './verbose.ts';
import type { Waiter } from './waiter.ts';

/** How a transfer ended: curl's exit code and message, or the response. */
export type Outcome =
  | { ok: true; res: HttpResponse; ip: string; connectMs: number; totalMs: number; bytes: number; closes: boolean }
  | { ok: false; code: number; message: string; ip?: string; res?: HttpResponse };

export interface TransferIo {
  ctx: ToolContext;
  env: ToolEnv;
  o: CurlOptions;
  meter: Meter;
  trace: Trace;
  waiter: Waiter;
  /** The connection a redirect to the same host reuses (curl's connection cache, one entry). */
  cache: { conn?: ConnectResult; ip?: string };
}

/** Resolver timeout when no DNS server answers (glibc: 5 s per try, 2 tries). */
const RESOLVE_TIMEOUT_MS = 10_000;

function resolveHost(io: TransferIo, host: string): { ip: string } | { code: number; message: string } {
  if (isIpv4(host)) return { ip: host };
  const ans = io.ctx.world.net.resolve(io.env.netns, host, { libc: io.env.libc });
  // How long getaddrinfo took: CoreDNS's late SERVFAIL (6 s) or musl's 5 s when the model knows it, else no server: 10 s.
  const took = ans.elapsedMs ?? (!ans.ok && ans.rcode === 'timeout' ? RESOLVE_TIMEOUT_MS : 0);
  const limit = io.o.maxTimeMs;
  if (took > 0 && limit !== undefined && limit < took) {
    io.waiter.wait(limit + 1);
    return { code: 28, message: `Resolving timed out after ${limit + 1} milliseconds` };
  }
  if (took > 0) io.waiter.wait(took);
  if (ans.ok) return { ip: ans.addresses[0] };
  return { code: 6, message: `Could not resolve host: ${host}` };
}

/** A connect that did not succeed: wait as long as it takes to fail, then curl's words for it. */
function connectFailure(io: TransferIo, u: ParsedUrl, conn: ConnectResult): { code: number; message: string } {
  const { o, waiter, trace } = io;
  const start = waiter.elapsed;
  const failsAfter = conn.outcome === 'timeout' ? Infinity : failureDelayMs(conn);
  const limits = [o.maxTimeMs, o.connectTimeoutMs].filter((x): x is number => x !== undefined);
  const limit = limits.length ? Math.min(...limits) : undefined;
  if (limit !== undefined && limit < failsAfter) {
    const byConnectTimeout =
      o.connectTimeoutMs !== undefined && o.connectTimeoutMs === limit && (o.maxTimeMs === undefined || o.connectTimeoutMs < o.maxTimeMs);
    const after = limit + (byConnectTimeout ? 2 : 1);
    waiter.wait(after - start, after);
    if (byConnectTimeout) {
      trace.info(`Connection timed out after ${after} milliseconds`);
      return { code: 28, message: `Failed to connect to ${u.host} port ${u.port} after ${after} ms: Timeout was reached` };
    }
    trace.info(`Connection timed out after ${after} milliseconds`);
    return { code: 28, message: `Connection timed out after ${after} milliseconds` };
  }
  const wait = conn.outcome === 'timeout' ? KERNEL_CONNECT_TIMEOUT_MS : failsAfter;
  waiter.wait(wait, start + wait);
  const ms = Math.floor(waiter.elapsed);
  trace.info(`connect to ${conn.peer?.ip ?? u.host} port ${u.port} failed: ${strerror(connectErrno(conn))}`);
  trace.info(`Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`);
  return {
    code: conn.outcome === 'timeout' ? 28 : 7,
    message: `Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`,
  };
}

/** The request curl sends: Host, User-Agent, Accept, then -H headers (which replace or, with "Name:", remove). */
export function buildRequest(o: CurlOptions, u: ParsedUrl): OutgoingRequest {
  const headers: [string, string][] = [
    ['Host', u.explicitPort !== undefined && u.explicitPort !== (u.scheme === 'https' ? 443 : 80) ? `${u.host}:${u.explicitPort}` : u.host],
    ['User-Agent', o.userAgent ?? 'curl/7.88.1'],
    ['Accept', '*/*'],
  ];
  if (o.data !== undefined)
    headers.push(['Content-Length', String(bodyBytes(o.data))], ['Content-Type', 'application/x-www-form-urlencoded']);
  for (const h of o.headers) {
    const colon = h.indexOf(':');
    if (colon <= 0) continue;
    const name = h.slice(0, colon).trim();
    const value = h.slice(colon + 1).trim();
    const i = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (value === '' && !h.endsWith(';')) {
      if (i >= 0) headers.splice(i, 1);
    } else if (i >= 0) headers[i] = [headers[i][0] === name ? name : name, value];
    else headers.push([name, value]);
  }
  return { method: o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET'), path: u.path, headers };
}

/** Go's TLS server answering plain HTTP. */
const HTTP_TO_HTTPS: HttpResponse = {
  status: 400,
  reason: 'Bad Request',
  headers: [],
  body: 'Client sent an HTTP request to an HTTPS server.\n',
};

/** Run one request to `u` over a fresh connection (or, for a redirect to the same host, the kept-alive one). */
export function transfer(io: TransferIo, u: ParsedUrl, reuse: boolean): Outcome {
  const { ctx, env, o, trace, waiter } = io;
  let ip: string;
  let conn: ConnectResult;
  if (!reuse || !io.cache.conn || !io.cache.ip) {
    const r = resolveHost(io, u.host);
    if ('code' in r) {
      trace.info(r.message);
      return { ok: false, code: r.code, message: r.message };
    }
    ip = r.ip;
    trace.trying(ip, u.port);
    conn = ctx.world.net.connect(env.netns, ip, u.port, 'TCP');
    if (conn.outcome !== 'connected') return { ok: false, ...connectFailure(io, u, conn), ip };
    if (!waiter.wait(conn.rttMs)) return { ok: false, code: 0, message: '' };
    trace.info(`Connected to ${u.host} (${ip}) port ${u.port} (#0)`);
    io.cache.conn = conn;
    io.cache.ip = ip;
  } else {
    conn = io.cache.conn;
    ip = io.cache.ip;
  }
  const connectMs = waiter.elapsed;
  const tls = TLS_PROCESSES.has(conn.peer?.listener.process ?? '');
  if (u.scheme === 'https' && !tls) return { ok: false, code: 35, message: 'error:0A00010B:SSL routines::wrong version number', ip };
  if (u.scheme === 'https' && !o.insecure)
    return { ok: false, code: 60, message: 'SSL certificate problem: unable to get local issuer certificate', ip };
  const req = buildRequest(o, u);
  trace.request(req.method, req);
  const res = u.scheme === 'http' && tls ? HTTP_TO_HTTPS : exchange(ctx, conn, req);
  if (!waiter.wait(conn.rttMs + 0.2)) return { ok: false, code: 0, message: '' };
  if (!res) {
    trace.info('Empty reply from server');
    return { ok: false, code: 52, message: 'Empty reply from server', ip };
  }
  trace.response(res);
  const length = header(res, 'Content-Length');
  const bytes = req.method === 'HEAD' ? 0 : bodyBytes(res.body);
  if (o.fail && res.status >= 400) {
    trace.info(`The requested URL returned error: ${res.status}`);
    return { ok: false, code: 22, message: `The requested URL returned error: ${res.status}`, ip, res };
  }
  const closes = (header(res, 'Connection') ?? '').toLowerCase() === 'close' || (length === undefined && req.method !== 'HEAD');
  return { ok: true, res, ip, connectMs, totalMs: waiter.elapsed, bytes, closes };
}
