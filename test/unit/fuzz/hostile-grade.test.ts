// Issue 9, findings 1 and 2 in `podlab grade`: one submission whose answer is a hostile line (a value doubled past
// any size, a backtracking glob) once aborted the whole batch with no grades written. Graded on the real simulator,
// through the CLI, each hostile submission gets its own grade and every other submission is graded as usual.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { withTempDir, writeTree } from '../grade/temp-dir.ts';
import { TINY } from '../grade/tiny-exercise.ts';

const STACK = /\n\s+at [^\n]*:\d+:\d+|RangeError|TypeError|Maximum call stack/;

/** The answer cell of the exercise, replaced by each line. */
const HOSTILE: Record<string, string> = {
  doubled: 's=a; for i in $(seq 1 26); do s=$s$s; done; v=${s//a/b}',
  backtracking: 's=a; for i in $(seq 1 10); do s=$s$s; done; v=${s//*a*a*a*a*b/x}',
  printf: 'printf "%0500000000d" 0 | wc -c',
};

test('hostile submissions are graded one by one; the batch and its gradebook are complete', { timeout: 300_000 }, async () => {
  await withTempDir(async (dir) => {
    const exercise = path.join(dir, 'tiny.md');
    await writeTree(dir, {
      'tiny.md': TINY,
      'subs/right/tiny.md': TINY,
      ...Object.fromEntries(
        Object.entries(HOSTILE).map(([id, line]) => [`subs/${id}/tiny.md`, TINY.replace('kubectl get endpoints web', line)]),
      ),
    });
    const out = path.join(dir, 'grades');
    const r = await runCli(['grade', exercise, path.join(dir, 'subs'), '--out', out, '--jobs', '1']);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 1000)}`);
    assert.doesNotMatch(r.stdout + r.stderr, STACK);
    const report = JSON.parse(await readFile(path.join(out, 'grades.json'), 'utf8')) as {
      students: { student: string; status: string; score: number; max: number; error?: string }[];
    };
    const byId = new Map(report.students.map((s) => [s.student, s]));
    assert.deepEqual([...byId.keys()].sort(), ['backtracking', 'doubled', 'printf', 'right']);
    const right = byId.get('right');
    // (the tiny exercise's hidden reach check needs pods it does not create: the solution scores its visible checks)
    assert.ok(right && right.status === 'graded' && right.score > 0, `the right submission: ${JSON.stringify(right).slice(0, 300)}`);
    // Each hostile answer is graded (its line ends with the shell's limit message, or runs to its end quickly);
    // a stop by the watchdog would be a `failed` grade with its reason, never a lost batch.
    for (const id of Object.keys(HOSTILE)) {
      const s = byId.get(id);
      assert.ok(s && (s.status === 'graded' || s.status === 'failed'), `${id}: ${JSON.stringify(s)}`);
      assert.doesNotMatch(s.error ?? '', STACK);
    }
    const feedback = await readFile(path.join(out, 'grades.csv'), 'utf8');
    assert.doesNotMatch(feedback, STACK);
  });
});
