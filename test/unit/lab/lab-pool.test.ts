// Sessions that share host processes (`podlab lab`'s default): learners' sessions are spread over the pool's hosts; a
// line that runs past the watchdog's budget kills its host, and the lab rebuilds every session that lived there on a
// fresh host by replaying its stored inputs. The other learner on that host finds cluster, transcript and progress as
// they were; the offender is told, and the line is recorded as stopped: neither the rebuild nor a restart replays it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Lesson } from '../../../src/core/index.ts';
import { startLabServer, type LabServer } from '../../../src/node/lab/lab-server.ts';
import { SessionPool } from '../../../src/node/lab/session-pool.ts';
import { openStore, type LabRow, type LabStore } from '../../../src/node/lab/store.ts';
import { loadCatalog } from '../../../src/node/server/lesson-catalog.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { joinLab, labClient, type LabClient } from './lab-helpers.ts';
import { freshPgliteDir } from './pglite-template.ts';

const LESSON = new URL('../../../lessons/exercises/service-basics.md', import.meta.url).pathname;
const backendModule = new URL('./runaway-sim-backend.ts', import.meta.url).href;
/** Long enough for an ordinary line on a busy machine; `spin` never ends, so only this stops it. */
const BUDGET_MS = 15_000;
/** The heap limit of a host: room for a few sessions, not for `big`'s 800 MB array. */
const HOST_MEMORY_MB = 384;

test('placement: a new session goes to the least-loaded host; a disposed one frees its place', async () => {
  const pool = new SessionPool([], { size: 3, backend: 'simulator' });
  const sessions = Array.from({ length: 7 }, (_, i) => pool.make(`s${i}`, () => undefined));
  assert.deepEqual(
    pool.stats().hosts.map((h) => h.sessions),
    [3, 2, 2],
  );
  await sessions[0].dispose();
  await sessions[3].dispose();
  assert.deepEqual(
    pool.stats().hosts.map((h) => h.sessions),
    [1, 2, 2],
  );
  pool.make('s7', () => undefined);
  assert.deepEqual(
    pool.stats().hosts.map((h) => h.sessions),
    [2, 2, 2],
  );
  // No message was sent: no host process was started.
  assert.deepEqual(
    pool.stats().hosts.map((h) => h.started),
    [0, 0, 0],
  );
  await pool.close();
});

describe('a runaway line in a shared host', { timeout: 600_000 }, () => {
  let dir: string;
  let store: LabStore;
  let lab: LabRow;
  let instructorToken: string;
  let lesson: Lesson;
  const running: { server: LabServer; pool: SessionPool }[] = [];

  async function start(): Promise<{ server: LabServer; pool: SessionPool }> {
    const texts = [{ id: lesson.id, lang: lesson.lang, file: lesson.file, source: lesson.source }];
    // One host: both learners' sessions live in the same process.
    const pool = new SessionPool(texts, {
      size: 1,
      backend: 'simulator',
      backendModule,
      messageBudgetMs: BUDGET_MS,
      memoryMb: HOST_MEMORY_MB,
    });
    const server = await startLabServer({ store, lab, lessons: [lesson], host: '127.0.0.1', port: 0, makeSession: pool.make });
    running.push({ server, pool });
    return { server, pool };
  }

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-pool-'));
    store = await openStore({ dataDir: await freshPgliteDir(dir) });
    lesson = learnerLesson((await loadCatalog([LESSON])).lessons[0]);
    ({ lab, instructorToken } = await store.createLab([lesson.id]));
  });
  after(async () => {
    for (const r of running) {
      await r.server.close();
      await r.pool.close();
    }
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function connect(server: LabServer, token: string): Promise<{ c: LabClient; welcome: Record<string, unknown> }> {
    const c = await labClient(server.url, { type: 'learner', token });
    return { c, welcome: await c.next((m) => m.type === 'lab-welcome') };
  }
  const line = (c: LabClient, text: string) => c.request({ type: 'terminal-line', terminalId: 't', line: text });
  const output = (m: Record<string, unknown>) => (m as { result?: { output?: string } }).result?.output ?? JSON.stringify(m);

  test('the other learner keeps cluster, transcript and progress; the offender is told; the line is never replayed', async () => {
    const { server, pool } = await start();
    const tokens: Record<string, string> = {};
    const clients: Record<string, LabClient> = {};
    for (const name of ['Ada', 'Bob']) {
      const j = await joinLab(server.url, lab.code, name);
      assert.equal(j.status, 200, j.text);
      tokens[name] = j.token!;
      clients[name] = (await connect(server, j.token!)).c;
      assert.equal((await clients[name].request({ type: 'open', lessonId: lesson.id })).type, 'opened');
      assert.equal((await clients[name].request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
    }
    const { Ada: ada, Bob: bob } = clients;
    assert.match(output(await line(ada, 'kubectl run ada-pod --image=nginx')), /pod\/ada-pod created/);
    assert.match(output(await line(bob, 'kubectl run bob-pod --image=nginx')), /pod\/bob-pod created/);
    const checked = lesson.cells.find((c) => c.expectations.length > 0)!;
    const cell = await bob.request({ type: 'run-cell', cellId: checked.id });
    assert.equal(cell.type, 'cell-outcome');
    assert.deepEqual(
      pool.stats().hosts.map((h) => [h.sessions, h.started]),
      [[2, 1]],
      'both sessions live on the one host',
    );

    // Ada's line never ends; Bob's line waits behind it on the same host.
    const spin = line(ada, 'spin');
    const bobs = line(bob, 'kubectl get pods -o name');
    const stopped = await spin;
    assert.equal(stopped.type, 'error', JSON.stringify(stopped));
    assert.equal(stopped.code, 'session-stopped');
    assert.equal(
      stopped.message,
      `stopped: this line used too much time/memory (it ran longer than ${BUDGET_MS / 1000} s); the lab rebuilt your session without it (everything before it is as it was)`,
    );
    // Bob's line ran after a pause, on the rebuilt host, against his cluster as it was.
    const after = await bobs;
    assert.equal(after.type, 'terminal-result', JSON.stringify(after));
    assert.match(output(after), /pod\/bob-pod/);
    assert.doesNotMatch(output(after), /ada-pod/);
    assert.deepEqual(
      pool.stats().hosts.map((h) => [h.sessions, h.started]),
      [[2, 2]],
      'a fresh host holds both rebuilt sessions',
    );

    // Ada goes on without a reset: her earlier work is there.
    assert.match(output(await line(ada, 'kubectl get pods -o name')), /pod\/ada-pod/);
    assert.match(output(await line(bob, 'kubectl get pod bob-pod -o name')), /pod\/bob-pod/);

    // The transcripts: Ada's says the line was stopped; Bob's has every input once, in order.
    const dash = await labClient(server.url, { type: 'instructor', token: instructorToken });
    const grid = await dash.next((m) => m.type === 'dashboard');
    const learners = grid.learners as { id: string; name: string; checks: object }[];
    const id = (name: string) => learners.find((l) => l.name === name)!.id;
    assert.ok(Object.keys(learners.find((l) => l.name === 'Bob')!.checks).length > 0, "Bob's progress is on the grid");
    const adaT = (await dash.request({ type: 'transcript', learnerId: id('Ada') })).entries as { input: string; output: string }[];
    const spun = adaT.find((e) => e.input === '$ spin');
    assert.equal(spun?.output, `error: ${String(stopped.message)}\n`);
    const bobT = (await dash.request({ type: 'transcript', learnerId: id('Bob') })).entries as { input: string; output: string }[];
    assert.deepEqual(
      bobT.map((e) => e.input),
      [
        `open ${lesson.id}`,
        'terminal-open',
        '$ kubectl run bob-pod --image=nginx',
        `run cell ${checked.id}`,
        '$ kubectl get pods -o name',
        '$ kubectl get pod bob-pod -o name',
      ],
    );
    // The database keeps the line, marked as stopped.
    const log = await store.replayLog(id('Ada'), 0);
    assert.deepEqual(
      log.filter((i) => i.stopped !== null).map((i) => JSON.parse(i.message).line),
      ['spin'],
    );

    // A host that runs out of memory is the same story: the one whose line it ran is told, the other rebuilt.
    const big = await line(bob, 'big');
    assert.equal(big.code, 'session-stopped', JSON.stringify(big));
    assert.match(
      String(big.message),
      new RegExp(`it needed more than ${HOST_MEMORY_MB} MB shared with other learners.*rebuilt your session`),
    );
    assert.match(output(await line(ada, 'kubectl get pods -o name')), /pod\/ada-pod/);
    assert.match(output(await line(bob, 'kubectl get pods -o name')), /pod\/bob-pod/);
    assert.equal(pool.stats().hosts[0].started, 3);
    const adaFinal = (await dash.request({ type: 'transcript', learnerId: id('Ada') })).entries as { input: string }[];
    for (const c of [ada, bob, dash]) c.ws.close();

    // A restart replays both learners from the database: the stopped line is skipped, so no host is killed.
    await server.close();
    await pool.close();
    const second = await start();
    const again = await connect(second.server, tokens.Ada);
    const transcript = again.welcome.transcript as { input: string; output: string }[];
    assert.deepEqual(
      transcript.map((e) => e.input),
      adaFinal.map((e) => e.input),
    );
    assert.equal(transcript.find((e) => e.input === '$ spin')?.output, `error: ${String(stopped.message)}\n`);
    assert.match(output(await line(again.c, 'kubectl get pods -o name')), /pod\/ada-pod/);
    const bobAgain = await connect(second.server, tokens.Bob);
    assert.match(
      (bobAgain.welcome.transcript as { input: string; output: string }[]).find((e) => e.input === '$ big')!.output,
      /^error: stopped: /,
    );
    assert.match(output(await line(bobAgain.c, 'kubectl get pods -o name')), /pod\/bob-pod/);
    assert.deepEqual(
      second.pool.stats().hosts.map((h) => [h.sessions, h.started]),
      [[2, 1]],
      'the replays killed no host',
    );
    again.c.ws.close();
    bobAgain.c.ws.close();
  });
});
