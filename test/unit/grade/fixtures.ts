// Hand-made grading data for the pure grade tests: columns, cell outcomes and check results.
import type { CheckResult, CellOutcome } from '../../../src/core/runtime/types.ts';
import type { CheckColumn } from '../../../src/core/grade/types.ts';

export const COLUMNS: CheckColumn[] = [
  { id: 'applied', cellId: 'apply', section: '1', kind: 'output', text: 'output contains "service/web created"', points: 1, hidden: false },
  { id: 'by-ip', cellId: 'probe', section: '1', kind: 'reach', text: 'busybox -> web:80 ok', points: 2, hidden: false },
  {
    id: 'by-dns',
    cellId: 'probe',
    section: '1',
    kind: 'reach',
    text: 'busybox -> web.default.svc.cluster.local:80 ok',
    points: 3,
    hidden: true,
  },
];

export function result(id: string, cellId: string, passed: boolean, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    cellId,
    section: '1',
    kind: 'reach',
    text: COLUMNS.find((c) => c.id === id)?.text ?? id,
    expected: 'ok',
    observed: passed ? 'ok' : 'timeout',
    passed,
    reason: passed ? 'connected' : 'expected ok but busybox -> web:80 was timeout: no route',
    hops: passed ? [] : [{ at: 'pod/default/busybox', action: 'route default via 169.254.1.1 dev eth0' }],
    pos: { file: 'x.md', line: 1 },
    hidden: false,
    points: 1,
    ...extra,
  };
}

export function outcome(cellId: string, checks: CheckResult[], extra: Partial<CellOutcome> = {}): CellOutcome {
  return {
    cellId,
    section: '1',
    kind: 'run',
    input: '',
    output: '',
    exitCode: 0,
    durationMs: 0,
    timedOut: false,
    truncated: false,
    checks,
    ...extra,
  };
}
