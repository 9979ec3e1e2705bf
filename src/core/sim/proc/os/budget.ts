// The limits of one typed line: simulated time (the cell's timeout), a step count, and the caller's abort signal.
import type { World } from '../../contracts.ts';
import { nestingTooDeep, USERLAND_LIMITS } from '../limits.ts';

/** Thrown to unwind the interpreter when the line must stop; caught where the line (or an exec) started. */
export class StopLine extends Error {
  constructor() {
    super('the line was stopped');
  }
}

/**
 * Shared by every shell and program a line runs (nested `sh -c`, `kubectl exec`): `sleep` spends simulated time,
 * each command and loop turn spends a step. `while true; do :; done` runs out of steps; `sleep 3600` out of time.
 * Either way the line ends as timed out, with the clock at the deadline (the loop "ran" until it was killed).
 */
export class Budget {
  /** Simulated ms when the line must end. */
  readonly deadline: number;
  private steps = 0;
  private depth = 0;
  private work = 0;
  stopped?: 'timeout' | 'aborted';

  constructor(
    private readonly world: World,
    timeoutMs: number,
    private readonly maxSteps = 20_000,
    private readonly signal?: { readonly aborted: boolean },
  ) {
    this.deadline = world.clock.now() + Math.max(0, timeoutMs);
  }

  /** Count one command or loop turn; throws StopLine once the budget is gone. */
  step(): void {
    this.check();
    if (++this.steps + this.work / 1_000 > this.maxSteps) {
      this.expire();
      throw new StopLine();
    }
  }

  /**
   * Pay for work that is not a command: `units` matcher transitions cost units / 1,000 steps, so a pattern
   * loop spends the same budget as a command loop (20 million transitions at the default 20,000 steps).
   */
  spend(units: number): void {
    this.check();
    this.work += units;
    if (this.steps + this.work / 1_000 > this.maxSteps) {
      this.expire();
      throw new StopLine();
    }
  }

  /** Run `fn` one shell level deeper (eval, sh -c, $( ), a subshell); past maxCallDepth a LimitError. */
  nested<T>(fn: () => T): T {
    if (this.depth >= USERLAND_LIMITS.maxCallDepth) throw nestingTooDeep(USERLAND_LIMITS.maxCallDepth);
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Throw StopLine if the line was stopped (after a program returns, say). */
  check(): void {
    if (!this.stopped && this.signal?.aborted) this.stopped = 'aborted';
    if (this.stopped) throw new StopLine();
  }

  /** Let `ms` of simulated time pass; false (and the clock at the deadline) if the budget ends first. */
  sleep(ms: number): boolean {
    if (this.stopped) return false;
    if (this.signal?.aborted) {
      this.stopped = 'aborted';
      return false;
    }
    const now = this.world.clock.now();
    if (now + ms <= this.deadline) {
      if (ms > 0) this.world.control.advance(ms);
      return true;
    }
    this.expire();
    return false;
  }

  /** Simulated ms left. */
  remaining(): number {
    return Math.max(0, this.deadline - this.world.clock.now());
  }

  private expire(): void {
    const left = this.deadline - this.world.clock.now();
    if (left > 0) this.world.control.advance(left);
    this.stopped = 'timeout';
  }
}
