// Reading student folders: what is read, what is refused by size before reading, what is ignored and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listStudents, readSubmission, SUBMISSION_LIMITS } from '../../../src/node/grade/read-submissions.ts';
import { tinyLesson } from './tiny-exercise.ts';
import { withTempDir, writeTree } from './temp-dir.ts';

test('students are the folders, sorted; hidden entries skipped, loose files reported', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 'zed/svc.yaml': 'a', 'Amy/svc.yaml': 'b', '.git/x': '', 'grades.zip': '' });
    await mkdir(path.join(dir, 'empty'));
    const { students, skipped } = await listStudents(dir);
    assert.deepEqual(students.map((s) => s.student), ['Amy', 'empty', 'zed']);
    assert.deepEqual(skipped, ['grades.zip']);
  });
});

test('reads the first Markdown and the exercise files; notes everything else without reading it', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, { 's/b.md': '# b', 's/a.md': '# a', 's/svc.yaml': 'kind: Service\n', 's/video.mp4': 'x', 's/sub/deep.yaml': 'y' });
    const sub = await readSubmission({ student: 's', dir: path.join(dir, 's') }, tinyLesson());
    assert.deepEqual(sub.files, [{ path: 'a.md', content: '# a' }, { path: 'svc.yaml', content: 'kind: Service\n' }]);
    assert.deepEqual(sub.notes, [
      'b.md: ignored; only the first Markdown file is graded',
      'sub: ignored; the exercise does not ask for it',
      'video.mp4: ignored; the exercise does not ask for it',
    ]);
    assert.equal(sub.refused, undefined);
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
    await writeTree(dir, { 'bin/svc.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]), 'bad-utf8/svc.yaml': new Uint8Array([0x6b, 0xc3, 0x28]) });
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
