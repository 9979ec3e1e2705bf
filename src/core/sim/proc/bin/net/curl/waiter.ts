// Simulated time inside one curl run: sleeps through the tool context, feeding the meter its once-a-second lines.
import type { ToolContext } from '../../tool.ts';
import type { Meter } from './meter.ts';

export class Waiter {
  /** Milliseconds since the transfer started. */
  elapsed = 0;
  /** The cell's time budget ran out: stop at once, print nothing more. */
  aborted = false;

  constructor(
    private readonly ctx: ToolContext,
    private readonly meter: Meter,
  ) {}

  /** Let `ms` pass; the meter prints a line at each second boundary before `endMs`. False when aborted. */
  wait(ms: number, endMs = this.elapsed + ms): boolean {
    if (this.aborted) return false;
    const target = this.elapsed + ms;
    while (this.elapsed < target) {
      const next = Math.min(target, (Math.floor(this.elapsed / 1000) + 1) * 1000);
      if (!this.ctx.sleep(next - this.elapsed)) {
        this.aborted = true;
        return false;
      }
      this.elapsed = next;
      this.meter.tick(this.elapsed, endMs);
    }
    return true;
  }
}
