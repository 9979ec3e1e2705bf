// Scoring: one student's cell outcomes (from the Kernel) against the gradebook's columns.
import type { CellOutcome, CheckResult } from '../runtime/types.ts';
import type { CheckColumn, CheckGrade, StudentGrade } from './types.ts';

/** Why a cell's own run went wrong (not a failed check), or undefined when it ran to the end. */
export function cellProblem(outcome: CellOutcome): string | undefined {
  if (outcome.error !== undefined) return `cell ${outcome.cellId} could not run: ${outcome.error}`;
  if (outcome.timedOut) return `cell ${outcome.cellId} was stopped: it ran past its time budget (simulated time)`;
  if (outcome.truncated) return `cell ${outcome.cellId} was stopped: it printed more than the output limit`;
  return undefined;
}

/** How much of a cell's output a failed output check keeps: its last lines, within a character budget. */
export const TRANSCRIPT_TAIL = { lines: 30, chars: 2000 } as const;

/** The end of a transcript: at most TRANSCRIPT_TAIL lines and characters, marked when cut. */
export function transcriptTail(output: string): string {
  const lines = output.replace(/\n$/, '').split('\n');
  let tail = lines.slice(-TRANSCRIPT_TAIL.lines).join('\n');
  if (tail.length > TRANSCRIPT_TAIL.chars) tail = tail.slice(-TRANSCRIPT_TAIL.chars);
  return tail.length < output.replace(/\n$/, '').length ? `…\n${tail}` : tail;
}

function fromResult(column: CheckColumn, r: CheckResult, outcome: CellOutcome | undefined, problem: string | undefined): CheckGrade {
  // A cell that did not finish is not a correct answer, whatever its checks saw so far.
  const passed = r.passed && problem === undefined;
  // When the cell was stopped, that is the reason to give, whatever the check saw.
  const reason = problem !== undefined ? `${problem}; its checks count as failed` : r.reason;
  const transcript = !passed && r.kind === 'output' && outcome ? transcriptTail(outcome.output) : undefined;
  return {
    id: column.id,
    kind: r.kind,
    passed,
    points: passed ? column.points : 0,
    max: column.points,
    hidden: column.hidden,
    text: column.text,
    expected: r.expected,
    observed: r.observed,
    reason,
    hops: r.hops,
    ...(r.reasonCodes?.length ? { reasonCodes: r.reasonCodes } : {}),
    ...(transcript === undefined ? {} : { transcript }),
  };
}

function missing(column: CheckColumn, reason: string): CheckGrade {
  return {
    id: column.id,
    kind: column.kind,
    passed: false,
    points: 0,
    max: column.points,
    hidden: column.hidden,
    text: column.text,
    expected: '',
    observed: 'not checked',
    reason,
    hops: [],
  };
}

function total(checks: CheckGrade[]): { score: number; max: number } {
  return checks.reduce((t, c) => ({ score: t.score + c.points, max: t.max + c.max }), { score: 0, max: 0 });
}

/**
 * Grade one student from the outcomes of every cell the Kernel ran (hidden included).
 * A column whose check did not run fails with the reason its cell gives.
 */
export function gradeStudent(student: string, columns: CheckColumn[], outcomes: CellOutcome[], notes: string[] = []): StudentGrade {
  const byCell = new Map(outcomes.map((o) => [o.cellId, o]));
  const results = new Map<string, CheckResult>();
  for (const o of outcomes) for (const r of o.checks) if (!results.has(r.id)) results.set(r.id, r);
  const problems = outcomes.map(cellProblem).filter((p): p is string => p !== undefined);
  const checks = columns.map((column) => {
    const outcome = byCell.get(column.cellId);
    const problem = outcome ? cellProblem(outcome) : undefined;
    const r = results.get(column.id);
    if (r) return fromResult(column, r, outcome, problem);
    return missing(column, problem ?? `not checked: cell ${column.cellId} did not run`);
  });
  return { student, status: 'graded', ...total(checks), checks, notes: [...notes, ...problems] };
}

/** A submission that could not be graded at all: every check fails with `error`, the score is 0. */
export function failedSubmission(student: string, columns: CheckColumn[], error: string, notes: string[] = []): StudentGrade {
  const checks = columns.map((c) => missing(c, `not checked: ${error}`));
  return { student, status: 'failed', ...total(checks), checks, notes, error };
}
