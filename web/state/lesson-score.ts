// The learner's score in one lesson: cells run, visible checks passed, points; complete when all of them are.
import type { Cell } from '../../src/core/page.ts';
import type { CellRun } from './cell-run.ts';

export interface LessonScore {
  ran: number;
  cells: number;
  passed: number;
  failed: number;
  /** Checks the learner sees (visible ones), run or not. */
  checks: number;
  points: number;
  maxPoints: number;
  complete: boolean;
}

/** The score of the visible cells: a check counts once its cell ran; points are the checks' `[points=N]` (1 by default). */
export function lessonScore(cells: readonly Cell[], runs: ReadonlyMap<string, CellRun>): LessonScore {
  const visible = cells.filter((c) => !c.hidden);
  let ran = 0;
  let passed = 0;
  let failed = 0;
  let checks = 0;
  let points = 0;
  let maxPoints = 0;
  for (const c of visible) {
    const run = runs.get(c.id);
    const outcome = run?.status === 'complete' || run?.status === 'error' ? run.outcome : undefined;
    const shown = c.expectations.filter((e) => !e.hidden);
    checks += shown.length;
    maxPoints += shown.reduce((n, e) => n + (e.points ?? 1), 0);
    if (!outcome) continue;
    ran++;
    for (const r of outcome.checks.filter((x) => !x.hidden)) {
      if (r.passed) {
        passed++;
        points += r.points;
      } else failed++;
    }
  }
  return {
    ran,
    cells: visible.length,
    passed,
    failed,
    checks,
    points,
    maxPoints,
    complete: visible.length > 0 && ran === visible.length && failed === 0 && passed === checks,
  };
}
