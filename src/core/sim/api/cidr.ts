// IPv4 arithmetic for the API layer: parse CIDRs, test membership, turn offsets into addresses.

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
}

/** "10.96.0.1" → 0x0a600001; undefined if malformed. */
export function parseIp(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** "10.96.0.0/12" → the block (host bits cleared); undefined if malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, len] = text.split('/');
  const addr = parseIp(ip ?? '');
  const prefix = Number(len);
  if (addr === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const base = prefix === 0 ? 0 : (addr & (0xffffffff << (32 - prefix))) >>> 0;
  return { base, prefix, size };
}

export function contains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** The address `offset` places into the block ("10.96.0.0/12", 10 → "10.96.0.10"). */
export function nthIp(c: Cidr, offset: number): string {
  return formatIp((c.base + offset) >>> 0);
}
