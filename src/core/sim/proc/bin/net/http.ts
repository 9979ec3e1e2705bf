// One HTTP/1.1 exchange over an established connection: the listener's handler answers, or nothing does (nc).
import type { ConnectResult, HttpResponse } from '../../../contracts.ts';
import type { ToolContext } from '../tool.ts';
import { flowsOf } from '../../../net/flows.ts';
import { netnsOf } from './where.ts';

export interface OutgoingRequest {
  method: string;
  path: string;
  /** Headers in the order they are sent; Host first. */
  headers: [string, string][];
}

/** The response, or undefined when the peer accepts but never speaks HTTP (curl 52, wget "error getting response"). */
export function exchange(ctx: ToolContext, conn: ConnectResult, req: OutgoingRequest): HttpResponse | undefined {
  const http = conn.peer?.listener.http;
  if (!http) return undefined;
  const headers: Record<string, string> = {};
  for (const [k, v] of req.headers) headers[k] = v;
  const host = req.headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
  const clientIp = conn.clientIp ?? ctx.world.net.addressOf(netnsOf(ctx)) ?? '';
  const res = http({ method: req.method, path: req.path, host, headers, clientIp });
  // While a capture runs, the request and the answer go on the wire of the connection (net/flows.ts).
  const flows = flowsOf(ctx.world.store);
  if (flows && flows.captures.length > 0) {
    const line = `${req.method} ${req.path} HTTP/1.1`;
    const sent = bodyBytes(`${line}\r\n${req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
    const got = res ? bodyBytes(responseHead(res)) + (req.method === 'HEAD' ? 0 : bodyBytes(res.body)) : 0;
    const closes = res ? /close/i.test(header(res, 'Connection') ?? '') : false;
    flows.exchange(conn, sent, line, got, res ? `HTTP/1.1 ${res.status} ${res.reason}` : '', closes);
  }
  return res;
}

/** A header's value, case-insensitively. */
export function header(res: HttpResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** The body length a client counts: Content-Length when present (HEAD), else the body's bytes. */
export function bodyBytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** "HTTP/1.1 200 OK\r\nServer: x\r\n...\r\n\r\n": the response head as it travels. */
export function responseHead(res: HttpResponse): string {
  return `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** Listener processes that speak TLS on their port (the API server and the control-plane components). */
export const TLS_PROCESSES = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet']);
