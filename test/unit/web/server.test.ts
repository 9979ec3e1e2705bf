// The podlab server: routes, headers, WebSocket sessions (protocol, resume, caps, origin) over the fake backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { startServer, type PodlabServer } from '../../../src/node/server/server.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { fakeLesson } from './helpers.ts';

const BUNDLE = new Map([['app.js', 'console.log("app")']]);

/** A socket that collects what it receives and answers `request` by id. */
async function connect(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  ws: WebSocket;
  messages: ServerMessage[];
  request(m: object): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}> {
  const ws = new WebSocket(url, { headers });
  const messages: ServerMessage[] = [];
  const waiters = new Map<number, (m: ServerMessage) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as ServerMessage;
    messages.push(m);
    if ('id' in m) waiters.get(m.id)?.(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  return {
    ws,
    messages,
    closed,
    request: (m) =>
      new Promise((resolve) => {
        const id = next++;
        waiters.set(id, resolve);
        ws.send(JSON.stringify({ ...m, id }));
      }),
  };
}

describe('podlab server', () => {
  let server: PodlabServer;
  let ws: string;
  before(async () => {
    server = await startServer({
      catalog: catalogOf([fakeLesson()]),
      host: '127.0.0.1',
      port: 0,
      backendName: 'fake',
      createBackend: () => new FakeBackend(),
      bundle: BUNDLE,
      limits: { maxSessions: 3, graceMs: 60_000 },
    });
    ws = server.url.replace('http:', 'ws:') + 'ws';
  });
  after(async () => server.close());

  const pages = [
    { path: '/', status: 200, has: '"mode":"served","root":"./"' },
    { path: '/lesson/web-fake/', status: 200, has: '"root":"../../","lessonId":"web-fake"' },
    { path: '/lesson/nope/', status: 404, has: 'not found' },
    { path: '/lessons.json', status: 200, has: '"id":"web-fake"' },
    { path: '/app.js', status: 200, has: 'console.log' },
    { path: '/worker.js', status: 404, has: 'not found' },
    { path: '/../etc/passwd', status: 404, has: 'not found' },
  ];
  for (const p of pages) {
    test(`GET ${p.path} → ${p.status}`, async () => {
      const res = await fetch(new URL(p.path, server.url));
      assert.equal(res.status, p.status);
      assert.ok((await res.text()).includes(p.has));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    });
  }

  test('a served lesson page carries its lesson (no lessons.json fetch) and no inline script: its CSP allows none', async () => {
    const page = await (await fetch(new URL('/lesson/web-fake/', server.url))).text();
    const inline = /<script type="application\/json" id="podlab-lessons">(.*?)<\/script>/.exec(page);
    assert.ok(inline, 'the lesson entries are in the page');
    const entries = (JSON.parse(inline[1]) as { lessons: { id: string; source: string }[] }).lessons;
    assert.deepEqual(
      entries.map((l) => l.id),
      ['web-fake'],
    );
    assert.match(entries[0].source, /# A lesson for page tests/);
    assert.equal(page.match(/<script(?! type="application\/json")[^>]*>/g)?.join(), '<script type="module" src="../../app.js">');
    const list = await (await fetch(server.url)).text();
    assert.doesNotMatch(list, /podlab-lessons/, 'the list fetches lessons.json');
  });

  test('only GET and HEAD', async () => {
    const res = await fetch(server.url, { method: 'POST', body: 'x' });
    assert.equal(res.status, 405);
  });

  test('a session runs a lesson over the socket and streams events', async () => {
    const c = await connect(ws);
    const opened = await c.request({ type: 'open', lessonId: 'web-fake', lang: 'en' });
    assert.equal(opened.type, 'opened');
    const all = await c.request({ type: 'run-all' });
    assert.equal(all.type, 'outcomes');
    if (all.type !== 'outcomes') return;
    assert.equal(all.outcomes.length, 4);
    assert.match(all.outcomes[1].output, /pod\/web created/);
    const events = c.messages.filter((m) => m.type === 'event');
    assert.ok(events.some((m) => m.type === 'event' && m.event.type === 'cell-output'));
    c.ws.close();
    await c.closed;
  });

  test('a reload resumes its session: the lesson stays open with its outcomes', async () => {
    const a = await connect(ws);
    const opened = await a.request({ type: 'open', lessonId: 'web-fake', lang: 'en', resume: true });
    assert.ok(opened.type === 'opened' && opened.outcomes === undefined);
    await a.request({ type: 'run-cell', cellId: (opened as Extract<ServerMessage, { type: 'opened' }>).cells[0] });
    a.ws.close();
    await a.closed;
    const b = await connect(`${ws}?resume=${(opened as Extract<ServerMessage, { type: 'opened' }>).sessionId}`);
    const again = await b.request({ type: 'open', lessonId: 'web-fake', lang: 'en', resume: true });
    assert.equal(again.type, 'opened');
    assert.equal((again as Extract<ServerMessage, { type: 'opened' }>).outcomes?.length, 1);
    b.ws.close();
    await b.closed;
  });

  test('garbage gets an error reply, not a crash', async () => {
    const c = await connect(ws);
    c.ws.send('{not json');
    c.ws.send(JSON.stringify({ type: 'rm -rf', id: 4 }));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      c.messages.map((m) => m.type === 'error' && m.id),
      [-1, 4],
    );
    c.ws.close();
    await c.closed;
  });

  test('an oversized message closes the socket', async () => {
    const c = await connect(ws);
    c.ws.send(JSON.stringify({ type: 'terminal-line', id: 1, terminalId: 't', line: 'x'.repeat(100_000) }));
    const { code } = await c.closed;
    assert.equal(code, 1009);
  });

  test('a page from another origin may not open a session', async () => {
    await assert.rejects(connect(ws, { origin: 'http://evil.example' }), /403/);
  });

  test('the host shell endpoint does not exist without --shell', async () => {
    await assert.rejects(connect(server.url.replace('http:', 'ws:') + 'pty'), /403/);
  });

  test('sessions are capped; a full server refuses with 1013', async () => {
    const open = [];
    for (let i = 0; i < server.hub.limits.maxSessions; i++) open.push(await connect(ws)); // each attached, none evictable
    const extra = await connect(ws);
    const { code } = await extra.closed;
    assert.equal(code, 1013);
    for (const c of open) c.ws.close();
  });
});

describe('session takeover', () => {
  test("a reload's socket may arrive before the old one closes: it takes the session over", async () => {
    const server = await startServer({
      catalog: catalogOf([fakeLesson()]),
      host: '127.0.0.1',
      port: 0,
      backendName: 'fake',
      createBackend: () => new FakeBackend(),
      bundle: BUNDLE,
    });
    try {
      const url = server.url.replace('http:', 'ws:') + 'ws';
      const a = await connect(url);
      const opened = (await a.request({ type: 'open', lessonId: 'web-fake', lang: 'en', resume: true })) as Extract<
        ServerMessage,
        { type: 'opened' }
      >;
      await a.request({ type: 'run-all' });
      const b = await connect(`${url}?resume=${opened.sessionId}`);
      assert.equal((await a.closed).code, 4000, 'the old socket is told why it was closed');
      const again = (await b.request({ type: 'open', lessonId: 'web-fake', lang: 'en', resume: true })) as Extract<
        ServerMessage,
        { type: 'opened' }
      >;
      assert.equal(again.sessionId, opened.sessionId);
      assert.equal(again.outcomes?.length, 4);
      assert.equal(server.hub.size, 1);
      b.ws.close();
    } finally {
      await server.close();
    }
  });
});
