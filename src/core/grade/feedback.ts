// feedback/<student>.md: what a student reads: per check passed or failed, points, and for failures why and the path.
// In the exercise's language: English, or Chinese for a zh lesson (the words below; reasons by i18n/).
import { baseLang, checkSentence, ruleText, translateReason } from '../i18n/index.ts';
import { parseExpectation } from '../lesson/expectation.ts';
import type { CheckGrade, GradeReport, StudentGrade } from './types.ts';
import { mdCode, mdFence, mdText } from './markdown-text.ts';

const WORDS = {
  en: {
    passed: 'passed',
    failed: '**failed**',
    hidden: ' (hidden)',
    expected: 'Expected',
    observed: 'Observed',
    why: 'Why',
    printedAbove: 'What the cell printed: as above.',
    printed: 'What the cell printed (its end):',
    path: 'The path the packet took:',
    title: 'Feedback',
    student: 'Student',
    score: 'Score',
    notGraded: 'Your submission could not be graded',
    unknown: 'unknown error',
    head: '| Result | Check | Expectation | Points |',
    wrong: '## What went wrong',
    notes: '## Notes',
    colon: ': ',
    stop: '.',
  },
  zh: {
    passed: '通过',
    failed: '**未通过**',
    hidden: '（隐藏）',
    expected: '期望',
    observed: '实际',
    why: '原因',
    printedAbove: '单元的输出：同上。',
    printed: '单元的输出（末尾）：',
    path: '数据包经过的路径：',
    title: '反馈',
    student: '学生',
    score: '得分',
    notGraded: '你的提交无法评分',
    unknown: '未知错误',
    head: '| 结果 | 检查 | 期望 | 分数 |',
    wrong: '## 哪里出了问题',
    notes: '## 说明',
    colon: '：',
    stop: '。',
  },
};
type Words = (typeof WORDS)['en'];

function wordsFor(report: GradeReport): { w: Words; lang: string } {
  const lang = report.exercise.lang ?? 'en';
  return { w: baseLang(lang) === 'zh' ? WORDS.zh : WORDS.en, lang };
}

/**
 * How a check is named: English keeps the rule as written (authors and teachers read it); Chinese reads as the
 * page and `podlab run` say it, a sentence, with the rule (without modifiers) after it.
 */
function checkName(c: CheckGrade, lang: string): string {
  if (baseLang(lang) !== 'zh') return mdCode(c.text);
  const parsed = parseExpectation(c.text, { file: 'feedback', line: 1 });
  const rule = mdCode(ruleText(c.text));
  return parsed.ok ? `${mdText(checkSentence(lang, parsed.expectation))}（${rule}）` : rule;
}

function tableRow(c: CheckGrade, w: Words, lang: string): string {
  const verdict = c.passed ? w.passed : w.failed;
  const hidden = c.hidden ? w.hidden : '';
  return `| ${verdict} | ${mdCode(c.id)}${hidden} | ${checkName(c, lang)} | ${c.points} / ${c.max} |`;
}

function failure(c: CheckGrade, previous: CheckGrade | undefined, w: Words, lang: string): string {
  const lines = [`### ${mdCode(c.id)}: ${checkName(c, lang)}`, ''];
  const why = mdText(translateReason(lang, c.reason, c.reasonCodes));
  if (c.transcript !== undefined) {
    // The transcript says it better than an excerpt: what was expected, then what the cell printed.
    lines.push(`- ${w.expected}: ${mdCode(c.expected)}`);
    if (c.observed.startsWith('exit code')) lines.push(`- ${w.observed}: ${mdCode(c.observed)}`);
    if (!c.reason.startsWith('expected ')) lines.push(`- ${w.why}: ${why}`);
    if (previous?.transcript === c.transcript) lines.push('', w.printedAbove);
    else lines.push('', w.printed, '', mdFence(c.transcript));
    return lines.join('\n');
  }
  if (c.expected !== '') lines.push(`- ${w.expected}: ${mdCode(c.expected)}`, `- ${w.observed}: ${mdCode(c.observed)}`);
  lines.push(`- ${w.why}: ${why}`);
  if (c.hops.length > 0) {
    lines.push('', w.path, '');
    c.hops.forEach((h, i) => lines.push(`${i + 1}. ${mdCode(h.at)}: ${mdText(h.action)}`));
  }
  return lines.join('\n');
}

/**
 * The feedback file for one student. Deterministic: the same grade gives the same bytes
 * (no dates, no durations, no machine names).
 */
export function feedbackMarkdown(report: GradeReport, s: StudentGrade): string {
  const { w, lang } = wordsFor(report);
  const out = [
    `# ${w.title}${w.colon}${mdText(report.exercise.title)}`,
    '',
    `${w.student}${w.colon}${mdCode(s.student)}${w.stop} ${w.score}${w.colon}**${s.score} / ${s.max}**${w.stop}`,
    '',
  ];
  if (s.status === 'failed') out.push(`${w.notGraded}${w.colon}${mdText(translateReason(lang, s.error ?? w.unknown))}`, '');
  out.push(w.head, '|---|---|---|---|', ...s.checks.map((c) => tableRow(c, w, lang)), '');
  const failed = s.checks.filter((c) => !c.passed);
  if (failed.length > 0) out.push(w.wrong, '', failed.map((c, i) => failure(c, failed[i - 1], w, lang)).join('\n\n'), '');
  if (s.notes.length > 0) out.push(w.notes, '', ...s.notes.map((n) => `- ${mdText(n)}`), '');
  return out.join('\n');
}
