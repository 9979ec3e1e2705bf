// The simulated clock: all time in the simulator comes from here, never from Date.now().
import { TimerHeap } from './timer-heap.ts';

/** Milliseconds since the Unix epoch, simulated. */
export class Clock {
  private nowMs: number;
  private readonly timers = new TimerHeap();
  private seq = 0;
  /** The last iso() answer: status writers ask for the same instant many times in a row. */
  private isoMemo = { ms: NaN, text: '' };

  /** Starts at a fixed instant so outputs are stable (2024-01-01T00:00:00Z unless told). */
  constructor(startMs = Date.UTC(2024, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 without fractions, like Kubernetes timestamps. */
  iso(ms = this.nowMs): string {
    if (ms !== this.isoMemo.ms) this.isoMemo = { ms, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    return this.isoMemo.text;
  }

  /** Run `fn` when the clock reaches now+delayMs (during advance()). */
  schedule(delayMs: number, fn: () => void): void {
    this.timers.push({ at: this.nowMs + Math.max(0, Math.ceil(delayMs)), seq: this.seq++, fn });
  }

  /** The time of the next scheduled timer, or undefined. */
  nextAt(): number | undefined {
    return this.timers.peek()?.at;
  }

  /**
   * Move time forward by `ms`, firing due timers in time order (ties in scheduling order).
   * `afterEach` runs after every fired timer (controllers reconcile there).
   */
  advance(ms: number, afterEach?: () => void): void {
    // Whole milliseconds only: timestamps and durations derived from the clock stay integers.
    const end = this.nowMs + Math.max(0, Math.ceil(ms));
    for (;;) {
      const next = this.timers.peek();
      if (!next || next.at > end) break;
      const t = this.timers.pop() as NonNullable<typeof next>;
      this.nowMs = Math.max(this.nowMs, t.at);
      t.fn();
      afterEach?.();
    }
    this.nowMs = end;
  }
}

/** Parse "95m", "30s", "1h30m", "500ms", "2d" into milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    total += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    matched = re.lastIndex;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}
