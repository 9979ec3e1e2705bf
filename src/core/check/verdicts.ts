// How an expected reachability verdict (`ok`, `blocked`, `refused` ...) matches an observed probe outcome.
import type { ProbeOutcome } from '../backend.ts';
import type { ReachVerdict } from '../lesson/model.ts';

/** The outcomes each expected verdict accepts: a named table, not a switch. */
export const VERDICT_ACCEPTS: Record<ReachVerdict, readonly ProbeOutcome[]> = {
  ok: ['ok'],
  // "blocked" means: the connection does not succeed, for whatever reason the network gives.
  blocked: ['refused', 'timeout', 'no-route', 'nxdomain', 'no-endpoints'],
  // A Service without endpoints is rejected by kube-proxy: the client sees "connection refused".
  refused: ['refused', 'no-endpoints'],
  timeout: ['timeout'],
  nxdomain: ['nxdomain'],
  'no-route': ['no-route'],
};

export function verdictAccepts(expected: ReachVerdict, observed: ProbeOutcome): boolean {
  return VERDICT_ACCEPTS[expected].includes(observed);
}
