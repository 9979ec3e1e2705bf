// The lesson list puts lessons before exercises, each group in catalog order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExercise, lessonsFirst, type CatalogEntry } from '../../../web/catalog.ts';

const entry = (id: string, source: string): CatalogEntry => ({
  id,
  translations: [{ id, lang: 'en', title: id, file: `${id}.md`, source }],
});

test('exercises after lessons; an exercise is a lesson with an exercise fence', () => {
  const ex1 = entry('ex1', '# E\n\n```yaml file=a.yaml exercise id=a\nx\n```\n');
  const main = entry('main', '# M\n\n```sh run\nls\n```\n\nThe word exercise in prose is not a fence.\n');
  const ex2 = entry('ex2', '# E\n\n```sh run exercise\nls\n```\n');
  const other = entry('other', '# O\n');
  assert.deepEqual(
    lessonsFirst([ex1, main, ex2, other]).map((e) => e.id),
    ['main', 'other', 'ex1', 'ex2'],
  );
  assert.equal(isExercise(main.translations[0]), false);
  assert.equal(isExercise(ex2.translations[0]), true);
});
