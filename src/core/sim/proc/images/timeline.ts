// What a process does over time, recorded as it is interpreted: log lines at instants, listeners, and how it ends.
import type { ContainerRun, Listener } from '../../contracts.ts';
import type { ProcessClock } from './process-env.ts';

/** A log line written `at` ms after the process started. */
export interface TimedLine {
  at: number;
  line: string;
}

/** Repeating output of an endless loop: `lines` (offsets within one period) again every `period` ms from `from`. */
export interface LoopTail {
  from: number;
  period: number;
  lines: TimedLine[];
}

/** Upper bound on lines a live log view expands from a loop, so `kubectl logs` of a fast loop stays small. */
const MAX_LOOP_LINES = 5000;

/** A recording of one process run. `now` is the process's clock; `end` undefined means it runs forever. */
export class Timeline {
  now = 0;
  readonly lines: TimedLine[] = [];
  readonly listeners: Listener[] = [];
  loop?: LoopTail;
  end?: { at: number; code: number };
  /** Blocked forever (sleep infinity, a foreground server); nothing after this runs. */
  blocked = false;

  /** Write a line now; it goes after every line written by now (a background job may have written later ones). */
  log(line: string): void {
    if (this.done()) return;
    let i = this.lines.length;
    while (i > 0 && this.lines[i - 1].at > this.now) i--;
    this.lines.splice(i, 0, { at: this.now, line });
  }

  /** True once the process exited or blocked: later commands never run. */
  done(): boolean {
    return this.blocked || this.end !== undefined || this.loop !== undefined;
  }

  exit(code: number): void {
    if (!this.done()) this.end = { at: this.now, code };
  }

  block(): void {
    if (!this.done()) this.blocked = true;
  }

  /** The lines written by `elapsed` ms, loop repetitions included. */
  linesUntil(elapsed: number): string[] {
    return this.timedUntil(elapsed).map((l) => l.line);
  }

  /** The same lines with the offset (ms after the start) at which each was written. */
  timedUntil(elapsed: number): TimedLine[] {
    const out = this.lines.filter((l) => l.at <= elapsed);
    const loop = this.loop;
    if (loop && loop.lines.length > 0 && elapsed >= loop.from) {
      for (let k = 0, start = loop.from; start <= elapsed && out.length < MAX_LOOP_LINES; k++, start = loop.from + k * loop.period) {
        for (const l of loop.lines)
          if (start + l.at <= elapsed && out.length < MAX_LOOP_LINES) out.push({ at: start + l.at, line: l.line });
        if (loop.period <= 0) break;
      }
    }
    return out;
  }

  /**
   * The ContainerRun the control plane keeps. `logs` is a live view: it grows with simulated time (a loop that
   * echoes every 5 s shows one more line every 5 s) and includes the lines of the exit instant, so `exit.logs`
   * is left out (it would repeat them).
   */
  toRun(clock: ProcessClock, startMs: number, extra: Partial<ContainerRun> = {}): ContainerRun {
    const view = () => {
      const elapsed = Math.max(0, clock.now() - startMs);
      return this.timedUntil(this.end ? Math.min(elapsed, this.end.at) : elapsed);
    };
    const run: ContainerRun = {
      listeners: this.listeners,
      get logs(): string[] {
        return view().map((l) => l.line);
      },
      get logTimes(): number[] {
        return view().map((l) => startMs + l.at);
      },
      ...extra,
    };
    if (this.end) run.exit = { afterMs: this.end.at, code: this.end.code };
    return run;
  }
}

/**
 * The same run with lines written before it (an entrypoint script's own output ahead of the program it execs), at
 * `startMs`.
 */
export function prependLogs(run: ContainerRun, lines: string[], startMs: number): ContainerRun {
  const out: ContainerRun = {
    listeners: run.listeners,
    get logs(): string[] {
      return [...lines, ...run.logs];
    },
    get logTimes(): number[] {
      return [...lines.map(() => startMs), ...(run.logTimes ?? run.logs.map(() => startMs))];
    },
  };
  if (run.exit) out.exit = run.exit;
  if (run.stopMs !== undefined) out.stopMs = run.stopMs;
  if (run.bindError) out.bindError = run.bindError;
  return out;
}
