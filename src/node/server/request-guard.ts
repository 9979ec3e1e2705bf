// Who may talk to a podlab server from a browser: the Host a request names (against DNS rebinding) and the Origin of
// a page (against cross-site requests and WebSockets). Shared by `podlab serve` and `podlab apiserver`.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Names that always mean this machine. */
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '127.0.0.1', '::1']);

export interface HostPolicy {
  /** The address the server binds (--host): its name is accepted as a Host. */
  bindHost: string;
  /** The URL users reach the server at through a proxy (--public-url): its host name is accepted, its origin too. */
  publicUrl?: string;
}

/** The host name of a Host header ("name:port", "[v6]:port"), lower-cased; undefined when it does not parse. */
function hostName(header: string): string | undefined {
  try {
    const h = new URL(`http://${header}`).hostname.toLowerCase();
    return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  } catch {
    return undefined;
  }
}

/**
 * Whether a Host header names this server. A DNS-rebinding page reaches a loopback server under a name the
 * attacker controls, so only names we know are accepted: loopback names, *.localhost, the bind address, the
 * public URL's host; and IP literals (no rebinding goes through an address). No Host (HTTP/1.0, tools) passes.
 */
export function hostAllowed(header: string | undefined, policy: HostPolicy): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === undefined || name === '') return false;
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  if (name === policy.bindHost.toLowerCase().replace(/^\[|\]$/g, '')) return true;
  return policy.publicUrl !== undefined && name === hostName(new URL(policy.publicUrl).host);
}

/**
 * Whether a request may act for a browser page: no Origin (not a browser: curl, kubectl, tests), or an Origin
 * whose host is the request's own (checked) Host or the public URL's origin. Anything else — another site,
 * "null" from a sandboxed frame or file:// — is refused.
 */
export function originAllowed(req: IncomingMessage, policy: HostPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (!hostAllowed(req.headers.host, policy)) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.host === req.headers.host) return true;
  return policy.publicUrl !== undefined && url.origin === new URL(policy.publicUrl).origin;
}

/**
 * The client a request counts against (per-client limits): its remote address. Behind a proxy (`--public-url`)
 * every request comes from the proxy, so the address the proxy appended last to X-Forwarded-For is taken
 * instead (earlier entries come from the client and can be anything).
 */
export function clientOf(req: IncomingMessage, behindProxy = false): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
  if (behindProxy && last) return last;
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The path and query of a request target; undefined when WHATWG URL refuses it (`//[`, `//a:99999`: a request
 * target whose start looks like an authority). Never throws: a thrown error in a request handler ends the process.
 */
export function targetOf(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
