// The page's lesson controller with an exercise: runs carry the learner's text, changed drafts re-run, run all sends every answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientMessage } from '../../../src/core/runtime/protocol.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { SessionClient } from '../../../web/session/session-client.ts';
import { AnswerSync } from '../../../web/state/answer-sync.ts';
import { DraftStore } from '../../../web/state/draft-store.ts';
import { LessonSession } from '../../../web/state/lesson-session.ts';
import { ProgressStore } from '../../../web/state/progress-store.ts';
import { exerciseLesson, fakeHost, inMemoryTransport, memoryStorage } from './helpers.ts';

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;

function setup(storage = memoryStorage()) {
  const lesson = learnerLesson(exerciseLesson());
  const transport = inMemoryTransport([lesson]);
  const client = new SessionClient(transport);
  const session = new LessonSession(fakeHost(), {
    client,
    lesson,
    progress: new ProgressStore(storage),
    drafts: new DraftStore(storage),
    resume: false,
  });
  return { session, transport, client, storage };
}

const runs = (sent: ClientMessage[]) => sent.filter((m) => m.type === 'run-cell').map((m) => [m.cellId, m.content]);

test("running a later cell runs the exercise with the learner's text first; a changed draft runs again", async () => {
  const { session, transport, client } = setup();
  await session.open();
  session.setAnswer('pod', POD('mine'));
  await session.runCell('apply');
  assert.match(session.runs.get('apply')?.output ?? '', /pod\/mine created/);
  assert.deepEqual(runs(transport.sent), [
    ['pod', POD('mine')],
    ['apply', undefined],
  ]);
  await session.runCell('apply');
  assert.equal(runs(transport.sent).length, 3, 'unchanged draft: only the cell itself');
  session.setAnswer('pod', POD('yours'));
  await session.runCell('apply');
  assert.deepEqual(runs(transport.sent).slice(3), [
    ['pod', POD('yours')],
    ['apply', undefined],
  ]);
  client.dispose();
});

test("run all sends every exercise cell's text; a reload replays with the stored drafts", async () => {
  const storage = memoryStorage();
  const first = setup(storage);
  await first.session.open();
  first.session.setAnswer('hello', 'echo hello world');
  await first.session.runAll();
  const all = first.transport.sent.find((m) => m.type === 'run-all');
  assert.deepEqual(all?.type === 'run-all' ? all.answers : undefined, { pod: '# TODO: write web.yaml here\n', hello: 'echo hello world' });
  assert.equal(first.session.runs.get('hello')?.outcome?.checks[0]?.passed, true);
  first.client.dispose();

  const second = setup(storage);
  assert.equal(second.session.answers.text('hello'), 'echo hello world');
  await second.session.open();
  assert.deepEqual(
    runs(second.transport.sent).find(([id]) => id === 'hello'),
    ['hello', 'echo hello world'],
  );
  assert.match(second.session.runs.get('hello')?.output ?? '', /hello world/);
  second.client.dispose();
});

test('AnswerSync: drafts go out after a pause, once each; one a run delivered is not sent again', async () => {
  const sent: string[] = [];
  const sync = new AnswerSync(async (id) => void sent.push(id));
  sync.changed('a');
  sync.changed('b');
  sync.changed('a');
  sync.delivered('b');
  await sync.flush();
  assert.deepEqual(sent, ['a']);
  await sync.flush();
  assert.deepEqual(sent, ['a']);
  sync.dispose();
});
