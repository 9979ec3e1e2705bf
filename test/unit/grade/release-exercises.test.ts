// The shipped exercises' student copies: golden files, and nothing of the solutions or hidden checks left in them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { releaseExercise } from '../../../src/core/grade/release.ts';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { assertGolden } from '../../helpers/golden.ts';

const EXERCISES = ['sidecar-localhost', 'cross-node', 'service-basics', 'lock-down-nginx'];

for (const name of EXERCISES) {
  test(`release ${name}: golden student copy without solutions or hidden checks`, () => {
    const file = `lessons/exercises/${name}.md`;
    const source = readFileSync(file, 'utf8');
    const lesson = parseLesson(source, file);
    const { text } = releaseExercise(source, file);
    assertGolden(text, `test/golden/grade/release/${name}.md`);
    const copy = parseLesson(text, file);
    assert.deepEqual(
      copy.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    for (const cell of lesson.cells) {
      const body = cell.kind === 'file' ? cell.content : cell.lines.join('\n');
      if (cell.exercise) assert.ok(!text.includes(body.trim()), `${cell.id}'s solution is not in the copy`);
      if (cell.hidden) assert.ok(!copy.cells.some((c) => c.id === cell.id), `hidden cell ${cell.id} is not in the copy`);
      for (const e of cell.expectations) assert.equal(text.includes(e.text), !e.hidden, e.text);
    }
  });
}

for (const name of EXERCISES) {
  test(`${name}: the Chinese version has the same cells, solutions and checks as the English one`, () => {
    const shape = (file: string) =>
      parseLesson(readFileSync(file, 'utf8'), file).cells.map((c) => ({
        id: c.id,
        info: c.info,
        body: c.kind === 'file' ? c.content : c.lines,
        checks: c.expectations.map((e) => e.text),
      }));
    const en = shape(`lessons/exercises/${name}.md`);
    assert.ok(en.length > 0);
    assert.deepEqual(shape(`lessons/exercises/${name}.zh-CN.md`), en);
  });
}
