// Reading student folders: what is read, what is refused by size before reading, what is ignored and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chooseMarkdown, listStudents, readSubmission, SUBMISSION_LIMITS } from '../../../src/node/grade/read-submissions.ts';
import { runGrading } from '../../../src/node/grade/run-grading.ts';
import { TINY, tinyLesson } from './tiny-exercise.ts';
import { withTempDir, writeTree } from './temp-dir.ts';

test('students are the folders, sorted; hidden entries skipped, loose files reported', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 'zed/svc.yaml': 'a', 'Amy/svc.yaml': 'b', '.git/x': '', 'grades.zip': '' });
    await mkdir(path.join(dir, 'empty'));
    const { students, skipped } = await listStudents(dir);
    assert.deepEqual(
      students.map((s) => s.student),
      ['Amy', 'empty', 'zed'],
    );
    assert.deepEqual(skipped, ['grades.zip']);
  });
});

test('reads the one Markdown file and the exercise files; notes everything else without reading it', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 's/a.md': '# a', 's/svc.yaml': 'kind: Service\n', 's/video.mp4': 'x', 's/sub/deep.yaml': 'y' });
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.deepEqual(sub.files, [
      { path: 'a.md', content: '# a' },
      { path: 'svc.yaml', content: 'kind: Service\n' },
    ]);
    assert.deepEqual(sub.notes, ['sub: ignored; the exercise does not ask for it', 'video.mp4: ignored; the exercise does not ask for it']);
    assert.equal(sub.refused, undefined);
  });
});

test('several Markdown files: the one named like the exercise wins, whatever sorts first', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 's/a.md': '# a', 's/TINY.md': '# mine', 's/z.md': '# z' });
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.deepEqual(sub.files, [{ path: 'TINY.md', content: '# mine' }]);
    assert.deepEqual(sub.notes, [
      'a.md: ignored; TINY.md is the Markdown file graded',
      'z.md: ignored; TINY.md is the Markdown file graded',
    ]);
    assert.equal(sub.refused, undefined);
  });
});

test('several Markdown files and none named like the exercise: an error that lists them, none picked', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 's/b.md': '# b', 's/a.md': '# a' });
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.deepEqual(sub.files, []);
    assert.equal(sub.refused, '2 Markdown files and none is named tiny.md: a.md, b.md; keep one, or name the answer tiny.md');
  });
});

test('a link, a folder, a binary and an oversized file named *.md are set aside first, each with its reason; the answer is read', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      'exercise.md': '# the exercise',
      's/escape.md': '# answer',
      's/y.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
    });
    await mkdir(path.join(dir, 's', 'x.md'));
    await symlink('../../exercise.md', path.join(dir, 's', '0-solution.md'));
    const big = path.join(dir, 's', 'big.md');
    await writeFile(big, '');
    await truncate(big, SUBMISSION_LIMITS.maxMarkdownBytes + 1);
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.deepEqual(sub.files, [{ path: 'escape.md', content: '# answer' }]);
    assert.deepEqual(sub.notes, [
      '0-solution.md: a symbolic link; ignored',
      `big.md is ${SUBMISSION_LIMITS.maxMarkdownBytes + 1} bytes, over the ${SUBMISSION_LIMITS.maxMarkdownBytes}-byte limit; it was not read; ignored`,
      'x.md: a folder, not a file; ignored',
      'y.md: not UTF-8 text (binary?); ignored',
    ]);
    assert.equal(sub.refused, undefined);
  });
});

test('chooseMarkdown: named like the exercise, else the only one, else an error', () => {
  assert.deepEqual(chooseMarkdown([], 'ex.md'), {});
  assert.deepEqual(chooseMarkdown(['a.md'], 'lessons/ex.md'), { chosen: 'a.md' });
  assert.deepEqual(chooseMarkdown(['a.md', 'Ex.md'], 'lessons/ex.md'), { chosen: 'Ex.md' });
  assert.match(chooseMarkdown(['a.md', 'b.md'], 'ex.md').error ?? '', /^2 Markdown files and none is named ex\.md: a\.md, b\.md;/);
});

test('grading a folder with a link to the exercise, a folder x.md, a binary y.md and the real answer scores the answer', async () => {
  await withTempDir(async (dir) => {
    const exercise = path.join(dir, 'tiny.md');
    await writeFile(exercise, TINY);
    const subs = path.join(dir, 'subs');
    await writeTree(subs, { 'eve/escape.md': TINY, 'eve/y.md': new Uint8Array([0, 1, 2, 0xff]) });
    await mkdir(path.join(subs, 'eve', 'x.md'));
    await symlink('../../tiny.md', path.join(subs, 'eve', '0-solution.md'));
    const backendModule = new URL('./fake-backend.ts', import.meta.url).href;
    const run = await runGrading({ exercise, submissions: subs, jobs: 1, watchdogMs: 5000, backendModule, checkReference: false });
    const eve = run.report.students[0];
    assert.equal(`${eve.student} ${eve.status} ${eve.score}/${eve.max}`, 'eve graded 6/6');
    for (const why of [
      '0-solution.md: a symbolic link; ignored',
      'x.md: a folder, not a file; ignored',
      'y.md: not UTF-8 text (binary?); ignored',
    ]) {
      assert.ok(eve.notes.includes(why), `${why} in ${eve.notes.join(' | ')}`);
    }
  });
});

test('a 50 MB file is refused by its size, before it is read', async () => {
  await withTempDir(async (dir) => {
    await mkdir(path.join(dir, 's'));
    const big = path.join(dir, 's', 'svc.yaml');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024); // sparse: 50 MB by size, nothing on disk
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.equal(sub.refused, `svc.yaml is 52428800 bytes, over the ${SUBMISSION_LIMITS.maxFileBytes}-byte limit; it was not read`);
    assert.deepEqual(sub.files, []);
  });
});

test('binary junk, symbolic links and an empty folder are notes, not crashes', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      'bin/svc.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]),
      'bad-utf8/svc.yaml': new Uint8Array([0x6b, 0xc3, 0x28]),
    });
    await mkdir(path.join(dir, 'link'));
    await symlink('/etc/passwd', path.join(dir, 'link', 'svc.yaml'));
    await mkdir(path.join(dir, 'empty'));
    const read = (s: string) => readSubmission({ student: s, dir: path.join(dir, s) }, tinyLesson());
    assert.deepEqual((await read('bin')).notes, ['svc.yaml: not UTF-8 text (binary?); ignored']);
    assert.deepEqual((await read('bad-utf8')).notes, ['svc.yaml: not UTF-8 text (binary?); ignored']);
    const link = await read('link');
    assert.deepEqual(link.notes, ['svc.yaml: a symbolic link; ignored']);
    assert.deepEqual(link.files, []);
    assert.deepEqual(await read('empty'), { student: 'empty', files: [], notes: [] });
  });
});
