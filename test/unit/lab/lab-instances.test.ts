// Past one machine: two `podlab lab` instances share one PostgreSQL database. A learner's session lives on one
// instance at a time (a lease in the database); while its holder renews the lease, another instance refuses to run it
// (close 4409); when the holder is killed with SIGKILL, the other instance takes the session over by replay, and the
// learner finds every acknowledged input. Needs a PostgreSQL server (PODLAB_TEST_POSTGRES, as .ci/run starts one).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { joinLab, labClient, startLabProcess } from './lab-helpers.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const LESSON = path.join(ROOT, 'lessons/exercises/service-basics.md');
const POSTGRES = process.env.PODLAB_TEST_POSTGRES;
const children: ChildProcess[] = [];
let dropDb: (() => Promise<void>) | undefined;
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await dropDb?.();
});

if (POSTGRES === undefined)
  console.log('# SKIPPED: two lab instances on one PostgreSQL: set PODLAB_TEST_POSTGRES=postgres://… (.ci/run starts a server)');

/** A database of its own for this test, on the server PODLAB_TEST_POSTGRES names. */
async function freshDatabase(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `podlab_instances_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropDb = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

test(
  'two instances, one database: a session lives on one instance; the other takes it over by replay when its holder is killed',
  { skip: POSTGRES === undefined ? 'no PostgreSQL server' : undefined, timeout: 600_000 },
  async () => {
    const db = await freshDatabase(POSTGRES!);
    const lease = ['--db', db, '--lease-seconds', '2'];
    const a = await startLabProcess(LESSON, lease, children);
    assert.ok(a.instructor, 'the first instance prints the instructor link');
    const b = await startLabProcess(LESSON, [...lease, '--replica'], children);
    assert.equal(b.code, a.code, 'the replica serves the same lab');
    assert.equal(b.instructor, undefined, 'a replica keeps the first instance’s instructor link');

    const j = await joinLab(a.base, a.code, 'Ada');
    assert.equal(j.status, 200, j.text);
    const onA = await labClient(a.base, { type: 'learner', token: j.token });
    await onA.next((m) => m.type === 'lab-welcome');
    assert.equal((await onA.request({ type: 'open', lessonId: 'service-basics' })).type, 'opened');
    assert.equal((await onA.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
    const lines = ['kubectl run moved --image=nginx', 'echo kept > /root/exercise/note.txt'];
    for (const line of lines)
      assert.equal((await onA.request({ type: 'terminal-line', terminalId: 't', line })).type, 'terminal-result', line);

    // While A renews its lease, B does not run the session (it would fork the learner's cluster).
    const early = await labClient(b.base, { type: 'learner', token: j.token });
    const refused = await early.closed;
    assert.equal(refused.code, 4409, refused.reason);
    assert.match(refused.reason, /live on another instance/);

    // The instructor's link works on the replica: the dashboard is the lab's, from the database.
    const dash = await labClient(b.base, { type: 'instructor', token: a.instructor });
    const d = await dash.next((m) => m.type === 'dashboard');
    assert.deepEqual(
      (d.learners as { name: string }[]).map((l) => l.name),
      ['Ada'],
    );
    dash.ws.close();

    a.child.kill('SIGKILL');
    await onA.closed;
    // The learner's page reconnects through the proxy, now to B: B waits for A's lease to lapse, then replays.
    const onB = await labClient(b.base, { type: 'learner', token: j.token });
    const welcome = await onB.next((m) => m.type === 'lab-welcome');
    assert.equal(welcome.lessonId, 'service-basics');
    const transcript = welcome.transcript as { input: string; output: string }[];
    assert.deepEqual(
      transcript.filter((e) => e.input.startsWith('$ ')).map((e) => e.input.slice(2)),
      lines,
      'every input A acknowledged is there, in order',
    );
    const pods = await onB.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pod moved -o name' });
    assert.match(JSON.stringify(pods), /pod\/moved/);
    const note = await onB.request({ type: 'terminal-line', terminalId: 't', line: 'cat /root/exercise/note.txt' });
    assert.match(JSON.stringify(note), /kept/);
    onB.ws.close();
    b.child.kill('SIGTERM');
  },
);
