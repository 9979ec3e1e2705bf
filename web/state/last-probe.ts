// Which probe the topology picture draws after a cell: its first failed reach check, else its last reach check.
import type { CellOutcome, CheckResult } from '../../src/core/page.ts';

/** The reach check of `outcome` worth drawing, or undefined when the cell probed nothing. */
export function lastProbeOf(outcome: CellOutcome): CheckResult | undefined {
  const reach = outcome.checks.filter((c) => c.kind === 'reach' && !c.hidden);
  return reach.find((c) => !c.passed) ?? reach[reach.length - 1];
}
