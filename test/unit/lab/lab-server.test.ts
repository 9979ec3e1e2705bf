// The lab server in this process (sessions in a pool of two host processes on the simulator, as `podlab lab` runs
// them by default; the embedded database): the class life cycle, the dashboard's live updates, and what a learner
// must not be able to do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Lesson } from '../../../src/core/index.ts';
import { startLabServer, type LabServer } from '../../../src/node/lab/lab-server.ts';
import { SessionPool } from '../../../src/node/lab/session-pool.ts';
import { openStore, type LabStore } from '../../../src/node/lab/store.ts';
import { loadCatalog } from '../../../src/node/server/lesson-catalog.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { joinLab, labClient, type LabClient } from './lab-helpers.ts';
import { freshPgliteDir } from './pglite-template.ts';

const LESSON = new URL('../../../lessons/exercises/service-basics.md', import.meta.url).pathname;

describe('podlab lab server', { timeout: 600_000 }, () => {
  let dir: string;
  let store: LabStore;
  let server: LabServer;
  let code: string;
  let instructorToken: string;
  let otherLabLearnerToken: string;
  let lesson: Lesson;
  let pool: SessionPool;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-'));
    store = await openStore({ dataDir: await freshPgliteDir(dir) });
    lesson = learnerLesson((await loadCatalog([LESSON])).lessons[0]);
    const created = await store.createLab([lesson.id]);
    code = created.lab.code;
    instructorToken = created.instructorToken;
    const other = await store.createLab(['elsewhere']);
    otherLabLearnerToken = (await store.addLearner(other.lab.id, 'Mallory', 1)).token;
    pool = new SessionPool([{ id: lesson.id, lang: lesson.lang, file: lesson.file, source: lesson.source }], {
      size: 2,
      backend: 'simulator',
    });
    server = await startLabServer({
      store,
      lab: created.lab,
      lessons: [lesson],
      host: '127.0.0.1',
      port: 0,
      makeSession: pool.make,
      limits: { maxTerminals: 2, inputsPerMinute: 30, maxMessageBytes: 4096 },
    });
  });
  after(async () => {
    await server?.close();
    await pool?.close();
    await store?.close().catch(() => undefined); // the last test closed it already
    await rm(dir, { recursive: true, force: true });
  });

  async function learner(name: string): Promise<{ c: LabClient; token: string; learnerId: string }> {
    const j = await joinLab(server.url, code, name);
    assert.equal(j.status, 200, j.text);
    const c = await labClient(server.url, { type: 'learner', token: j.token });
    const welcome = await c.next((m) => m.type === 'lab-welcome');
    assert.equal(welcome.name, name);
    assert.equal((await c.request({ type: 'open', lessonId: lesson.id })).type, 'opened');
    assert.equal((await c.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
    return { c, token: j.token as string, learnerId: j.learnerId as string };
  }

  test('learners join, work, and the dashboard follows live; the instructor reads a transcript, hints, exports, resets', async () => {
    const dash = await labClient(server.url, { type: 'instructor', token: instructorToken });
    await dash.next((m) => m.type === 'dashboard');
    const ada = await learner('Ada');
    const bob = await learner('Bob');
    const line = await ada.c.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl run ada-probe --image=nginx' });
    assert.equal(line.type, 'terminal-result');
    assert.match(JSON.stringify(line), /pod\/ada-probe created/);
    const from = dash.messages.length;
    const all = await bob.c.request({ type: 'run-all' });
    assert.equal(all.type, 'outcomes');
    // The grid now holds Bob's check results (passed, or failed with a reason); Ada has none yet.
    const d = await dash.next(
      (m) =>
        m.type === 'dashboard' &&
        (m.learners as { name: string; checks: object }[]).some((l) => l.name === 'Bob' && Object.keys(l.checks).length > 0),
      from,
    );
    const rows = d.learners as { id: string; name: string; checks: Record<string, { passed: boolean; reason: string }> }[];
    const bobRow = rows.find((l) => l.name === 'Bob')!;
    for (const r of Object.values(bobRow.checks)) assert.ok(r.passed || r.reason.length > 0, 'a failed check says why');
    assert.deepEqual(rows.find((l) => l.name === 'Ada')!.checks, {});
    const t = await dash.request({ type: 'transcript', learnerId: ada.learnerId });
    assert.match(JSON.stringify(t), /kubectl run ada-probe/);
    const hint = await dash.request({ type: 'hint', learnerId: ada.learnerId, text: 'look at the Service selector' });
    assert.equal(hint.to, 1);
    assert.equal((await ada.c.next((m) => m.type === 'lab-hint')).text, 'look at the Service selector');
    const csv = await dash.request({ type: 'export', format: 'csv' });
    assert.match(String(csv.text), /^id,score,max,/);
    assert.match(String(csv.text), /\r\nAda-[0-9a-f]{8},0,/);
    assert.match(String(csv.text), /\r\nBob-[0-9a-f]{8},\d+,/);
    const json = await dash.request({ type: 'export', format: 'json' });
    assert.equal((JSON.parse(String(json.text)) as { students: unknown[] }).students.length, 2);
    assert.equal((await dash.request({ type: 'reset', learnerId: ada.learnerId })).type, 'reset-done');
    await ada.c.next((m) => m.type === 'lab-reset');
    assert.deepEqual((await dash.request({ type: 'transcript', learnerId: ada.learnerId })).entries, []);
    for (const c of [ada.c, bob.c, dash]) c.ws.close();
  });

  test('the instructor opens the lesson section by section; learners cannot run locked cells; JUnit export', async () => {
    const dash = await labClient(server.url, { type: 'instructor', token: instructorToken });
    const first = await dash.next((m) => m.type === 'dashboard');
    const sections = (first.lessons as { sections: { number: string }[] }[])[0].sections.map((x) => x.number);
    assert.ok(sections.length >= 2, 'the dashboard lists the lesson’s sections to open');
    const bad = await dash.request({ type: 'lock', lessonId: lesson.id, openThrough: '9.9' });
    assert.equal(bad.type, 'error');
    assert.match(String(bad.message), /"9\.9" is not a section of service-basics \(sections: /);
    // Open through the first section that has cells: a cell of a later section is refused, with the section named.
    const firstWithCells = lesson.sections.find((x) => lesson.cells.some((c) => c.section === x.number))!;
    const later = lesson.cells.find(
      (c) => lesson.sections.findIndex((x) => x.number === c.section) > lesson.sections.indexOf(firstWithCells),
    )!;
    const open = lesson.cells.find((c) => c.section === firstWithCells.number)!;
    const zoe = await learner('Zoe');
    const locked = await dash.request({ type: 'lock', lessonId: lesson.id, openThrough: firstWithCells.number });
    assert.deepEqual(locked.locks, { [lesson.id]: firstWithCells.number });
    const note = await zoe.c.next((m) => m.type === 'lab-locks');
    assert.ok((note.locked as string[]).includes(later.id) && !(note.locked as string[]).includes(open.id), JSON.stringify(note));
    const refused = await zoe.c.request({ type: 'run-cell', cellId: later.id });
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'locked');
    const title = lesson.sections.find((x) => x.number === later.section)!.title;
    assert.equal(
      refused.message,
      `podlab lab: section ${later.section} “${title}” is locked by the instructor; it opens when the class gets there`,
    );
    assert.equal((await zoe.c.request({ type: 'run-cell', cellId: open.id })).type, 'cell-outcome');
    // "Run all" stops at the last open section instead of running past the lock.
    const all = await zoe.c.request({ type: 'run-all' });
    assert.equal(all.type, 'outcomes');
    const ran = (all.outcomes as { cellId: string }[]).map((o) => o.cellId);
    assert.ok(ran.includes(open.id) && !ran.includes(later.id), ran.join(' '));
    // A learner who arrives now sees the lock in the welcome; unlocking frees the cell.
    const yan = await joinLab(server.url, code, 'Yan');
    const yc = await labClient(server.url, { type: 'learner', token: yan.token });
    assert.ok(((await yc.next((m) => m.type === 'lab-welcome')).locked as string[]).includes(later.id));
    yc.ws.close();
    assert.deepEqual((await dash.request({ type: 'lock', lessonId: lesson.id })).locks, {});
    assert.deepEqual((await zoe.c.next((m) => m.type === 'lab-locks' && (m.locked as string[]).length === 0)).locked, []);
    assert.equal((await zoe.c.request({ type: 'run-cell', cellId: later.id })).type, 'cell-outcome');
    const junit = await dash.request({ type: 'export', format: 'junit' });
    assert.match(String(junit.text), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.match(String(junit.text), /<testsuite name="Zoe-[0-9a-f]{8}"/);
    assert.equal((await dash.request({ type: 'export', format: 'pdf' })).type, 'error');
    zoe.c.ws.close();
    dash.ws.close();
  });

  test('a learner cannot reach another learner: guessed or foreign tokens, messages naming another session', async () => {
    const eve = await learner('Eve');
    const carol = await learner('Carol');
    for (const token of ['guess', 'A'.repeat(43), otherLabLearnerToken, instructorToken]) {
      const c = await labClient(server.url, { type: 'learner', token });
      assert.equal((await c.closed).code, 4401, `token ${token.slice(0, 6)}… is refused`);
    }
    const asInstructor = await labClient(server.url, { type: 'instructor', token: eve.token });
    assert.equal((await asInstructor.closed).code, 4401);
    // Fields naming Carol's session are not part of the protocol: the line runs in Eve's own session.
    const r = await eve.c.request({
      type: 'terminal-line',
      terminalId: 't',
      line: 'kubectl run eve-was-here --image=nginx',
      sessionId: carol.learnerId,
      learnerId: carol.learnerId,
    });
    assert.notEqual(r.type, 'error');
    const mine = await carol.c.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pods' });
    assert.doesNotMatch(JSON.stringify(mine), /eve-was-here/);
    // The instructor's token is nowhere in what learners get.
    const page = await (await fetch(new URL('lab/join', server.url))).text();
    const script = await (await fetch(new URL('lab/learner.js', server.url))).text();
    for (const text of [page, script, JSON.stringify(eve.c.messages)]) assert.ok(!text.includes(instructorToken));
    eve.c.ws.close();
    carol.c.ws.close();
  });

  test('Host and Origin are checked; joins from another site are refused', async () => {
    await assert.rejects(labClient(server.url, undefined, { origin: 'http://evil.example' }), /403/);
    // fetch() keeps its own Host: node:http sends the rebinding page's.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('lab/join', server.url),
        { headers: { host: 'evil.example' } },
        (res) => (res.resume(), resolve(res.statusCode ?? 0)),
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 421);
    const j = await joinLab(server.url, code, 'Trudy', { origin: 'http://evil.example' });
    assert.equal(j.status, 403);
    assert.equal((await joinLab(server.url, 'WRONG', 'Trudy')).status, 404);
    assert.equal((await joinLab(server.url, code, '')).status, 400);
  });

  test('a request target the URL parser refuses (//[) is an unknown path, and the lab keeps serving', async () => {
    const u = new URL(server.url);
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: u.hostname, port: u.port, path, headers: { host: u.host } },
          (res) => (res.resume(), resolve(res.statusCode ?? 0)),
        );
        req.on('error', reject);
        req.end();
      });
    assert.equal(await raw('//['), 404);
    assert.equal((await fetch(new URL('lab/join', server.url))).status, 200, 'the lab still answers');
  });

  test('per-learner limits answer with a clear message; an oversized message closes only that socket', async () => {
    const dan = await learner('Dan');
    assert.equal((await dan.c.request({ type: 'terminal-open', terminalId: 'u' })).type, 'terminal-opened');
    const third = await dan.c.request({ type: 'terminal-open', terminalId: 'v' });
    assert.equal(third.code, 'input-limit');
    assert.match(String(third.message), /at most 2 terminals per learner/);
    const other = await learner('Fay');
    dan.c.ws.send('x'.repeat(8192));
    assert.equal((await dan.c.closed).code, 1009);
    assert.equal((await other.c.request({ type: 'terminal-line', terminalId: 't', line: 'echo still-here' })).type, 'terminal-result');
    other.c.ws.close();
  });

  test('inputs per minute are limited per learner, with a clear message; another learner is unaffected', async () => {
    const hal = await learner('Hal'); // open and terminal-open: 2 of the 30 inputs a minute
    const ivy = await learner('Ivy');
    // Sent at once, as a runaway page would: 28 more are taken, the rest refused without running.
    const replies = await Promise.all(
      Array.from({ length: 34 }, (_, i) => hal.c.request({ type: 'terminal-line', terminalId: 't', line: `echo burst-${i}` })),
    );
    const refused = replies.filter((r) => r.code === 'input-limit');
    assert.equal(replies.length - refused.length, 28);
    assert.equal(refused.length, 6);
    for (const r of refused) assert.equal(r.message, 'podlab lab: more than 30 inputs in a minute; slow down');
    assert.equal((await hal.c.request({ type: 'run-cell', cellId: lesson.cells[0].id })).code, 'input-limit', 'cells count too');
    // Reading is not an input: the learner may still look at the cluster.
    assert.equal((await hal.c.request({ type: 'view' })).type, 'view');
    assert.equal((await ivy.c.request({ type: 'terminal-line', terminalId: 't', line: 'echo mine' })).type, 'terminal-result');
    const dash = await labClient(server.url, { type: 'instructor', token: instructorToken });
    await dash.next((m) => m.type === 'dashboard');
    const t = await dash.request({ type: 'transcript', learnerId: hal.learnerId });
    assert.equal(
      (t.entries as { input: string }[]).filter((e) => e.input.startsWith('$ echo burst-')).length,
      28,
      'refused inputs did not run',
    );
    for (const c of [hal.c, ivy.c, dash]) c.ws.close();
  });

  test('the database lost mid-lab: inputs are refused with a message, not acknowledged', async () => {
    const gil = await learner('Gil');
    await store.close();
    const r = await gil.c.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pods' });
    assert.equal(r.type, 'error');
    assert.equal(r.code, 'db-unavailable');
    assert.match(String(r.message), /not saved and did not run/);
    gil.c.ws.close();
  });
});
