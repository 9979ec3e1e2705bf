// tcpdump 4.99.3's lines for the packets the model carries, as print-ip.c, print-tcp.c, print-icmp.c, print-udp.c,
// print-vxlan.c/print-otv.c, print-ether.c and print-sll.c write them (test/golden/tools/capture/ holds the real ones):
//   12:00:01.000015 IP 192.168.254.206.46416 > 10.96.12.34.80: Flags [S], seq 3592126650, win 64800, options [...], length 0
// IPIP (proto 4) prints the outer header then the inner packet (print-ip-demux.c: no "(ipip-proto-4)" since 4.99);
// flannel's VXLAN (UDP 8472) prints as OTV, `flags [I] (0x08), overlay 0, instance 1`, then the inner packet.
// -i any (LINUX_SLL2) prefixes the device padded to 5 and the direction padded to 3; -e the link-layer header (on
// any, sll2_print: the sender's MAC when the device has one, the ethertype, the length with the 20-byte SLL2 header).
import type { CapturedPacket } from '../../../../net/flows.ts';

export interface PrintOptions {
  numeric: boolean;
  verbose: boolean;
  ether: boolean;
  any: boolean;
  /** -t: no timestamp. */
  noTime: boolean;
  /** Without -n: names for addresses (the host's /etc/hosts) and ports (/etc/services). */
  hostName?: (ip: string) => string | undefined;
}

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt', 8472: 'otv' };

/** The IP header's protocol number of the packet's own (inner) payload. */
export function innerProto(p: CapturedPacket): number {
  return p.tcp ? 6 : p.icmp ? 1 : 17;
}

/** Length of the IPv4 packet (header, transport header and payload). */
export function ipLength(p: CapturedPacket): number {
  if (p.tcp) return 20 + 20 + optionBytes(p.tcp.options) + p.tcp.length;
  if (p.icmp) return 20 + p.icmp.length;
  return 20 + 8;
}

function optionBytes(options: string): number {
  if (!options) return 0;
  let n = 0;
  for (const o of options.split(',')) {
    if (o === 'nop') n += 1;
    else if (o.startsWith('mss')) n += 4;
    else if (o === 'sackOK') n += 2;
    else if (o.startsWith('TS')) n += 10;
    else if (o.startsWith('wscale')) n += 3;
  }
  return Math.ceil(n / 4) * 4;
}

/** Total length on the wire outside the inner IP packet. */
export function outerLength(p: CapturedPacket): number {
  const inner = ipLength(p);
  if (!p.outer) return inner;
  return p.outer.kind === 'ipip' ? inner + 20 : inner + 20 + 8 + 8 + 14;
}

function time(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(((us % 1_000_000) + 1_000_000) % 1_000_000, 6)}`;
}

/** A deterministic, plausible checksum for -v (the model carries no payload bytes to sum). */
function checksum(p: CapturedPacket): string {
  let h = 0x811c9dc5;
  const key = `${p.src}${p.dst}${p.ipId}${p.tcp?.flags ?? ''}${p.tcp?.length ?? 0}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return `0x${((h >>> 0) & 0xffff).toString(16).padStart(4, '0')}`;
}

export function printPacket(p: CapturedPacket, o: PrintOptions): string {
  const addr = (ip: string) => (o.numeric ? ip : (o.hostName?.(ip) ?? ip));
  const port = (n: number) => (o.numeric ? String(n) : (SERVICES[n] ?? String(n)));
  const ipHead = (ttl: number, id: number, df: boolean, proto: string, len: number) =>
    `IP (tos 0x0, ttl ${ttl}, id ${id}, offset 0, flags [${df ? 'DF' : 'none'}], proto ${proto}, length ${len})\n    `;

  const transport = (): string => {
    if (p.tcp) {
      const t = p.tcp;
      const parts = [`Flags [${t.flags}]`];
      if (o.verbose) parts.push(`cksum ${checksum(p)} (correct)`);
      if (t.seq !== undefined) parts.push(`seq ${Array.isArray(t.seq) ? `${t.seq[0]}:${t.seq[1]}` : t.seq}`);
      if (t.ack !== undefined) parts.push(`ack ${t.ack}`);
      parts.push(`win ${t.win}`);
      if (t.options) parts.push(`options [${t.options}]`);
      parts.push(`length ${t.length}`);
      const http = t.length > 0 && (t.sport === 80 || t.dport === 80 || t.sport === 8080 || t.dport === 8080);
      const text = http ? (t.text ? `: HTTP: ${t.text}` : ': HTTP') : '';
      return `${addr(p.src)}.${port(t.sport)} > ${addr(p.dst)}.${port(t.dport)}: ${parts.join(', ')}${text}`;
    }
    if (p.icmp) {
      const m = p.icmp;
      if (m.kind === 'error') return `${addr(p.src)} > ${addr(p.dst)}: ICMP ${m.text ?? ''}, length ${m.length}`;
      return `${addr(p.src)} > ${addr(p.dst)}: ICMP ${m.kind}, id ${m.id}, seq ${m.seq}, length ${m.length}`;
    }
    return `${addr(p.src)} > ${addr(p.dst)}: UDP, length 0`;
  };

  const inner = (): string => {
    const proto = p.tcp ? 'TCP (6)' : p.icmp ? 'ICMP (1)' : 'UDP (17)';
    // With -e the link layer already said IPv4: ip_print leaves out its "IP " (test/golden/tools/capture/tcpdump-e.txt).
    return `${o.verbose ? ipHead(p.ttl, p.ipId, p.df, proto, ipLength(p)) : o.ether ? '' : 'IP '}${transport()}`;
  };

  let body: string;
  const out = p.outer;
  if (out?.kind === 'ipip') {
    const head = o.verbose ? ipHead(64, (p.ipId * 7 + 1) & 0xffff, p.df, 'IPIP (4)', outerLength(p)) : o.ether ? '' : 'IP ';
    body = `${head}${addr(out.src)} > ${addr(out.dst)}: ${inner()}`;
  } else if (out?.kind === 'vxlan') {
    const head = o.verbose ? ipHead(64, (p.ipId * 7 + 1) & 0xffff, false, 'UDP (17)', outerLength(p)) : o.ether ? '' : 'IP ';
    const frame = o.ether ? `${p.macSrc} > ${p.macDst}, ethertype IPv4 (0x0800), length ${ipLength(p) + 14}: ` : '';
    body = `${head}${addr(out.src)}.${port(out.sport)} > ${addr(out.dst)}.${port(8472)}: OTV, flags [I] (0x08), overlay 0, instance 1\n${frame}${inner()}`;
  } else body = inner();

  let link = '';
  const frame = outerLength(p);
  const macSrc = out?.macSrc ?? p.macSrc;
  const macDst = out?.macDst ?? p.macDst;
  if (o.any) {
    link = o.ether
      ? `${p.dev.padEnd(5)} ${p.dir.padEnd(3)} ${p.link === 'raw' ? '' : `${macSrc} `}ethertype IPv4 (0x0800), length ${frame + 20}: `
      : `${p.dev.padEnd(5)} ${p.dir.padEnd(3)} `;
  } else if (o.ether) {
    link = p.link === 'raw' ? 'ip: ' : `${macSrc} > ${macDst}, ethertype IPv4 (0x0800), length ${frame + 14}: `;
  }
  return `${o.noTime ? '' : `${time(p.atUs)} `}${link}${body}\n`;
}
