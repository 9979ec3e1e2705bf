// Grading feedback in the exercise's language: the report carries the lesson's lang; a zh-CN exercise's
// feedback has Chinese words and reasons (NetworkPolicy ones by their codes); English stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feedbackMarkdown } from '../../../src/core/grade/feedback.ts';
import { buildGradeReport } from '../../../src/core/grade/report.ts';
import type { CheckGrade, GradeReport, StudentGrade } from '../../../src/core/grade/types.ts';
import { reasonText, type ReasonCode } from '../../../src/core/i18n/policy.ts';

const code: ReasonCode = {
  code: 'policy-denied-ingress',
  params: {
    pod: 'default/nginx-pod',
    policies: 'default/deny-all',
    count: '1',
    peer: '192.168.254.206 (pod default/busybox)',
    traffic: '80/TCP',
    engine: 'Calico',
    at: 'cali12d4a061371',
  },
};

function report(lang: string | undefined): { report: GradeReport; student: StudentGrade } {
  const check: CheckGrade = {
    id: 'reach',
    kind: 'reach',
    passed: false,
    points: 0,
    max: 2,
    hidden: false,
    text: 'busybox -> nginx-pod:80 ok',
    expected: 'ok',
    observed: 'timeout',
    reason: reasonText(code),
    hops: [{ at: 'pod/default/busybox', action: 'route default via 169.254.1.1 dev eth0' }],
    reasonCodes: [code],
  };
  const student: StudentGrade = { student: 'alice', status: 'graded', score: 0, max: 2, checks: [check], notes: [] };
  const lesson = { id: 'x', title: 'X', file: 'x.md', cells: [], ...(lang ? { lang } : {}) };
  return { report: buildGradeReport(lesson, [student]), student };
}

test('the report carries the exercise language', () => {
  assert.equal(report('zh-CN').report.exercise.lang, 'zh-CN');
  assert.ok(!('lang' in report(undefined).report.exercise));
});

test('zh-CN feedback: Chinese words, the policy reason by its code', () => {
  const { report: r, student } = report('zh-CN');
  const md = feedbackMarkdown(r, student);
  assert.match(md, /^# 反馈：X/);
  assert.match(md, /学生：`alice`。 得分：\*\*0 \/ 2\*\*。/);
  assert.match(md, /\| \*\*未通过\*\* \| `reach` \|/);
  assert.ok(md.includes(reasonText(code, 'zh-CN')), md);
  assert.ok(!md.includes('is isolated by NetworkPolicy'), md);
  assert.match(md, /数据包经过的路径：/);
  // The check as the page and podlab run say it: a sentence, the rule after it; no English rule alone.
  assert.ok(md.includes('| busybox 能访问 nginx-pod 的 80 端口（`busybox -> nginx-pod:80 ok`） |'), md);
  assert.ok(md.includes('### `reach`: busybox 能访问 nginx-pod 的 80 端口（`busybox -> nginx-pod:80 ok`）'), md);
});

test('zh-CN feedback: modifiers are not shown; a rule that does not parse is shown as written', () => {
  const { report: r, student } = report('zh-CN');
  const odd = {
    ...student,
    checks: [
      { ...student.checks[0], text: 'busybox -> nginx-pod:80 ok [points=2 id=reach]' },
      { ...student.checks[0], id: 'odd', text: 'no such form' },
    ],
  };
  const md = feedbackMarkdown(r, odd);
  assert.ok(!md.includes('points=2'), md);
  assert.ok(md.includes('（`busybox -> nginx-pod:80 ok`）'), md);
  assert.ok(md.includes('| `no such form` |'), md);
});

test('English feedback keeps its words', () => {
  for (const lang of ['en', undefined]) {
    const { report: r, student } = report(lang);
    const md = feedbackMarkdown(r, student);
    assert.match(md, /^# Feedback: X\n\nStudent: `alice`\. Score: \*\*0 \/ 2\*\*\.\n/);
    assert.ok(md.includes('- Why: ingress to pod default/nginx-pod is isolated by NetworkPolicy default/deny-all'), md);
  }
});
