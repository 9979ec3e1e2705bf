// The page's lesson controller over a real Session (fake backend): open, run with earlier cells, run all, replay, reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressStore } from '../../../web/state/progress-store.ts';
import { LessonSession } from '../../../web/state/lesson-session.ts';
import { SessionClient } from '../../../web/session/session-client.ts';
import { fakeHost, fakeLesson, inMemoryTransport, memoryStorage } from './helpers.ts';

function setup(storage = memoryStorage()) {
  const transport = inMemoryTransport();
  const client = new SessionClient(transport);
  const lesson = fakeLesson();
  const session = new LessonSession(fakeHost(), { client, lesson, progress: new ProgressStore(storage), resume: false });
  return { session, transport, client, storage, lesson };
}

const statuses = (s: LessonSession) => [...s.runs.values()].map((r) => r.status);

test('opening reaches ready and fetches the picture', async () => {
  const { session, client } = setup();
  await session.open();
  assert.equal(session.status, 'ready');
  assert.equal(session.view?.nodes.length, 3);
  assert.deepEqual(statuses(session), ['initial', 'initial', 'initial', 'initial']);
  client.dispose();
});

test('running a cell first runs the earlier cells that never ran (the file it applies)', async () => {
  const { session, client, storage } = setup();
  await session.open();
  const runId = session.cells()[1].id;
  await session.runCell(runId);
  assert.deepEqual(statuses(session), ['complete', 'complete', 'initial', 'initial']);
  assert.match(session.runs.get(runId)?.output ?? '', /pod\/web created/);
  assert.deepEqual(
    new ProgressStore(storage).load('web-fake', 'en')?.ran,
    session
      .cells()
      .slice(0, 2)
      .map((c) => c.id),
  );
  client.dispose();
});

test('run all: every cell completes, the failed reach check is the probe the picture draws', async () => {
  const { session, client } = setup();
  await session.open();
  await session.runAll();
  assert.deepEqual(statuses(session), ['complete', 'complete', 'complete', 'complete']);
  assert.equal(session.lastProbe?.text, 'client -> web:81 ok');
  assert.equal(session.lastProbe?.passed, false);
  assert.ok(session.matrix && session.matrix.cells.length > 0);
  client.dispose();
});

test('the matrix is asked for only while the page shows it, and again when shown after the cluster changed', async () => {
  const { session, client, transport } = setup();
  const asked = () => transport.sent.filter((m) => m.type === 'matrix').length;
  await session.showMatrix(false);
  await session.open();
  await session.runCell(session.cells()[1].id);
  assert.equal(asked(), 0, 'hidden: never computed');
  assert.equal(session.matrix === undefined, true, 'no matrix');
  assert.ok(session.view, 'the picture is still refreshed');
  await session.showMatrix(true);
  assert.equal(asked(), 1, 'shown: fetched once');
  assert.ok(session.matrix && session.matrix.cells.length > 0);
  await session.showMatrix(true);
  assert.equal(asked(), 1, 'nothing changed since: not fetched again');
  await session.runCell(session.cells()[2].id);
  assert.equal(asked(), 2, 'shown: refreshed after a run');
  await session.showMatrix(false);
  await session.runCell(session.cells()[3].id);
  assert.equal(asked(), 2, 'hidden again: not refreshed');
  await session.showMatrix(true);
  assert.equal(asked(), 3, 'shown after a change: fetched');
  client.dispose();
});

test('a reload replays the stored cells in order; reset forgets them', async () => {
  const storage = memoryStorage();
  const first = setup(storage);
  await first.session.open();
  await first.session.runAll();
  first.client.dispose();

  const second = setup(storage);
  await second.session.open();
  assert.deepEqual(statuses(second.session), ['complete', 'complete', 'complete', 'complete']);
  assert.equal(second.transport.sent.filter((m) => m.type === 'run-cell').length, 4);
  await second.session.reset();
  assert.deepEqual(statuses(second.session), ['initial', 'initial', 'initial', 'initial']);
  assert.equal(new ProgressStore(storage).load('web-fake', 'en'), undefined);
  second.client.dispose();
});

test('the free terminal: open, type, complete; the shell leaving is reported with depth 0', async () => {
  const { session, client } = setup();
  await session.open();
  assert.equal(await session.openTerminal('free'), '[root@alpha ~]# ');
  const r = await session.typeLine('free', 'echo hi');
  assert.equal(r.result.output, 'hi\n');
  assert.deepEqual(await session.complete('free', 'kubectl g'), ['kubectl get pods -o wide']);
  assert.equal((await session.typeLine('free', 'exit')).depth, 0);
  client.dispose();
});
