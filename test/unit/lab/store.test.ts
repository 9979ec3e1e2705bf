// The lab store on the embedded database (PGlite) and, when one is reachable, on a PostgreSQL server: the same suite.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LeaseLost, migrate, openStore, type LabStore } from '../../../src/node/lab/store.ts';
import { MIGRATIONS } from '../../../src/node/lab/schema.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'podlab-lab-'));
  dirs.push(d);
  return d;
}

/** A PostgreSQL server for the tests: PODLAB_TEST_POSTGRES, else none (those tests skip and say why). */
const POSTGRES = process.env.PODLAB_TEST_POSTGRES;

function suite(name: string, open: () => Promise<LabStore>, skip?: string): void {
  describe(`lab store on ${name}`, { skip, timeout: 60_000 }, () => {
    test('inputs come back in order, per learner and epoch; tokens are scoped to their lab', async () => {
      const store = await open();
      try {
        const { lab, instructorToken } = await store.createLab(['a', 'b']);
        const { lab: other } = await store.createLab(['c']);
        assert.equal((await store.labByInstructorToken(instructorToken))?.id, lab.id);
        assert.equal((await store.labByCode(lab.code.toLowerCase()))?.id, lab.id);
        const { learner: ada, token } = await store.addLearner(lab.id, 'Ada', 7);
        const { learner: bob } = await store.addLearner(lab.id, 'Bob', 8);
        assert.ok(Buffer.from(token, 'base64url').length >= 16, 'a learner token carries at least 128 bits');
        assert.equal((await store.learnerByToken(lab.id, token))?.id, ada.id);
        assert.equal(await store.learnerByToken(other.id, token), undefined, "another lab's token finds nobody");
        for (const m of ['one', 'two', 'three']) await store.appendInput(ada.id, 0, m);
        await store.appendInput(bob.id, 0, 'bob');
        assert.deepEqual(await store.inputs(ada.id, 0), ['one', 'two', 'three']);
        assert.deepEqual(await store.inputs(bob.id, 0), ['bob']);
        // Writes are counted (podlab lab reports them; the load bench divides them by time): an input is two.
        const writes = store.writes;
        await store.appendInput(bob.id, 0, 'bob again');
        await store.inputs(bob.id, 0);
        assert.equal(store.writes, writes + 2);
        await store.recordOutcome(ada.id, 'a', 'c1', '{}', [{ id: 'k', passed: false, reason: 'refused' }]);
        await store.recordOutcome(ada.id, 'a', 'c1', '{}', [{ id: 'k', passed: false, reason: 'timeout' }]);
        assert.deepEqual(
          (await store.checkResults(lab.id)).map((r) => [r.checkId, r.passed, r.reason, r.failures]),
          [['k', false, 'timeout', 2]],
        );
        assert.equal(await store.resetLearner(ada.id), 1);
        assert.deepEqual(await store.inputs(ada.id, 1), []);
        assert.deepEqual(await store.checkResults(lab.id), []);
        assert.deepEqual(await migrate(store.driver), [], 'migrations apply once');
      } finally {
        await store.close();
      }
    });

    test('a lease keeps a session on one instance; a lapsed one is taken over, and the old holder can no longer write', async () => {
      const store = await open();
      try {
        const { lab } = await store.createLab(['lease-' + Math.random()]);
        const { learner } = await store.addLearner(lab.id, 'Ada', 1);
        assert.deepEqual(await store.acquireLease(learner.id, 'A', 60_000), { granted: true });
        assert.deepEqual(await store.acquireLease(learner.id, 'A', 60_000), { granted: true }, 'the holder renews');
        const refused = await store.acquireLease(learner.id, 'B', 60_000);
        assert.equal(refused.granted, false);
        assert.ok(!refused.granted && refused.leftMs > 50_000 && refused.leftMs <= 60_000, JSON.stringify(refused));
        assert.equal(await store.appendInput(learner.id, 0, 'from A', 'A'), 1);
        // A lapsed lease nobody took over (the database was out longer than a lease) still lets its holder write.
        await store.acquireLease(learner.id, 'A', 1);
        await new Promise((r) => setTimeout(r, 20));
        assert.equal(await store.appendInput(learner.id, 0, 'A after an outage', 'A'), 2);
        assert.deepEqual(await store.acquireLease(learner.id, 'A', 60_000), { granted: true });
        await assert.rejects(store.appendInput(learner.id, 0, 'from B', 'B'), LeaseLost, 'a non-holder cannot append');
        assert.deepEqual([...(await store.renewLeases('A', 60_000))], [learner.id]);
        // A stops renewing (killed): a short lease lapses and B takes the session over.
        await store.acquireLease(learner.id, 'A', 1);
        await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(await store.acquireLease(learner.id, 'B', 60_000), { granted: true });
        assert.deepEqual([...(await store.renewLeases('A', 60_000))], [], 'A learns it lost the session');
        await assert.rejects(store.appendInput(learner.id, 0, 'late A', 'A'), LeaseLost, 'the old holder is fenced off');
        assert.equal(await store.appendInput(learner.id, 0, 'from B', 'B'), 3);
        assert.deepEqual(await store.inputs(learner.id, 0), ['from A', 'A after an outage', 'from B']);
        await store.releaseLeases('B');
        assert.deepEqual(await store.acquireLease(learner.id, 'C', 60_000), { granted: true }, 'a released lease is free at once');
      } finally {
        await store.close();
      }
    });

    test('section locks are per lab and lesson, replaced in place and removed to open everything', async () => {
      const store = await open();
      try {
        const { lab } = await store.createLab(['locks-' + Math.random()]);
        const { lab: other } = await store.createLab(['locks-' + Math.random()]);
        assert.deepEqual(await store.locks(lab.id), {});
        await store.setLock(lab.id, 'intro', '1');
        await store.setLock(lab.id, 'intro', '2');
        await store.setLock(lab.id, 'service', '1.2');
        await store.setLock(other.id, 'intro', '3');
        assert.deepEqual(await store.locks(lab.id), { intro: '2', service: '1.2' });
        await store.setLock(lab.id, 'intro', undefined);
        assert.deepEqual(await store.locks(lab.id), { service: '1.2' });
        assert.deepEqual(await store.locks(other.id), { intro: '3' });
      } finally {
        await store.close();
      }
    });
  });
}

const dataDir = await tmp();
suite('PGlite (embedded)', () => openStore({ dataDir }));
if (POSTGRES === undefined)
  console.log('# SKIPPED: lab store on PostgreSQL: set PODLAB_TEST_POSTGRES=postgres://… to run it against a real server');
suite(
  'PostgreSQL',
  () => openStore({ db: POSTGRES, dataDir }),
  POSTGRES === undefined ? 'no PostgreSQL server: set PODLAB_TEST_POSTGRES=postgres://…' : undefined,
);

test('a database that cannot be reached is a clear error, not a stack trace', async () => {
  await assert.rejects(
    openStore({ db: 'postgres://nobody@127.0.0.1:1/none', dataDir }),
    /cannot open the PostgreSQL database at postgres:\/\/nobody@127\.0\.0\.1:1\/none/,
  );
  await assert.rejects(openStore({ db: 'mysql://x', dataDir }), /--db takes a postgres:\/\//);
});

test('migration versions are unique and ascending', () => {
  const v = MIGRATIONS.map((m) => m.version);
  assert.deepEqual(
    v,
    [...v].sort((a, b) => a - b),
  );
  assert.equal(new Set(v).size, v.length);
});
