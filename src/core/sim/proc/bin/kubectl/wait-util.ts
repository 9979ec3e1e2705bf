// Waiting in simulated time: step the clock (controllers run in between) until a condition holds or time is up.
import type { Kube } from './kube.ts';

export type WaitOutcome = 'met' | 'timeout' | 'budget';

/** How long one idle wait may be when nothing is scheduled (simulated ms). */
const IDLE_STEP_MS = 1000;

/**
 * Poll `done` after each step of simulated time, jumping to the next scheduled event so the condition is
 * seen when it becomes true. `timeoutMs` <= 0 waits until the cell's time budget ends ('budget').
 */
export function waitUntil(k: Kube, timeoutMs: number, done: () => boolean): WaitOutcome {
  if (done()) return 'met';
  const deadline = timeoutMs > 0 ? k.now() + timeoutMs : Infinity;
  for (;;) {
    const left = deadline - k.now();
    if (left <= 0) return 'timeout';
    if (!k.sleepUntilNextEvent(Math.min(IDLE_STEP_MS, left))) return 'budget';
    if (done()) return 'met';
  }
}
