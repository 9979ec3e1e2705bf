// Simulated time that moves with wall time while the API server runs, so pods become Running as on a real cluster.

/** How often the world catches up with the wall clock, in wall ms. */
export const CLOCK_TICK_MS = 100;

/** What the driver needs of a world: its clock and a way to let time pass (controllers fire on the way). */
export interface Advanceable {
  clock: { now(): number };
  control: { advance(ms: number): void };
}

export interface ClockDriver {
  /** Catch up now (also run on every tick). */
  tick(): void;
  stop(): void;
}

/**
 * Advance the world by elapsed wall time × `scale` every tick. Time only moves forward: when a command slept in
 * simulated time (ping -c 3) the world is ahead, and the driver waits for the wall clock to pass it.
 * `scale` 0 returns a driver that never moves the clock.
 */
export function startClockDriver(world: Advanceable, scale: number, tickMs = CLOCK_TICK_MS, wallNow: () => number = Date.now): ClockDriver {
  const wallStart = wallNow();
  const simStart = world.clock.now();
  const tick = () => {
    if (scale <= 0) return;
    const target = simStart + Math.floor((wallNow() - wallStart) * scale);
    const behind = target - world.clock.now();
    if (behind > 0) world.control.advance(behind);
  };
  const timer = scale > 0 ? setInterval(tick, tickMs) : undefined;
  timer?.unref();
  return { tick, stop: () => timer && clearInterval(timer) };
}
