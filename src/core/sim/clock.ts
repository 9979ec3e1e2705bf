// The simulated clock: all time in the simulator comes from here, never from Date.now().

/** Milliseconds since the Unix epoch, simulated. */
export class Clock {
  private nowMs: number;
  private readonly timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  /** Starts at a fixed instant so outputs are stable (2024-01-01T00:00:00Z unless told). */
  constructor(startMs = Date.UTC(2024, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 without fractions, like Kubernetes timestamps. */
  iso(ms = this.nowMs): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Run `fn` when the clock reaches now+delayMs (during advance()). */
  schedule(delayMs: number, fn: () => void): void {
    this.timers.push({ at: this.nowMs + Math.max(0, Math.ceil(delayMs)), seq: this.seq++, fn });
  }

  /** The time of the next scheduled timer, or undefined. */
  nextAt(): number | undefined {
    let best: number | undefined;
    for (const t of this.timers) if (best === undefined || t.at < best) best = t.at;
    return best;
  }

  /**
   * Move time forward by `ms`, firing due timers in time order (ties in scheduling order).
   * `afterEach` runs after every fired timer (controllers reconcile there).
   */
  advance(ms: number, afterEach?: () => void): void {
    // Whole milliseconds only: timestamps and durations derived from the clock stay integers.
    const end = this.nowMs + Math.max(0, Math.ceil(ms));
    for (;;) {
      let idx = -1;
      for (let i = 0; i < this.timers.length; i++) {
        const t = this.timers[i];
        if (t.at > end) continue;
        if (idx < 0 || t.at < this.timers[idx].at || (t.at === this.timers[idx].at && t.seq < this.timers[idx].seq)) idx = i;
      }
      if (idx < 0) break;
      const [t] = this.timers.splice(idx, 1);
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
