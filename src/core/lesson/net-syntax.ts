// Syntax checks for names and addresses in front matter and cells (IPv4, CIDR, DNS names, durations).
import { parseDuration } from '../duration.ts';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted IPv4 address, or undefined. */
export function ipv4Value(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** True for a dotted IPv4 address. */
export function isIpv4(text: string): boolean {
  return ipv4Value(text) !== undefined;
}

/** An error message for a bad IPv4 address, or undefined. */
export function checkIpv4(text: string): string | undefined {
  return isIpv4(text) ? undefined : `"${text}" is not an IPv4 address`;
}

/** An error message for a bad IPv4 CIDR (including host bits set, like 10.0.0.5/24), or undefined. */
export function checkCidr(text: string): string | undefined {
  const [ip, bits, extra] = text.split('/');
  const base = ipv4Value(ip);
  const prefix = /^\d{1,2}$/.test(bits ?? '') ? Number(bits) : NaN;
  if (base === undefined || extra !== undefined || !(prefix >= 0 && prefix <= 32)) return `"${text}" is not an IPv4 CIDR like 10.0.0.0/24`;
  const hostMask = prefix === 32 ? 0 : 2 ** (32 - prefix) - 1;
  if (base % (hostMask + 1) !== 0) return `"${text}" has host bits set (the network is ${networkOf(base, prefix)}/${prefix})`;
  return undefined;
}

function networkOf(base: number, prefix: number): string {
  const size = 2 ** (32 - prefix);
  const n = Math.floor(base / size) * size;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** An error message for a bad DNS-1123 label (node, namespace names), or undefined. */
export function checkDnsLabel(text: string): string | undefined {
  return DNS_LABEL.test(text) ? undefined : `"${text}" is not a DNS label (lowercase letters, digits, '-')`;
}

/** An error message for a bad DNS-1123 subdomain (pod, Service names), or undefined. */
export function checkDnsSubdomain(text: string): string | undefined {
  const ok = text.length <= 253 && text.split('.').every((l) => DNS_LABEL.test(l));
  return ok ? undefined : `"${text}" is not a DNS name (lowercase letters, digits, '-', '.')`;
}

/** An error message for a bad simulated-time duration (`95m`, `1h30m`, `10s`, `2d`: the grammar the simulator reads), or undefined. */
export function checkDuration(text: string): string | undefined {
  return parseDuration(text) !== undefined ? undefined : `"${text}" is not a duration like 30s, 95m, 1h30m or 2d`;
}
