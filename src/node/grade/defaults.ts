// Grading defaults the CLI shows in its help before any grading code loads.

/** Wall-clock limit per submission, in ms. */
export const DEFAULT_WATCHDOG_MS = 20_000;
