// Submissions: Markdown or loose files become overrides of exercise cells only; anything missing runs empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/core/errors.ts';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import { readManifests } from '../../../src/core/lesson/manifests.ts';
import { releaseExercise } from '../../../src/core/grade/release.ts';
import { prepareSubmission, type ManifestChecker, type Submission } from '../../../src/core/grade/submission.ts';
import { TINY, tinyLesson } from './tiny-exercise.ts';

const checkManifest: ManifestChecker = (text, at) => readManifests(text, { ...at, column: 1 }, 'error').diagnostics;
const opts = { parseLesson, checkManifest };

function sub(files: Record<string, string>, notes: string[] = []): Submission {
  return { student: 's', files: Object.entries(files).map(([path, content]) => ({ path, content })), notes };
}

function content(p: ReturnType<typeof prepareSubmission>, id: string): string {
  const c = p.overrides.get(id);
  if (!c) return '<none>';
  return c.kind === 'file' ? c.content : c.lines.join('\n');
}

test('files format: the file named by an exercise file cell replaces its content; the run exercise runs empty', () => {
  const p = prepareSubmission(tinyLesson(), sub({ 'svc.yaml': 'kind: Service\nmetadata: { name: x }\n', 'notes.txt': 'hi' }), opts);
  assert.equal(p.format, 'files');
  assert.deepEqual([...p.overrides.keys()], ['svc', 'mine']);
  assert.equal(content(p, 'svc'), 'kind: Service\nmetadata: { name: x }\n');
  assert.equal(content(p, 'mine'), '');
  assert.deepEqual(p.notes, [
    'notes.txt: ignored; the exercise does not ask for this file',
    'missing: cell mine in the lesson Markdown; it counts as empty',
  ]);
  const ref = tinyLesson().cells.find((c) => c.id === 'svc');
  assert.deepEqual(
    { ...p.overrides.get('svc'), content: '' },
    { ...ref, content: '' },
    'only the content changes: path, checks, flags stay the reference',
  );
});

test('markdown format: exercise cells matched by id, checks always the reference ones', () => {
  const filled = TINY.replace('kubectl get endpoints web', 'kubectl get svc\nkubectl get ep')
    .replace('```expect\nexit 0 [id=mine-ok]\n```\n', '')
    .replace('name: web\nspec', 'name: web2\nspec');
  const p = prepareSubmission(tinyLesson(), sub({ 'answer.md': filled }), opts);
  assert.equal(p.format, 'markdown');
  assert.equal(content(p, 'mine'), 'kubectl get svc\nkubectl get ep');
  assert.match(content(p, 'svc'), /name: web2/);
  assert.equal(p.overrides.get('mine')?.expectations.length, 1, 'the student deleting an expect block changes nothing');
  assert.deepEqual(p.notes, []);
});

test('the unmodified student copy gives placeholders, never the reference solution', () => {
  const release = releaseExercise(TINY, 'tiny.md').text;
  const p = prepareSubmission(tinyLesson(), sub({ 'tiny.md': release }), opts);
  assert.equal(content(p, 'svc'), '# TODO: write svc.yaml here\n');
  assert.equal(content(p, 'mine'), '');
});

test('an empty folder: every exercise cell empty, with a note each', () => {
  const p = prepareSubmission(tinyLesson(), sub({}), opts);
  assert.equal(p.format, 'empty');
  assert.equal(content(p, 'svc'), '');
  assert.equal(p.notes.length, 2);
  assert.equal(p.refused, undefined);
});

test('mangled Markdown: parse problems are listed with line:col, lost cells count as empty', () => {
  const mangled = TINY.replace('```yaml file=svc.yaml exercise id=svc', '```yaml file=svc.yaml exercise id=svc bogus="').replace(
    '```sh run exercise id=mine',
    '``sh run exercise id=mine',
  );
  const p = prepareSubmission(tinyLesson(), sub({ 'a.md': mangled, 'b.md': 'x' }), opts);
  assert.ok(p.notes.includes('b.md: ignored; only the first Markdown file (a.md) is graded'));
  assert.ok(
    p.notes.some((n) => /^a\.md:\d+:\d+: .*quote/.test(n)),
    p.notes.join('\n'),
  );
  assert.ok(p.notes.includes('missing: cell mine in the lesson Markdown; it counts as empty'));
  assert.equal(content(p, 'mine'), '');
});

test('a cell of the wrong kind counts as empty', () => {
  const swapped = TINY.replace('```sh run exercise id=mine', '```yaml file=mine.yaml exercise id=mine');
  const p = prepareSubmission(tinyLesson(), sub({ 'a.md': swapped }), opts);
  assert.ok(p.notes.includes('a.md: cell mine should be a run cell, found a file cell; it counts as empty'));
  assert.equal(content(p, 'mine'), '');
});

test('malformed YAML: a note with the line and column in the file the student wrote', () => {
  const bad = 'kind: Service\nmetadata:\n  name: [web\n';
  const files = prepareSubmission(tinyLesson(), sub({ 'svc.yaml': bad }), opts);
  assert.ok(
    files.notes.some((n) => /^svc\.yaml:\d+:\d+: manifest:/.test(n)),
    files.notes.join('\n'),
  );
  assert.equal(files.refused, undefined, 'a syntax error is graded by running, not refused');
  const md = TINY.replace(/apiVersion: v1\nkind: Service[\s\S]*?ports: \[\{ port: 80 \}\]\n/, bad);
  const fenceLine = md.split('\n').findIndex((l) => l.startsWith('```yaml file=svc.yaml')) + 1;
  const p = prepareSubmission(tinyLesson(), sub({ 'mine.md': md }), opts);
  const note = p.notes.find((n) => n.startsWith('mine.md:'));
  const line = Number(/^mine\.md:(\d+):/.exec(note ?? '')?.[1]);
  assert.ok(line > fenceLine && line <= fenceLine + 4, `${note} should point into the cell after line ${fenceLine}`);
});

test('a limit hit while checking a manifest refuses the submission with the message; a throwing checker too', () => {
  const limit: ManifestChecker = (_t, at) => [
    { severity: 'error', code: 'input-limit', message: 'more than 1000 objects', pos: { ...at, column: 1 } } satisfies Diagnostic,
  ];
  assert.equal(
    prepareSubmission(tinyLesson(), sub({ 'svc.yaml': 'a: 1' }), { parseLesson, checkManifest: limit }).refused,
    'svc.yaml:1:1: more than 1000 objects',
  );
  const boom: ManifestChecker = () => {
    throw new Error('Excessive alias count indicates a resource exhaustion attack');
  };
  const p = prepareSubmission(tinyLesson(), sub({ 'svc.yaml': 'a: 1' }), { parseLesson, checkManifest: boom });
  assert.match(p.refused ?? '', /svc\.yaml could not be read as YAML: Excessive alias count/);
});

test('a submission refused while reading stays refused', () => {
  const s = { ...sub({}), refused: 'svc.yaml is 52428800 bytes, over the 1048576-byte limit' };
  assert.equal(prepareSubmission(tinyLesson(), s, opts).refused, s.refused);
});
