// IPv4 address and CIDR arithmetic: parse, format, contains, overlap, nth address. Addresses are unsigned 32-bit numbers.

/** A parsed CIDR: the network address (host bits cleared) and the prefix length. */
export interface Cidr {
  network: number;
  prefix: number;
}

/** Parse dotted-quad IPv4 ("10.0.0.1"); undefined if malformed (leading zeros, out-of-range octets, extra parts). */
export function parseIp(text: string): number | undefined {
  // By character codes rather than split and a regex per part: the packet walk parses addresses at every route lookup.
  let n = 0;
  let parts = 0;
  let i = 0;
  while (parts < 4) {
    const start = i;
    let v = 0;
    while (i < text.length && i - start < 4) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      i++;
    }
    const len = i - start;
    // One to three digits, no leading zero (except "0" itself), at most 255.
    if (len === 0 || len > 3 || (len > 1 && text.charCodeAt(start) === 48) || v > 255) return undefined;
    n = n * 256 + v;
    parts++;
    if (parts < 4) {
      if (text.charCodeAt(i) !== 46) return undefined;
      i++;
    }
  }
  return i === text.length ? n >>> 0 : undefined;
}

/** True if the text is a well-formed IPv4 address. */
export function isIp(text: string): boolean {
  return parseIp(text) !== undefined;
}

/** Format a 32-bit number as dotted quad. */
export function formatIp(n: number): string {
  const v = n >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** The netmask of a prefix length, as a number (/24 → 0xffffff00). */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * Parse "a.b.c.d/p". With `strict`, host bits must be zero ("10.244.1.0/24" yes, "10.244.1.5/24" no).
 * A bare address parses as /32. Undefined if malformed.
 */
export function parseCidr(text: string, strict = false): Cidr | undefined {
  const [addr, len, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  let prefix = 32;
  if (len !== undefined) {
    if (!/^(0|[1-9]\d?)$/.test(len)) return undefined;
    prefix = Number(len);
    if (prefix > 32) return undefined;
  }
  const network = (ip & maskOf(prefix)) >>> 0;
  if (strict && network !== ip) return undefined;
  return { network, prefix };
}

/** "10.244.0.0/16". */
export function formatCidr(c: Cidr): string {
  return `${formatIp(c.network)}/${c.prefix}`;
}

/** Number of addresses in the block (2^(32-prefix)). */
export function sizeOf(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** The last address of the block (the broadcast address for prefixes below /31). */
export function lastOf(c: Cidr): number {
  return (c.network + sizeOf(c) - 1) >>> 0;
}

/** The n-th address of the block (0 = the network address); undefined if outside. */
export function nthIp(c: Cidr, n: number): number | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= sizeOf(c)) return undefined;
  return (c.network + n) >>> 0;
}

/** The n-th address as text; throws if n is outside (a programming error, not a user one). */
export function nthAddress(c: Cidr, n: number): string {
  const ip = nthIp(c, n);
  if (ip === undefined) throw new RangeError(`address #${n} is outside ${formatCidr(c)}`);
  return formatIp(ip);
}

/** True if the address lies in the block. */
export function containsIp(c: Cidr, ip: number): boolean {
  return (ip & maskOf(c.prefix)) >>> 0 === c.network;
}

/** True if `inner` lies entirely inside `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && containsIp(outer, inner.network);
}

/** True if the two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return containsCidr(a, b) || containsCidr(b, a);
}

/** The index-th sub-block of length `prefix` inside `c` (e.g. the 3rd /24 of a /16); undefined if out of range. */
export function subnet(c: Cidr, prefix: number, index: number): Cidr | undefined {
  if (prefix < c.prefix || prefix > 32) return undefined;
  const count = 2 ** (prefix - c.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
  return { network: (c.network + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** How many sub-blocks of length `prefix` fit in `c` (0 if prefix is shorter than c's). */
export function subnetCount(c: Cidr, prefix: number): number {
  return prefix < c.prefix || prefix > 32 ? 0 : 2 ** (prefix - c.prefix);
}

/** Convenience: does the CIDR text contain the address text? False if either is malformed. */
export function cidrHas(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  return c !== undefined && a !== undefined && containsIp(c, a);
}

/** The address part of "a.b.c.d/p" (or the text itself if it has no prefix). */
export function addressPart(cidrText: string): string {
  const i = cidrText.indexOf('/');
  return i < 0 ? cidrText : cidrText.slice(0, i);
}

/** Numeric comparison of two addresses as text, for sorting. */
export function compareIps(a: string, b: string): number {
  return (parseIp(a) ?? 0) - (parseIp(b) ?? 0);
}

/**
 * Parse dotted-quad IPv4 as the apiserver's legacy fields do (Go's netutils.ParseIPSloppy): leading zeros are
 * accepted ("010.96.0.10" is 10.96.0.10). Undefined if malformed. parseIp is the strict form the tools use.
 */
export function parseIpSloppy(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** "10.96.0.0/12" as the apiserver's legacy fields parse it (parseIpSloppy, the prefix required); host bits cleared. */
export function parseCidrSloppy(text: string): Cidr | undefined {
  const [ip, len] = text.split('/');
  const addr = parseIpSloppy(ip ?? '');
  const prefix = Number(len);
  if (addr === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { network: (addr & maskOf(prefix)) >>> 0, prefix };
}
