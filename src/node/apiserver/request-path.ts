// Parsing an API path (/api/v1/namespaces/NS/pods/NAME/exec) into the resource, namespace, name and subresource.
import { RESOURCES, type ResourceType } from '../../core/index.ts';

/** A request for a resource (collection or object), possibly a subresource of an object. */
export interface ResourcePath {
  type: ResourceType;
  /** Set for namespaced requests (`/namespaces/NS/...`); undefined for cluster-wide lists and cluster-scoped kinds. */
  namespace?: string;
  name?: string;
  /** "exec", "log", "scale", "status" … */
  subresource?: string;
}

export type ParsedPath =
  | { kind: 'resource'; path: ResourcePath }
  /** A group/version we serve but a plural we do not: 404 with the real apiserver's wording. */
  | { kind: 'unknown-resource'; plural: string }
  | { kind: 'other' };

/** The group and version a path starts with, and the segments after them. */
function splitGroupVersion(segments: string[]): { group: string; version: string; rest: string[] } | undefined {
  if (segments[0] === 'api' && segments.length >= 2) return { group: '', version: segments[1], rest: segments.slice(2) };
  if (segments[0] === 'apis' && segments.length >= 3) return { group: segments[1], version: segments[2], rest: segments.slice(3) };
  return undefined;
}

const NAMESPACE_SUBRESOURCES = ['status', 'finalize'];

function find(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

/**
 * A request target's path and query, never throwing: WHATWG URL when it parses the target (dot segments resolved),
 * else the raw target split at "?" (Go takes `//[` as a path, where WHATWG URL sees a broken authority).
 */
export function requestTarget(raw: string | undefined): { pathname: string; query: URLSearchParams } {
  const target = raw ?? '/';
  try {
    const url = new URL(target, 'http://localhost');
    return { pathname: url.pathname, query: url.searchParams };
  } catch {
    const q = target.indexOf('?');
    return { pathname: q < 0 ? target : target.slice(0, q), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
  }
}

/**
 * Whether Go's url.ParseRequestURI refuses the target: a "%" in its path not followed by two hex digits (net/url's
 * unescape in encodePath mode; the query is not checked). net/http then answers before any handler runs.
 */
export function unparsableTarget(raw: string | undefined): boolean {
  return /%(?![0-9A-Fa-f]{2})/.test((raw ?? '/').split('?')[0]);
}

/** What Go's net/http writes for a request it cannot parse, before closing the connection (server.go, conn.serve). */
export const UNPARSABLE_REPLY =
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request';

/** A path segment with its escapes decoded as bytes (Go keeps them as bytes; here bytes that are not UTF-8 become U+FFFD). */
function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    // %FF (not UTF-8) or a bad escape (refused before routing, but never a throw here)
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const hex = s[i] === '%' ? s.slice(i + 1, i + 3) : '';
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else bytes.push(...new TextEncoder().encode(s[i]));
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

/** Parse the path of a URL (without query). Discovery paths (/api, /apis/apps/v1) are `other`. */
export function parseResourcePath(pathname: string): ParsedPath {
  const segments = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  const gv = splitGroupVersion(segments);
  if (!gv || gv.rest.length === 0) return { kind: 'other' };
  const { group, version, rest } = gv;
  // /namespaces/NS/<plural>... is a namespaced request unless <plural> is not a namespaced kind (namespaces/NS/status).
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = find(group, version, rest[2]);
    if (type?.namespaced) {
      if (rest.length > 5) return { kind: 'other' };
      return { kind: 'resource', path: { type, namespace: rest[1], name: rest[3], subresource: rest[4] } };
    }
    // namespaces/NS/status and namespaces/NS/finalize are subresources of the Namespace itself.
    if (group !== '' || !NAMESPACE_SUBRESOURCES.includes(rest[2])) return { kind: 'unknown-resource', plural: rest[2] };
  }
  const type = find(group, version, rest[0]);
  if (!type) return { kind: 'unknown-resource', plural: rest[0] };
  if (rest.length > 3) return { kind: 'other' };
  return { kind: 'resource', path: { type, name: rest[1], subresource: rest[2] } };
}
