// A ping run as events on simulated time: echo requests every interval, replies or ICMP errors when they arrive,
// stopping at the count, the deadline (-w), or the linger after the last request (-W, default 10 s).
import type { NetnsRef, PingOptions, PingResult } from '../../../../contracts.ts';
import { Rng } from '../../../../rng.ts';
import type { ToolContext } from '../../tool.ts';

export interface PingPlan {
  count?: number;
  intervalMs: number;
  /** How long to wait for replies after the last request (-W); default: 2 × the slowest reply, or 10 s. */
  lingerMs?: number;
  deadlineMs?: number;
}

export type PingEvent =
  | { kind: 'reply'; seq: number; at: number; ttl: number; rttMs: number }
  | { kind: 'error'; seq: number; at: number; from: string; icmp: string; mtu?: number }
  /** The kernel refused to send (DF and larger than the MTU): iputils reads it from the error queue at once. */
  | { kind: 'local'; seq: number; at: number; mtu: number };

export interface PingStats {
  transmitted: number;
  received: number;
  errors: number;
  rtts: number[];
  /** Time of the last request, relative to the first (iputils' "time Nms"). */
  lastSendMs: number;
  /** Most requests outstanding when an answer arrived (iputils' "pipe N"). */
  pipe: number;
  /** The cell's budget ran out: print nothing more. */
  aborted: boolean;
}

/**
 * Run the plan; `onEvent` prints each answer as it arrives. Requests go out `interval` plus a few ms apart
 * (scheduling drift, as real pings show), drawn from a generator seeded by time and target: no shared rng use.
 * `first` is the answer to request 0 when the caller already sent it (to catch local send errors first).
 */
export function runPing(
  ctx: ToolContext,
  netns: NetnsRef,
  ip: string,
  plan: PingPlan,
  onEvent: (e: PingEvent) => void,
  first?: PingResult,
  options?: PingOptions,
): PingStats {
  const stats: PingStats = { transmitted: 0, received: 0, errors: 0, rtts: [], lastSendMs: 0, pipe: 1, aborted: false };
  const drift = new Rng((ctx.world.clock.now() ^ ip.split('.').reduce((h, o) => h * 31 + Number(o), 7)) >>> 0);
  const pending: PingEvent[] = [];
  let now = 0;
  let nextSend = 0;
  let outstanding = 0;
  const advance = (to: number): boolean => {
    if (to > now) {
      if (!ctx.sleep(to - now)) {
        stats.aborted = true;
        return false;
      }
      now = to;
    }
    return true;
  };
  const deadline = plan.deadlineMs ?? Infinity;
  for (;;) {
    const sending = plan.count === undefined || stats.transmitted < plan.count;
    if (!sending && outstanding === 0) break;
    // After the last request: -W, else 2 × the slowest reply if any came back, else 10 s (iputils' MAXWAIT).
    const linger = plan.lingerMs ?? (stats.rtts.length ? Math.max(1, 2 * Math.max(...stats.rtts)) : 10_000);
    const lingerEnd = sending ? Infinity : stats.lastSendMs + linger;
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const nextAnswer = pending[0]?.at ?? Infinity;
    const next = Math.min(sending ? nextSend : Infinity, nextAnswer, lingerEnd, deadline);
    if (next === Infinity || !advance(next)) break;
    if (now >= deadline) break;
    if (nextAnswer <= now) {
      const e = pending.shift() as PingEvent;
      stats.pipe = Math.max(stats.pipe, outstanding);
      outstanding--;
      if (e.kind === 'reply') {
        stats.received++;
        stats.rtts.push(e.rttMs);
      } else stats.errors++;
      onEvent(e);
    } else if (sending && nextSend <= now) {
      const seq = stats.transmitted;
      const r: PingResult = seq === 0 && first ? first : ctx.world.net.ping(netns, ip, { ...options, seq: seq + 1 });
      stats.transmitted++;
      stats.lastSendMs = now;
      outstanding++;
      if (r.outcome === 'reply') pending.push({ kind: 'reply', seq, at: now + r.rttMs, ttl: r.ttl ?? 64, rttMs: r.rttMs });
      else if (r.outcome === 'unreachable' && r.from)
        pending.push({ kind: 'error', seq, at: now + r.rttMs, from: r.from, icmp: r.icmp ?? 'Destination Host Unreachable', mtu: r.mtu });
      else if (r.outcome === 'unreachable' && r.errno === 'EMSGSIZE') pending.push({ kind: 'local', seq, at: now, mtu: r.mtu ?? 0 });
      nextSend = now + plan.intervalMs + 1 + drift.int(25);
    } else if (now >= lingerEnd) break;
  }
  return stats;
}
