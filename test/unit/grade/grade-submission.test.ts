// Grading one submission in process with a fake backend: right, wrong, empty, timed out, refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeSubmission } from '../../../src/core/grade/grade-submission.ts';
import type { Submission } from '../../../src/core/grade/submission.ts';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import { FakeBackend, TYPED } from './fake-backend.ts';
import { TINY, tinyLesson } from './tiny-exercise.ts';

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

function grade(files: Record<string, string>, extra: Partial<Submission> = {}) {
  const backend = new FakeBackend();
  const submission: Submission = {
    student: 'st',
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
    notes: [],
    ...extra,
  };
  return { backend, result: gradeSubmission(tinyLesson(), submission, { backend, parseLesson }) };
}

test('the reference solution, submitted as the lesson Markdown, scores full marks', async () => {
  const { backend, result } = grade({ 'tiny.md': TINY });
  const g = await result;
  assert.equal(g.status, 'graded');
  assert.deepEqual(
    g.checks.map((c) => [c.id, c.passed]),
    [
      ['created', true],
      ['reach', true],
      ['mine-ok', true],
    ],
  );
  assert.equal(g.score, 6);
  assert.equal(g.max, 6);
  assert.equal(backend.started, 1);
  assert.equal(backend.stopped, 1);
});

test('a wrong Service name fails the visible and the hidden check; other checks are unaffected', async () => {
  const g = await grade({ 'svc.yaml': SVC.replace('web', 'wbe') }).result;
  assert.deepEqual(
    g.checks.map((c) => [c.id, c.passed, c.points]),
    [
      ['created', false, 0],
      ['reach', false, 0],
      ['mine-ok', true, 1],
    ],
  );
  const reach = g.checks[1];
  assert.equal(reach.hidden, true);
  assert.equal(reach.observed, 'nxdomain');
  assert.equal(reach.reason, 'web does not resolve');
  assert.deepEqual(reach.hops, [{ at: 'pod/default/busybox', action: 'DNS query for web: NXDOMAIN' }]);
});

test('the files format grades the YAML; the missing run cell runs empty (exit 0 of nothing)', async () => {
  const g = await grade({ 'svc.yaml': SVC }).result;
  assert.deepEqual(
    g.checks.map((c) => c.passed),
    [true, true, true],
  );
  assert.ok(g.notes.includes('missing: cell mine in the lesson Markdown; it counts as empty'));
});

test('sleep 99999 in a cell runs into the time budget: its checks fail with a clear reason', async () => {
  const md = TINY.replace('kubectl get endpoints web', 'sleep 99999\nkubectl get endpoints web');
  const before = TYPED.length;
  const g = await grade({ 'a.md': md }).result;
  const mine = g.checks.find((c) => c.id === 'mine-ok');
  assert.equal(mine?.passed, false);
  assert.match(mine?.reason ?? '', /cell mine was stopped: it ran past its time budget/);
  assert.equal(g.score, 5);
  assert.ok(!TYPED.slice(before).includes('kubectl get endpoints web'), 'nothing after the timeout ran');
});

test('a refused submission never starts a backend', async () => {
  const { backend, result } = grade({}, { refused: 'svc.yaml is 52428800 bytes, over the 1048576-byte limit; it was not read' });
  const g = await result;
  assert.equal(g.status, 'failed');
  assert.equal(g.error, 'svc.yaml is 52428800 bytes, over the 1048576-byte limit; it was not read');
  assert.equal(backend.started, 0);
});

test('a backend that fails to start fails the submission, not the batch', async () => {
  const backend = new FakeBackend();
  backend.start = async () => {
    throw new Error('setup exploded');
  };
  const g = await gradeSubmission(tinyLesson(), { student: 'x', files: [], notes: [] }, { backend, parseLesson });
  assert.equal(g.status, 'failed');
  assert.equal(g.error, 'the exercise could not run: setup exploded');
});
