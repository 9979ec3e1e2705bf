// feedback/<student>.md: what a student reads: per check passed or failed, points, and for failures why and the path.
import type { CheckGrade, GradeReport, StudentGrade } from './types.ts';
import { mdCode, mdFence, mdText } from './markdown-text.ts';

function tableRow(c: CheckGrade): string {
  const verdict = c.passed ? 'passed' : '**failed**';
  const hidden = c.hidden ? ' (hidden)' : '';
  return `| ${verdict} | ${mdCode(c.id)}${hidden} | ${mdCode(c.text)} | ${c.points} / ${c.max} |`;
}

function failure(c: CheckGrade, previous: CheckGrade | undefined): string {
  const lines = [`### ${mdCode(c.id)}: ${mdCode(c.text)}`, ''];
  if (c.transcript !== undefined) {
    // The transcript says it better than an excerpt: what was expected, then what the cell printed.
    lines.push(`- Expected: ${mdCode(c.expected)}`);
    if (c.observed.startsWith('exit code')) lines.push(`- Observed: ${mdCode(c.observed)}`);
    if (!c.reason.startsWith('expected ')) lines.push(`- Why: ${mdText(c.reason)}`);
    if (previous?.transcript === c.transcript) lines.push('', 'What the cell printed: as above.');
    else lines.push('', 'What the cell printed (its end):', '', mdFence(c.transcript));
    return lines.join('\n');
  }
  if (c.expected !== '') lines.push(`- Expected: ${mdCode(c.expected)}`, `- Observed: ${mdCode(c.observed)}`);
  lines.push(`- Why: ${mdText(c.reason)}`);
  if (c.hops.length > 0) {
    lines.push('', 'The path the packet took:', '');
    c.hops.forEach((h, i) => lines.push(`${i + 1}. ${mdCode(h.at)}: ${mdText(h.action)}`));
  }
  return lines.join('\n');
}

/**
 * The feedback file for one student. Deterministic: the same grade gives the same bytes
 * (no dates, no durations, no machine names).
 */
export function feedbackMarkdown(report: GradeReport, s: StudentGrade): string {
  const out = [
    `# Feedback: ${mdText(report.exercise.title)}`,
    '',
    `Student: ${mdCode(s.student)}. Score: **${s.score} / ${s.max}**.`,
    '',
  ];
  if (s.status === 'failed') out.push(`Your submission could not be graded: ${mdText(s.error ?? 'unknown error')}`, '');
  out.push('| Result | Check | Expectation | Points |', '|---|---|---|---|', ...s.checks.map(tableRow), '');
  const failed = s.checks.filter((c) => !c.passed);
  if (failed.length > 0) out.push('## What went wrong', '', failed.map((c, i) => failure(c, failed[i - 1])).join('\n\n'), '');
  if (s.notes.length > 0) out.push('## Notes', '', ...s.notes.map((n) => `- ${mdText(n)}`), '');
  return out.join('\n');
}
