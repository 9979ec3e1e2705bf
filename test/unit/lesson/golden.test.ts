// Golden tests: the parsed Lesson (JSON, source omitted) and the rendered HTML of the fixture lessons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createMarkdown, lintLesson, parseLesson } from '../../../src/core/lesson/index.ts';
import { assertGolden } from '../../helpers/golden.ts';

const FIXTURES = ['zh-pod-networking', 'en-services', 'flannel-other-names', 'authoring-forms'];

function load(name: string): { file: string; source: string } {
  const file = `test/fixtures/lessons/${name}.md`;
  return { file, source: readFileSync(file, 'utf8') };
}

for (const name of FIXTURES) {
  test(`${name}: parsed lesson matches test/golden/lesson/${name}.json`, () => {
    const { file, source } = load(name);
    const lesson = parseLesson(source, file);
    assert.equal(lesson.source, source);
    const json = JSON.stringify({ ...lesson, source: undefined }, null, 2) + '\n';
    assertGolden(json, `test/golden/lesson/${name}.json`);
  });

  test(`${name}: lints clean`, () => {
    const { file, source } = load(name);
    assert.deepEqual(lintLesson(parseLesson(source, file)), []);
  });

  test(`${name}: parsing twice gives the same lesson`, () => {
    const { file, source } = load(name);
    assert.deepEqual(parseLesson(source, file), parseLesson(source, file));
  });
}

test('zh-pod-networking: rendered HTML matches test/golden/lesson/zh-pod-networking.html', () => {
  const { file, source } = load('zh-pod-networking');
  assertGolden(createMarkdown().render(source, { file }), 'test/golden/lesson/zh-pod-networking.html');
});

test('authoring-forms: bound checks, selectors and capture lines render as written (test/golden/lesson/authoring-forms.html)', () => {
  const { file, source } = load('authoring-forms');
  const html = createMarkdown().render(source, { file });
  assert.ok(html.includes('output of 2 contains &quot;$WEB&quot;'));
  assert.ok(html.includes('capture IP = pod/busybox .status.podIP'));
  assertGolden(html, 'test/golden/lesson/authoring-forms.html');
});
