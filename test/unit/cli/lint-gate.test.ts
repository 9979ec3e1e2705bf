// Issue 9: serve, grade and apiserver refuse what `podlab lint` refuses. A lesson that parses but breaks a lint rule
// (a cell `on=` a node the cluster lacks, a cluster the simulator cannot build) is left out of `serve` with its
// file:line errors, refused by `grade` as an exercise before any submission runs, and refused by `apiserver`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLesson } from '../../../src/node/lessons.ts';
import { loadCatalog } from '../../../src/node/server/lesson-catalog.ts';
import { runCli } from '../../helpers/cli.ts';
import { TINY } from '../grade/tiny-exercise.ts';

const dir = mkdtempSync(join(tmpdir(), 'podlab-lint-gate-'));

const TWO = '  nodes:\n    - { name: a, role: control-plane }\n    - { name: b, role: worker }\n';

function lesson(name: string, id: string, cluster: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `---\nid: ${id}\ntitle: T\nlang: en\ncluster:\n  cni: kindnet\n${cluster}---\n# T\n\n${body}`);
  return file;
}

const GOOD = lesson('good.md', 'good', TWO, '```sh run\necho hi\n```\n');
const ON_NOPE = lesson('on.md', 'on', TWO, '```sh run on=nope\necho hi\n```\n');
const CIDR0 = lesson('cidr0.md', 'cidr0', `${TWO}  podCIDR: 0.0.0.0/0\n`, '```sh run\necho hi\n```\n');

test('the lessons parse without errors: only the lint rules refuse them', async () => {
  for (const file of [ON_NOPE, CIDR0]) {
    assert.deepEqual((await loadLesson(file)).diagnostics, []);
    const lint = await runCli(['lint', file]);
    assert.equal(lint.code, 1, lint.stdout);
  }
});

test('serve: a lesson with lint errors is rejected with its file:line errors; the others are served', async () => {
  const catalog = await loadCatalog([GOOD, ON_NOPE, CIDR0]);
  assert.deepEqual(
    catalog.lessons.map((l) => l.id),
    ['good'],
  );
  const rejected = Object.fromEntries(catalog.rejected.map((r) => [r.file, r.diagnostics.map((d) => `${d.pos.line}: ${d.message}`)]));
  assert.match(rejected[ON_NOPE]?.join('\n') ?? '', /^13: cell names node 'nope'/);
  assert.match(rejected[CIDR0]?.join('\n') ?? '', /^10: cluster\.podCIDR 0\.0\.0\.0\/0 overlaps cluster\.serviceCIDR/);
});

test('serve: nothing to serve when every lesson has lint errors; each error printed at file:line, exit 2', async () => {
  const r = await runCli(['serve', ON_NOPE, CIDR0, '--port', '0']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /on\.md:13:1: error: cell names node 'nope'/);
  assert.match(r.stderr, /podlab: .*on\.md has errors and is not served/);
  assert.match(r.stderr, /cidr0\.md:10:1: error: cluster\.podCIDR 0\.0\.0\.0\/0 overlaps/);
  assert.match(r.stderr, /no lessons to serve/);
  assert.equal(r.stdout, '');
});

test('grade: an exercise with lint errors is refused before any submission runs; no grades written', async () => {
  const exercise = join(dir, 'tiny.md');
  // The tiny exercise with one cell on a node its cluster lacks.
  writeFileSync(exercise, TINY.replace('```sh run exercise id=mine', '```sh run exercise id=mine on=n9'));
  const subs = join(dir, 'subs');
  mkdirSync(join(subs, 'alice'), { recursive: true });
  writeFileSync(join(subs, 'alice', 'tiny.md'), TINY);
  const out = join(dir, 'grades');
  const r = await runCli(['grade', exercise, subs, '--out', out]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /tiny\.md: 1 error\(s\) in the exercise:\n.*tiny\.md:\d+:1: error: cell names node 'n9'/);
  assert.equal(r.stdout, '');
  assert.equal(existsSync(out), false);
});

test('apiserver: a lesson with lint errors is refused, nothing is served', async () => {
  const r = await runCli(['apiserver', CIDR0, '--port', '0', '--kubeconfig', join(dir, 'kc')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cidr0\.md:10:1: error: cluster\.podCIDR 0\.0\.0\.0\/0 overlaps/);
  assert.match(r.stderr, /1 error in the lesson; nothing is served/);
  assert.equal(r.stdout, '');
});
