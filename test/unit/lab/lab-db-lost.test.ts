// The database lost mid-lab, on a real PostgreSQL server: the lab reaches it through a loopback TCP relay that the
// test cuts (every connection dropped, new ones refused) and restores. While it is cut, inputs are refused with a
// message, never acknowledged, and never run; joins are refused too. Once it is back — even after an outage longer
// than a lease — the learner goes on in the same session, and nothing refused shows up anywhere.
// Needs a PostgreSQL server (PODLAB_TEST_POSTGRES, as .ci/run starts one); the embedded database's equivalent (the
// database closed under the lab) is in lab-server.test.ts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from '../../../src/core/index.ts';
import { createBackend } from '../../../src/node/backends/index.ts';
import { startLabServer, type LabServer } from '../../../src/node/lab/lab-server.ts';
import { DB_UNAVAILABLE } from '../../../src/node/lab/learner-session.ts';
import { openStore, type LabStore } from '../../../src/node/lab/store.ts';
import { loadCatalog } from '../../../src/node/server/lesson-catalog.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { joinLab, labClient } from './lab-helpers.ts';

const LESSON = new URL('../../../lessons/exercises/service-basics.md', import.meta.url).pathname;
const POSTGRES = process.env.PODLAB_TEST_POSTGRES;
if (POSTGRES === undefined)
  console.log('# SKIPPED: the database lost mid-lab: set PODLAB_TEST_POSTGRES=postgres://… (.ci/run starts a server)');

/** A TCP relay to `target` on a loopback port of its own, that can be cut (all connections dropped) and restored. */
async function relay(target: URL): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    for (const c of sockets) c.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}

let cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

test(
  'PostgreSQL lost mid-lab: inputs and joins are refused with a message, not acknowledged; the lab goes on once it is back',
  { skip: POSTGRES === undefined ? 'no PostgreSQL server' : undefined, timeout: 300_000 },
  async () => {
    const { default: pg } = await import('pg');
    const name = `podlab_dblost_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanup.push(async () => {
      const c = new pg.Client({ connectionString: POSTGRES });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const target = new URL(POSTGRES!);
    const net = await relay(target);
    cleanup.push(() => net.close());
    const through = new URL(POSTGRES!);
    through.hostname = '127.0.0.1';
    through.port = String(net.port);
    through.pathname = `/${name}`;
    const dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-dblost-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const store: LabStore = await openStore({ db: through.href, dataDir: dir });
    cleanup.push(() => store.close());
    const lesson = learnerLesson((await loadCatalog([LESSON])).lessons[0]);
    const { lab, instructorToken } = await store.createLab([lesson.id]);
    const server: LabServer = await startLabServer({
      store,
      lab,
      lessons: [lesson],
      host: '127.0.0.1',
      port: 0,
      makeSession: (id, send) =>
        new Session(
          id,
          { lesson: (lessonId) => (lessonId === lesson.id ? lesson : undefined), backend: () => createBackend('simulator') },
          send,
        ),
      // A short lease, so that the outage below outlasts it.
      leaseMs: 1_000,
    });
    cleanup.push(() => server.close());

    const j = await joinLab(server.url, lab.code, 'Ada');
    assert.equal(j.status, 200, j.text);
    const ada = await labClient(server.url, { type: 'learner', token: j.token });
    await ada.next((m) => m.type === 'lab-welcome');
    assert.equal((await ada.request({ type: 'open', lessonId: lesson.id })).type, 'opened');
    assert.equal((await ada.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
    const line = (text: string) => ada.request({ type: 'terminal-line', terminalId: 't', line: text });
    assert.equal((await line('kubectl run before --image=nginx')).type, 'terminal-result');

    await net.cut();
    const refused = await line('kubectl run during --image=nginx');
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'db-unavailable');
    assert.equal(refused.message, DB_UNAVAILABLE);
    const cell = await ada.request({ type: 'run-cell', cellId: lesson.cells[0].id });
    assert.equal(cell.code, 'db-unavailable', 'a cell is refused too');
    const late = await joinLab(server.url, lab.code, 'Bob');
    assert.equal(late.status, 503);
    assert.equal(late.text, `${DB_UNAVAILABLE}\n`);
    // A page that (re)connects now is told why it cannot work, not left hanging.
    const again = await labClient(server.url, { type: 'learner', token: j.token });
    assert.deepEqual(await again.closed, { code: 1011, reason: DB_UNAVAILABLE });
    // The outage outlasts the lease: nobody else took the session, so it stays here.
    await new Promise((r) => setTimeout(r, 1_500));

    await net.restore();
    const after = await line('kubectl get pods -o name');
    assert.equal(after.type, 'terminal-result', JSON.stringify(after));
    const out = JSON.stringify(after);
    assert.match(out, /pod\/before/);
    assert.doesNotMatch(out, /pod\/during/, 'the refused input did not run');
    const dash = await labClient(server.url, { type: 'instructor', token: instructorToken });
    await dash.next((m) => m.type === 'dashboard');
    const t = await dash.request({ type: 'transcript', learnerId: j.learnerId });
    const inputs = (t.entries as { input: string }[]).map((e) => e.input);
    assert.deepEqual(
      inputs.filter((i) => i.startsWith('$ ')),
      ['$ kubectl run before --image=nginx', '$ kubectl get pods -o name'],
      'only what was stored is in the record',
    );
    assert.ok(!inputs.some((i) => i.startsWith('run cell')), inputs.join(' | '));
    // And what is stored is what a restart would replay: exactly the acknowledged inputs.
    const stored = await store.inputs(j.learnerId!, 0);
    assert.deepEqual(
      stored.map((s) => (JSON.parse(s) as { type: string; line?: string }).line ?? (JSON.parse(s) as { type: string }).type),
      ['open', 'terminal-open', 'kubectl run before --image=nginx', 'kubectl get pods -o name'],
    );
    ada.ws.close();
    dash.ws.close();
  },
);
