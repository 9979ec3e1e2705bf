// URLs as curl and wget take them: the scheme is optional, the port defaults by scheme, the path to "/".
import { parseIpSloppy } from '../../../net/cidr.ts';

export interface ParsedUrl {
  scheme: string;
  host: string;
  /** The port as typed, if any ("Host:" headers and wget's "Connecting to" line show it only then). */
  explicitPort?: number;
  port: number;
  /** Path and query, at least "/". */
  path: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

/** Parse; undefined for a malformed URL (curl exit 3). Unknown schemes parse; the tool decides what to do. */
export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:?#]*)(?::([^/?#]*))?([^#]*)/.exec(text.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = m[2];
  if (!host) return undefined;
  let explicitPort: number | undefined;
  if (m[3] !== undefined) {
    if (!/^\d{1,5}$/.test(m[3]) || Number(m[3]) > 65535) return undefined;
    explicitPort = Number(m[3]);
  }
  let path = m[4] || '/';
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host: host.toLowerCase(), explicitPort, port: explicitPort ?? DEFAULT_PORTS[scheme] ?? 80, path };
}

/** "http://10.200.0.2/" — the URL as curl's -w %{url_effective} and wget's first line print it. */
export function formatUrl(u: ParsedUrl): string {
  return `${u.scheme}://${u.host}${u.explicitPort !== undefined ? `:${u.explicitPort}` : ''}${u.path}`;
}

/** True for a dotted IPv4 literal (four decimal parts up to 255, leading zeros accepted: net/cidr.ts parseIpSloppy). */
export function isIpv4(s: string): boolean {
  return parseIpSloppy(s) !== undefined;
}
