// Reconnection delays: exponential backoff with jitter, so pages that lost one server do not all return at once.

export interface BackoffPolicy {
  /** Delay before the first retry. */
  firstMs: number;
  /** Each further retry waits this many times longer… */
  factor: number;
  /** …up to this. */
  maxMs: number;
  /** Each delay is spread by ±this fraction. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 500, factor: 2, maxMs: 10_000, jitter: 0.2 };

/** How long to wait before retry number `attempt` (1 = the first); `random` in [0, 1) spreads it. */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const base = Math.min(policy.maxMs, policy.firstMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + policy.jitter * (2 * random - 1)));
}
