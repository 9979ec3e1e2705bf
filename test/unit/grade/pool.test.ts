// The worker pool: grades in worker processes (TypeScript through tsx), survives a hung submission, never hangs itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradePool, watchdogMessage } from '../../../src/node/grade/pool.ts';
import type { Submission } from '../../../src/core/grade/submission.ts';
import { TINY, tinyLesson } from './tiny-exercise.ts';

const init = { lesson: tinyLesson(), backend: 'fake', backendModule: new URL('./fake-backend.ts', import.meta.url).href };
const SVC = 'kind: Service\nmetadata:\n  name: web\n';

function sub(student: string, files: Record<string, string>): Submission {
  return { student, files: Object.entries(files).map(([path, content]) => ({ path, content })), notes: [] };
}

test('two workers grade a batch; a submission that never ends is stopped by the watchdog and the batch goes on', async () => {
  const pool = new GradePool({ size: 2, init, watchdogMs: 2000 });
  try {
    const hung = sub('hung', { 'a.md': TINY.replace('kubectl get endpoints web', 'spin') });
    const jobs = [sub('ok1', { 'svc.yaml': SVC }), hung, sub('bad', { 'svc.yaml': 'kind: Pod\n' }), sub('ok2', { 'x.md': TINY })].map((s) =>
      pool.run(s),
    );
    const [ok1, h, bad, ok2] = await Promise.all(jobs);
    assert.ok(ok1.ok && ok1.grade.score === 6, JSON.stringify(ok1));
    assert.deepEqual({ ok: h.ok, error: h.ok ? '' : h.error }, { ok: false, error: watchdogMessage(2000) });
    assert.ok(h.ms >= 1900, `stopped after ${h.ms} ms`);
    assert.ok(bad.ok && bad.grade.score === 1, JSON.stringify(bad.ok && bad.grade.checks));
    assert.ok(ok2.ok && ok2.grade.score === 6);
    const again = await pool.run(sub('after', { 'svc.yaml': SVC }));
    assert.ok(again.ok && again.grade.score === 6, 'the replaced worker grades');
  } finally {
    await pool.close();
  }
});

test('a submission that needs too much memory fails alone: the batch is graded and the process lives', async () => {
  const pool = new GradePool({ size: 2, init, watchdogMs: 20_000, memoryMb: 64 });
  try {
    const big = sub('big', { 'a.md': TINY.replace('kubectl get endpoints web', 'big') });
    const [ok1, b, ok2] = await Promise.all([sub('ok1', { 'svc.yaml': SVC }), big, sub('ok2', { 'x.md': TINY })].map((s) => pool.run(s)));
    assert.deepEqual({ ok: b.ok, error: b.ok ? '' : b.error }, { ok: false, error: 'ran out of memory (the limit is 64 MB)' });
    assert.ok(ok1.ok && ok1.grade.score === 6, JSON.stringify(ok1));
    assert.ok(ok2.ok && ok2.grade.score === 6, JSON.stringify(ok2));
    const again = await pool.run(sub('after', { 'svc.yaml': SVC }));
    assert.ok(again.ok && again.grade.score === 6, 'the replaced worker grades');
  } finally {
    await pool.close();
  }
});

test('a worker entry that cannot start fails the jobs instead of respawning forever', async () => {
  const pool = new GradePool({ size: 1, init, watchdogMs: 5000, entry: new URL('./no-such-worker.ts', import.meta.url) });
  try {
    const r = await pool.run(sub('x', {}));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /could not start|crashed|exited/);
  } finally {
    await pool.close();
  }
});
