// Safety limits: an oversized lesson or too many cells give an input-limit diagnostic, not a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../../src/core/errors.ts';
import { LESSON_LIMITS, parseLesson } from '../../../src/core/lesson/index.ts';

const FM = '---\nid: t\ntitle: T\nlang: en\ncluster: { nodes: [ { name: n1, role: control-plane } ] }\n---\n';

test('a lesson over 2 MiB (in UTF-8 bytes) is not parsed', () => {
  const cjk = '通'.repeat(Math.ceil(LESSON_LIMITS.maxBytes / 3) + 1); // under 2 Mi characters, over 2 MiB of UTF-8
  assert.ok(cjk.length < LESSON_LIMITS.maxBytes);
  const lesson = parseLesson(FM + cjk, 'big.md');
  assert.deepEqual(lesson.diagnostics.map(formatDiagnostic), ['big.md:1:1: error: lesson is larger than 2 MiB; not parsed [input-limit]']);
  assert.deepEqual(lesson.cells, []);
});

test('a lesson just under 2 MiB parses', () => {
  const pad = 'x'.repeat(LESSON_LIMITS.maxBytes - FM.length - 1);
  const lesson = parseLesson(FM + pad + '\n', 'ok.md');
  assert.deepEqual(lesson.diagnostics, []);
});

test('cells past 2,000 are dropped with one diagnostic at the first dropped cell', () => {
  const cell = '```sh run\nls\n```\n\n```expect\nexit 0\n```\n\n';
  const lesson = parseLesson(FM + cell.repeat(LESSON_LIMITS.maxCells + 5), 'many.md');
  assert.equal(lesson.cells.length, LESSON_LIMITS.maxCells);
  const limit = lesson.diagnostics.filter((d) => d.code === 'input-limit');
  assert.equal(limit.length, 1);
  assert.equal(limit[0].pos.line, 7 + LESSON_LIMITS.maxCells * 8);
  assert.ok(lesson.cells.every((c) => c.expectations.length === 1));
});
