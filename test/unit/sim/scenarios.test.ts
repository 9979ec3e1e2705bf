// Scenarios beyond the article, as lessons: each checked through Backend.probe (expect lines) and the transcript.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { lessonFrom, runLesson } from '../../helpers/lessons.ts';

const DIRS = ['test/fixtures/scenarios', 'test/fixtures/runtime'];

for (const dir of DIRS) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'hangs.md')) {
    test(`scenario ${dir}/${name}: every check passes`, async () => {
      const lesson = lessonFrom(`${dir}/${name}`);
      assert.deepEqual(
        lesson.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const report = await runLesson(lesson);
      const failed = report.cells.flatMap((c) => c.checks).filter((c) => !c.passed);
      assert.deepEqual(
        failed.map((c) => `${c.text}: ${c.reason}`),
        [],
      );
      assert.ok(report.summary.passed >= 4, 'the scenario checks something');
      assert.equal(report.summary.cellErrors, 0);
    });
  }
}

test('a probe through a Service lands on a ready endpoint chosen by the seed', async () => {
  const lesson = lessonFrom('test/fixtures/scenarios/deployment-scale.md');
  const a = await runLesson(lesson);
  const b = await runLesson(lesson);
  const servedA = a.cells
    .flatMap((c) => c.checks)
    .filter((c) => c.kind === 'reach')
    .map((c) => c.hops.map((h) => h.action).join('|'));
  const servedB = b.cells
    .flatMap((c) => c.checks)
    .filter((c) => c.kind === 'reach')
    .map((c) => c.hops.map((h) => h.action).join('|'));
  assert.deepEqual(servedA, servedB);
  assert.ok(
    servedA.some((p) => /DNAT|dnat/.test(p)),
    'the path shows kube-proxy translating the ClusterIP',
  );
});
