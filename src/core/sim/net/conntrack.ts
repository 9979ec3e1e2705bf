// A node's connection tracking table (nf_conntrack), filled by the connections the packet walk carries through it.
//
// Linux confirms an entry when the first packet of a connection leaves netfilter (POSTROUTING, or LOCAL_IN when
// it is delivered to the node): a packet dropped inside the node (policy, REJECT, a blackhole) leaves none. The
// original tuple is the packet as it entered, the reply tuple the answer it expects after this node's NAT (DNAT by
// kube-proxy, MASQUERADE --random-fully). Timeouts are the kernel's defaults (net/netfilter/nf_conntrack_proto_tcp.c
// tcp_timeouts, nf_conntrack_proto_udp.c udp_timeouts, nf_conntrack_proto_icmp.c nf_ct_icmp_timeout), counted on the
// simulated clock. Every connection a tool makes ends before the tool returns, so a connection with an answer is
// listed in the state its close leaves it in (TIME_WAIT), as `conntrack -L` shows it right after a curl.

export type CtProto = 'tcp' | 'udp' | 'icmp';

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

/** Addresses and ports of one direction; for ICMP the ports are unused and `id` is the echo identifier. */
export interface CtTuple {
  src: string;
  dst: string;
  sport: number;
  dport: number;
}

export interface CtEntry {
  proto: CtProto;
  orig: CtTuple;
  reply: CtTuple;
  /** ICMP echo identifier. */
  id?: number;
  state?: TcpState;
  /** Simulated ms when the entry times out. */
  expiresMs: number;
  /** IPS_SEEN_REPLY: printed as [UNREPLIED] when unset. */
  seenReply: boolean;
  assured: boolean;
  /** Whether this node rewrote the destination (DNAT) or the source (SNAT, MASQUERADE). */
  dnat: boolean;
  snat: boolean;
}

/** Seconds, as the kernel's defaults (sysctl net.netfilter.nf_conntrack_*_timeout*). */
export const CT_TIMEOUTS = {
  tcp: { SYN_SENT: 120, SYN_RECV: 60, ESTABLISHED: 432000, FIN_WAIT: 120, CLOSE_WAIT: 60, LAST_ACK: 30, TIME_WAIT: 120, CLOSE: 10 },
  /** udp_timeouts[UDP_CT_UNREPLIED] (also after a single answer) and [UDP_CT_REPLIED] (a stream, ASSURED). */
  udp: 30,
  udpStream: 120,
  icmp: 30,
} as const;

/**
 * nf_conntrack_max as kube-proxy sets it on a node with up to 4 cores (--conntrack-min 131072). When the table is
 * full the kernel drops the new connection's packet ("nf_conntrack: table full, dropping packet") unless it can
 * early-drop an unassured entry; podlab evicts the oldest entry instead, so the table stays bounded.
 */
export const NF_CONNTRACK_MAX = 131072;

export const PROTO_NUMBERS: Record<CtProto, number> = { tcp: 6, udp: 17, icmp: 1 };

function keyOf(e: Pick<CtEntry, 'proto' | 'orig' | 'id'>): string {
  const o = e.orig;
  return `${e.proto} ${o.src} ${o.dst} ${o.sport} ${o.dport} ${e.id ?? ''}`;
}

/** One node's table: entries by original tuple, in insertion order (a reused tuple moves to the end). */
export class ConntrackTable {
  private readonly entries = new Map<string, CtEntry>();
  /** The earliest expiry among the entries: until then a look needs no sweep (connections cost O(1)). */
  private nextExpiry = Infinity;

  constructor(private readonly max = NF_CONNTRACK_MAX) {}

  /** Add or replace the entry of this original tuple; the oldest entry goes when the table is full. */
  put(e: CtEntry, now: number): void {
    this.expire(now);
    const key = keyOf(e);
    this.entries.delete(key);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, e);
    if (e.expiresMs < this.nextExpiry) this.nextExpiry = e.expiresMs;
  }

  /** Live entries, oldest first. */
  list(now: number): CtEntry[] {
    this.expire(now);
    return [...this.entries.values()];
  }

  size(now: number): number {
    this.expire(now);
    return this.entries.size;
  }

  /** Remove every entry (`conntrack -F`); returns how many there were. */
  flush(): number {
    const n = this.entries.size;
    this.entries.clear();
    this.nextExpiry = Infinity;
    return n;
  }

  private expire(now: number): void {
    if (now < this.nextExpiry) return;
    let next = Infinity;
    for (const [k, e] of this.entries) {
      if (e.expiresMs <= now) this.entries.delete(k);
      else if (e.expiresMs < next) next = e.expiresMs;
    }
    this.nextExpiry = next;
  }
}

/** The seconds left, as /proc/net/nf_conntrack and conntrack -L print them (a moment after the packet: 119 of 120). */
export function secondsLeft(e: CtEntry, now: number): number {
  return Math.max(0, Math.ceil((e.expiresMs - now) / 1000) - 1);
}

function tupleText(e: CtEntry, t: CtTuple, reply: boolean): string {
  if (e.proto === 'icmp') return `src=${t.src} dst=${t.dst} type=${reply ? 0 : 8} code=0 id=${e.id ?? 0}`;
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
}

/**
 * One line of `conntrack -L` (conntrack-tools 1.4.7, libnetfilter_conntrack's default output): protocol name padded
 * to 8, its number, seconds left, the TCP state, both tuples, the flags, mark and use.
 */
export function entryLine(e: CtEntry, now: number, extended = false): string {
  const parts = [`${e.proto.padEnd(8)} ${PROTO_NUMBERS[e.proto]} ${secondsLeft(e, now)}`];
  if (e.state) parts.push(e.state);
  parts.push(tupleText(e, e.orig, false));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(tupleText(e, e.reply, true));
  if (e.assured) parts.push('[ASSURED]');
  parts.push('mark=0', 'use=1');
  return `${extended ? 'ipv4     2 ' : ''}${parts.join(' ')}`;
}
