// The summary `podlab grade` prints at the end: a table per check and per student, and the class's figures.
import type { GradeReport } from './types.ts';

/** Above this many students the per-student table is left to grades.csv. */
export const SUMMARY_MAX_STUDENTS = 40;

/** Left-aligned columns, two spaces apart, no trailing spaces. */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Plain text (no colours), deterministic for a given report. */
export function summaryText(report: GradeReport): string {
  const n = report.students.length;
  const checkRows = report.checks.map((c) => {
    const passed = report.students.filter((s) => s.checks.some((g) => g.id === c.id && g.passed)).length;
    return [c.id, c.hidden ? 'hidden' : '', String(c.points), `${passed}/${n}`];
  });
  let out = textTable([['CHECK', '', 'POINTS', 'PASSED'], ...checkRows]);
  if (n > 0 && n <= SUMMARY_MAX_STUDENTS) {
    const studentRows = report.students.map((s) => [
      s.student,
      `${s.score}/${s.max}`,
      s.status === 'failed' ? `not graded: ${s.error ?? ''}` : `${s.checks.filter((c) => !c.passed).length} failed`,
    ]);
    out += '\n' + textTable([['STUDENT', 'SCORE', 'RESULT'], ...studentRows]);
  }
  const scores = report.students.map((s) => s.score);
  const full = report.students.filter((s) => s.score === report.max).length;
  const failed = report.students.filter((s) => s.status === 'failed').length;
  const mean = n === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / n;
  out += `\n${n} submissions, max ${report.max}: mean ${round(mean)}, median ${round(median(scores))}, full marks ${full}, not graded ${failed}\n`;
  return out;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
