// The Kernel: cells in order, timeouts that stop a cell and let the session go on, nested shells, explanations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonFrom, runLesson } from '../../helpers/lessons.ts';

const HANGS = 'test/fixtures/runtime/hangs.md';
const ZH = 'lessons/pod-networking/lesson.zh-CN.md';

test('a busy loop and a long sleep are stopped and reported; the next cell still runs', async () => {
  const report = await runLesson(lessonFrom(HANGS));
  const [loop, sleep, after] = report.cells;
  assert.equal(loop.timedOut, true);
  assert.match(loop.output, /^root@m1:~# echo before\nbefore\nroot@m1:~# while true; do :; done\n/);
  assert.doesNotMatch(loop.output, /never/, 'the line after the loop must not run');
  assert.equal(sleep.timedOut, true);
  assert.equal(sleep.durationMs, 10_000, 'sleep 3600 is cut at the cell budget of 10 s (simulated)');
  assert.equal(after.timedOut, false);
  assert.ok(after.checks.length === 3 && after.checks.every((c) => c.passed), JSON.stringify(after.checks, null, 1));
  assert.equal(report.summary.cellErrors, 2);
});

test('kubectl exec -it opens a nested shell that the next lines are typed into, and exit leaves it', async () => {
  const report = await runLesson(lessonFrom(HANGS));
  const out = report.cells[2].output;
  assert.match(out, /root@m1:~# kubectl exec -it box -- sh\n\/ # hostname\nbox\n\/ # exit\nroot@m1:~# hostname\nm1\n/);
});

test('a wrong port expectation fails and says that nothing listens there', async () => {
  const lesson = lessonFrom(ZH, (s) => s.replace('busybox -> nginx-pod:81 refused', 'busybox -> nginx-pod:81 ok'));
  const report = await runLesson(lesson);
  const failed = report.cells.flatMap((c) => c.checks).filter((c) => !c.passed);
  assert.equal(failed.length, 1, JSON.stringify(failed, null, 1));
  const [check] = failed;
  assert.equal(check.text, 'busybox -> nginx-pod:81 ok');
  assert.equal(check.observed, 'refused');
  assert.match(check.reason, /nothing listens on 192\.168\.217\.16:81/);
  assert.ok(check.hops.length >= 2, 'the failure carries the path the packet took');
  assert.ok(
    check.hops.some((h) => h.at.includes('henry002')),
    'the path crosses henry002',
  );
});

test('a check on a pod that does not exist says so', async () => {
  const lesson = lessonFrom(ZH, (s) => s.replace('henry002 -> busybox icmp ok', 'ghost -> busybox icmp ok'));
  const report = await runLesson(lesson);
  const check = report.cells.flatMap((c) => c.checks).find((c) => c.text === 'ghost -> busybox icmp ok');
  assert.ok(check);
  assert.equal(check.passed, false);
  assert.equal(check.observed, 'no-source');
  assert.match(check.reason, /there is no pod default\/ghost/);
});

test('the same seed gives the same bytes; another seed changes random choices', async () => {
  const file = 'test/fixtures/runtime/flannel-four-nodes.md';
  const a = JSON.stringify(await runLesson(lessonFrom(file)));
  const b = JSON.stringify(await runLesson(lessonFrom(file)));
  assert.equal(a, b);
  const c = JSON.stringify(await runLesson(lessonFrom(file), { seed: 99 }));
  assert.notEqual(a, c);
});
