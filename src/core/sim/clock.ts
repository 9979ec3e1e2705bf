// The simulated clock: all time in the simulator comes from here, never from Date.now().
import { TimerHeap } from './timer-heap.ts';

/** Milliseconds since the Unix epoch, simulated. */
export class Clock {
  private nowMs: number;
  private readonly timers = new TimerHeap();
  private seq = 0;
  /**
   * iso() answers by instant: status writers ask for the same few instants again and again (a pod's start, each
   * condition's transition), not only the current one. Cleared when large: instants only grow.
   */
  private readonly isoTexts = new Map<number, string>();

  /** Starts at a fixed instant so outputs are stable (2024-01-01T00:00:00Z unless told). */
  constructor(startMs = Date.UTC(2024, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 without fractions, like Kubernetes timestamps. */
  iso(ms = this.nowMs): string {
    let text = this.isoTexts.get(ms);
    if (text === undefined) {
      if (this.isoTexts.size >= 4096) this.isoTexts.clear();
      this.isoTexts.set(ms, (text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')));
    }
    return text;
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
