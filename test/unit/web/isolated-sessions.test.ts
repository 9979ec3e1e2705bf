// Sessions that can be killed (issue 9, finding 1–2): each server session runs in its own worker process; a line
// that never ends or allocates without bound stops that session only, the others answer meanwhile, the server lives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { startServer, type PodlabServer } from '../../../src/node/server/server.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { fakeLesson } from './helpers.ts';
import { connectClient, type TestClient } from './ws-client.ts';

const backendModule = new URL('./runaway-backend.ts', import.meta.url).href;

async function learner(url: string): Promise<TestClient> {
  const c = await connectClient(url);
  assert.equal((await c.request({ type: 'open', lessonId: 'web-fake', lang: 'en' })).type, 'opened');
  assert.equal((await c.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
  return c;
}

describe('isolated sessions', { timeout: 120_000 }, () => {
  let server: PodlabServer;
  let ws: string;
  before(async () => {
    server = await startServer({
      catalog: catalogOf([fakeLesson()]),
      host: '127.0.0.1',
      port: 0,
      backendName: 'fake',
      createBackend: () => new FakeBackend(),
      bundle: new Map([['app.js', '']]),
      isolation: { backend: 'fake', backendModule, messageBudgetMs: 10_000, memoryMb: 64 },
    });
    ws = server.url.replace('http:', 'ws:') + 'ws';
  });
  after(async () => server.close());

  for (const { line, why } of [
    { line: 'spin', why: /stopped: this line used too much time\/memory \(it ran longer than 10 s\)/ },
    { line: 'hog', why: /stopped: this line used too much time\/memory \(it needed more than 64 MB of memory\)/ },
    { line: 'big', why: /stopped: this line used too much time\/memory \(it needed more than 64 MB of memory\)/ },
  ]) {
    test(`"${line}" stops its session only; another session answers meanwhile; reset brings it back`, async () => {
      const a = await learner(ws);
      const b = await learner(ws);
      const order: string[] = [];
      const stopped = a.request({ type: 'terminal-line', terminalId: 't', line }).then((m) => (order.push('a-stopped'), m));
      // Session b is served while a's thread is busy: its answer comes before a is stopped.
      const answer = await b.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pods -o wide' });
      order.push('b-answered');
      assert.equal(answer.type, 'terminal-result');
      const m = await stopped;
      // Ordering is asserted where a budget keeps a stopping; memory may run out before b's round trip.
      if (line === 'spin') assert.deepEqual(order, ['b-answered', 'a-stopped']);
      assert.ok(m.type === 'error' && m.code === 'session-stopped', JSON.stringify(m));
      assert.match((m as Extract<ServerMessage, { type: 'error' }>).message, why);
      // Until a reset, the stopped session says so; a reset starts it afresh.
      const later = await a.request({ type: 'view' });
      assert.ok(later.type === 'error' && later.code === 'session-stopped' && /reset the lesson/.test(later.message));
      assert.equal((await a.request({ type: 'reset' })).type, 'reset-done');
      assert.equal((await a.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
      const again = await a.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pods -o wide' });
      assert.equal(again.type, 'terminal-result');
      const health = await fetch(new URL('/healthz', server.url));
      assert.equal(await health.text(), 'ok\n');
      a.ws.close();
      b.ws.close();
      await Promise.all([a.closed, b.closed]);
    });
  }
});

// The hostile lines of issue 9 (findings 1, 2 and 6) typed into one real simulator session: each is either answered
// (the simulated userland's own limits) or stopped (this server's); a second session answers meanwhile every time,
// and the server is alive after.
const HOSTILE = [
  's=a; for i in $(seq 1 26); do s=$s$s; done; v=${s//a/b}',
  's=a; for i in $(seq 1 10); do s=$s$s; done; v=${s//*a*a*a*a*b/x}',
  'printf "%0500000000d" 0 | wc -c',
  'seq 1 1000000 | tail -1',
  'f() { f; }; f',
  `echo ${'$('.repeat(3000)}${')'.repeat(3000)}`,
  'while true; do :; done',
];

describe('hostile lines on the real simulator', { timeout: 300_000 }, () => {
  let server: PodlabServer;
  let ws: string;
  before(async () => {
    server = await startServer({
      catalog: catalogOf([fakeLesson()]),
      host: '127.0.0.1',
      port: 0,
      backendName: 'simulator',
      createBackend: () => new FakeBackend(),
      bundle: new Map([['app.js', '']]),
      isolation: { backend: 'simulator', messageBudgetMs: 5_000, memoryMb: 256 },
    });
    ws = server.url.replace('http:', 'ws:') + 'ws';
  });
  after(async () => server.close());

  test('each line ends as an answer or a stop; the other session answers meanwhile; the server lives', async () => {
    const a = await learner(ws);
    const b = await learner(ws);
    for (const line of HOSTILE) {
      const pending = a.request({ type: 'terminal-line', terminalId: 't', line });
      const other = await b.request({ type: 'terminal-line', terminalId: 't', line: 'echo still-here' });
      assert.ok(
        other.type === 'terminal-result' && other.result.output.includes('still-here'),
        `${line}: ${JSON.stringify(other).slice(0, 200)}`,
      );
      const m = await pending;
      // An answer, an error reply (the simulated userland's messages are its own matter) or a stop: never silence.
      assert.ok(m.type === 'terminal-result' || m.type === 'error', `${line.slice(0, 60)}: ${JSON.stringify(m).slice(0, 300)}`);
      if (m.type === 'terminal-result') assert.doesNotMatch(m.result.output, /\n\s+at .*\.ts:\d+/, 'no stack trace reaches the learner');
      if (m.type === 'error' && m.code === 'session-stopped') {
        assert.equal((await a.request({ type: 'reset' })).type, 'reset-done');
        assert.equal((await a.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
      }
    }
    assert.equal(await (await fetch(new URL('/healthz', server.url))).text(), 'ok\n');
    a.ws.close();
    b.ws.close();
    await Promise.all([a.closed, b.closed]);
  });
});
