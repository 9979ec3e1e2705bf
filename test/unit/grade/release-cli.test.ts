// `podlab release`: writes the student copy, refuses to overwrite the exercise, refuses broken exercises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../../src/node/cli/main.ts';
import { captureIO } from './cli-io.ts';
import { withTempDir } from './temp-dir.ts';
import { TINY } from './tiny-exercise.ts';

test('podlab release writes the copy under --out and says what it removed', async () => {
  await withTempDir(async (dir) => {
    const exercise = path.join(dir, 'tiny.md');
    await writeFile(exercise, TINY);
    const io = captureIO();
    assert.equal(await main(['release', exercise, '--out', path.join(dir, 'release')], io), 0, io.stderr);
    assert.match(io.stdout, /tiny\.md: 2 exercise cell\(s\) emptied, 0 hidden cell\(s\) and 1 hidden check\(s\) removed\n$/);
    const copy = await readFile(path.join(dir, 'release', 'tiny.md'), 'utf8');
    assert.ok(copy.includes('# TODO: write svc.yaml here'));
    assert.ok(!copy.includes('[hidden'));
  });
});

test('podlab release refuses to overwrite the exercise, and refuses an exercise with errors', async () => {
  await withTempDir(async (dir) => {
    const exercise = path.join(dir, 'tiny.md');
    await writeFile(exercise, TINY);
    const io = captureIO();
    assert.equal(await main(['release', exercise, '--out', dir], io), 2);
    assert.match(io.stderr, /would overwrite .*tiny\.md, the exercise with its solutions/);
    assert.equal(await readFile(exercise, 'utf8'), TINY, 'the exercise is untouched');
    await writeFile(exercise, TINY.replace('id=svc', 'id=svc bogus'));
    const io2 = captureIO();
    assert.equal(await main(['release', exercise, '--out', path.join(dir, 'out')], io2), 2);
    assert.match(io2.stderr, /tiny\.md:\d+:\d+: error: unknown attribute 'bogus'/);
  });
});
