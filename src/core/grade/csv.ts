// grades.csv: one row per student (id, score, max, one column per check), RFC 4180 quoting.
import type { GradeReport } from './types.ts';

/** Quote a field when it holds a comma, quote, CR or LF (RFC 4180 §2.6), doubling inner quotes (§2.7). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A spreadsheet would run a field starting with = + - @ as a formula; prefix such student ids with '. */
function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function row(fields: (string | number)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * The gradebook as CSV: header `id,score,max,<check ids in lesson order>`, then one row per student
 * (sorted by id) with the points earned per check. Lines end in CRLF, as RFC 4180 says.
 */
export function gradesCsv(report: GradeReport): string {
  let out = row(['id', 'score', 'max', ...report.checks.map((c) => safeText(c.id))]);
  for (const s of report.students) {
    const earned = new Map(s.checks.map((c) => [c.id, c.points]));
    out += row([safeText(s.student), s.score, s.max, ...report.checks.map((c) => earned.get(c.id) ?? 0)]);
  }
  return out;
}
