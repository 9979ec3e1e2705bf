// A whole grading run on a fake backend: every bad submission graded, outputs byte-identical whatever --jobs is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runGrading } from '../../../src/node/grade/run-grading.ts';
import { writeGrades } from '../../../src/node/grade/write-grades.ts';
import { TINY } from './tiny-exercise.ts';
import { withTempDir, writeTree } from './temp-dir.ts';

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
const pods = (n: number) => Array.from({ length: n }, (_, i) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\n`).join('');
const BOMB =
  [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ].join('\n') + '\n';

async function classroom(dir: string): Promise<{ exercise: string; submissions: string }> {
  const exercise = path.join(dir, 'tiny.md');
  await writeFile(exercise, TINY);
  const s = path.join(dir, 'subs');
  await writeTree(s, {
    'right-md/tiny.md': TINY,
    'right-files/svc.yaml': SVC,
    'wrong-name/svc.yaml': SVC.replace('name: web', 'name: wbe'),
    'malformed/svc.yaml': 'kind: Service\nmetadata:\n  name: [web\n',
    'bomb/svc.yaml': BOMB,
    'junk/svc.yaml': new Uint8Array([0, 159, 146, 150]),
    'sleepy/tiny.md': TINY.replace('kubectl get endpoints web', 'sleep 99999'),
    'hung/tiny.md': TINY.replace('kubectl get endpoints web', 'spin'),
    'mangled/tiny.md': TINY.replace(/```/g, '``'),
    'pods100k/svc.yaml': pods(100_000),
    'pods6k/svc.yaml': pods(6000),
  });
  await mkdir(path.join(s, 'empty'));
  await mkdir(path.join(s, 'huge'));
  await writeFile(path.join(s, 'huge', 'svc.yaml'), '');
  await truncate(path.join(s, 'huge', 'svc.yaml'), 50 * 1024 * 1024);
  return { exercise, submissions: s };
}

async function readAll(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

test('a class with every kind of bad submission: all graded, each scored as it should, same bytes with 1 or 2 jobs', async () => {
  await withTempDir(async (dir) => {
    const { exercise, submissions } = await classroom(dir);
    const backendModule = new URL('./fake-backend.ts', import.meta.url).href;
    const order: string[] = [];
    const one = await runGrading({ exercise, submissions, jobs: 1, watchdogMs: 2000, backendModule, onGraded: (s) => order.push(s) });
    const two = await runGrading({ exercise, submissions, jobs: 2, watchdogMs: 2000, backendModule });
    assert.equal(order.length, 13);
    const scores = Object.fromEntries(one.report.students.map((s) => [s.student, `${s.status} ${s.score}/${s.max}`]));
    assert.deepEqual(scores, {
      bomb: 'failed 0/6',
      empty: 'graded 1/6',
      huge: 'failed 0/6',
      hung: 'failed 0/6',
      junk: 'graded 1/6',
      malformed: 'graded 1/6',
      mangled: 'graded 1/6',
      pods100k: 'failed 0/6',
      pods6k: 'failed 0/6',
      'right-files': 'graded 6/6',
      'right-md': 'graded 6/6',
      sleepy: 'graded 5/6',
      'wrong-name': 'graded 1/6',
    } as Record<string, string>);
    const by = (name: string) => one.report.students.find((s) => s.student === name);
    assert.match(by('bomb')?.error ?? '', /^svc\.yaml:1:1: error parsing svc\.yaml: .*excessive aliasing$/);
    assert.match(by('pods100k')?.error ?? '', /^svc\.yaml is \d+ bytes, over the 4194304-byte limit; it was not read$/);
    assert.match(by('pods6k')?.error ?? '', /^svc\.yaml:1:1: error parsing svc\.yaml: more than 5000 objects in one manifest$/);
    assert.match(by('huge')?.error ?? '', /svc\.yaml is 52428800 bytes, over the \d+-byte limit/);
    assert.match(by('hung')?.error ?? '', /stopped after 2 s of wall-clock time/);
    assert.ok(
      by('malformed')?.notes.some((n) => /^svc\.yaml:4:1: error parsing svc\.yaml: .*yaml: line 4: /.test(n)),
      by('malformed')?.notes.join('\n'),
    );
    assert.ok(by('junk')?.notes.includes('svc.yaml: not UTF-8 text (binary?); ignored'));
    assert.equal(one.reference?.score, 6, 'the exercise solution itself scores full marks');
    assert.equal(one.jobs, 1);
    assert.equal(two.jobs, 2);
    await writeGrades(one.report, path.join(dir, 'out1'));
    await writeGrades(two.report, path.join(dir, 'out2'));
    const a = await readAll(path.join(dir, 'out1'));
    const b = await readAll(path.join(dir, 'out2'));
    assert.equal(Object.keys(a).length, 3 + 13);
    assert.deepEqual(a, b);
  });
});
