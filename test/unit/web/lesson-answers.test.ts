// Drafts of exercise cells: they start from the student copy's text, are saved as typed, come back, and know when they went stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { DraftStore } from '../../../web/state/draft-store.ts';
import { LessonAnswers, startingText } from '../../../web/state/lesson-answers.ts';
import { exerciseLesson, memoryStorage } from './helpers.ts';

const lesson = learnerLesson(exerciseLesson());

test('exercise cells start from the placeholder podlab release writes; other cells have no answer', () => {
  const a = new LessonAnswers(lesson);
  assert.equal(a.text('pod'), '# TODO: write web.yaml here\n');
  assert.equal(a.text('hello'), '# TODO: write your commands here\n');
  assert.equal(a.text('apply'), undefined);
  assert.deepEqual(Object.keys(a.all()), ['pod', 'hello']);
  assert.equal(
    startingText({ ...lesson.cells[0], kind: 'file', lang: 'json', path: 'x.json', content: '' } as never),
    '',
    'no comment syntax: empty, as in the student copy',
  );
});

test('drafts are saved as typed and come back in a new page; the starting text is not stored', () => {
  const storage = memoryStorage();
  const a = new LessonAnswers(lesson, new DraftStore(storage));
  assert.equal(a.set('apply', 'x'), false, 'not an exercise cell');
  assert.equal(a.set('hello', 'echo hello'), true);
  assert.equal(a.set('hello', 'echo hello'), false, 'unchanged');
  assert.deepEqual(JSON.parse(storage.data.get('podlab:drafts:web-exercise:en') ?? '{}'), { hello: 'echo hello' });
  const b = new LessonAnswers(lesson, new DraftStore(storage));
  assert.equal(b.text('hello'), 'echo hello');
  assert.equal(b.untouched('pod'), true);
  assert.equal(b.startOver('hello'), true);
  assert.equal(storage.data.has('podlab:drafts:web-exercise:en'), false, 'no drafts left: the key is removed');
});

test('broken storage contents are ignored, value by value', () => {
  const storage = memoryStorage();
  storage.setItem('podlab:drafts:web-exercise:en', JSON.stringify({ hello: 5, pod: 'kind: Pod' }));
  const a = new LessonAnswers(lesson, new DraftStore(storage));
  assert.equal(a.text('pod'), 'kind: Pod');
  assert.equal(a.text('hello'), '# TODO: write your commands here\n');
  storage.setItem('podlab:drafts:web-exercise:en', '{not json');
  assert.equal(new LessonAnswers(lesson, new DraftStore(storage)).text('pod'), '# TODO: write web.yaml here\n');
});

test('stale: a cell that ran with a text the learner changed since; a new cluster forgets what ran', () => {
  const a = new LessonAnswers(lesson);
  a.set('pod', 'v1');
  assert.equal(a.stale('pod'), false, 'never ran');
  a.ran('pod', 'v1');
  assert.equal(a.stale('pod'), false);
  a.set('pod', 'v2');
  assert.equal(a.stale('pod'), true);
  a.forgetRuns();
  assert.equal(a.stale('pod'), false);
});

test("a resumed session's answers fill cells this browser has no draft of", () => {
  const a = new LessonAnswers(lesson);
  a.set('pod', 'mine');
  let changes = 0;
  a.subscribe(() => changes++);
  a.adopt({ pod: 'theirs', hello: 'echo from the session', apply: 'ignored', other: 7 });
  assert.equal(a.text('pod'), 'mine', "this browser's draft wins");
  assert.equal(a.text('hello'), 'echo from the session');
  assert.equal(a.text('apply'), undefined);
  assert.equal(changes, 1);
});
