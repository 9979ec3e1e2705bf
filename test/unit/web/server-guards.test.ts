// Safe network defaults and fair sharing of `podlab serve` (issue 9, findings 4 and 6): Host names (DNS rebinding),
// Origin on WebSockets, per-client session limits, LRU eviction only for a full server, protocol fields checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { checkClientMessage } from '../../../src/core/runtime/protocol-check.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { clientOf, hostAllowed } from '../../../src/node/server/request-guard.ts';
import type { IncomingMessage } from 'node:http';
import { startServer, type PodlabServer } from '../../../src/node/server/server.ts';
import { SessionHub, type HubSession } from '../../../src/node/server/session-hub.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { fakeLesson } from './helpers.ts';
import { connectClient } from './ws-client.ts';

/** GET with a chosen Host header (fetch does not let a test set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host names', () => {
  const policy = { bindHost: '127.0.0.1' };
  const cases: [string | undefined, boolean][] = [
    ['127.0.0.1:4173', true],
    ['localhost:4173', true],
    ['LOCALHOST', true],
    ['[::1]:4173', true],
    ['app.localhost:4173', true],
    ['192.168.1.20:4173', true], // an address: no DNS rebinding goes through it
    [undefined, true],
    ['rebind.evil.example:4173', false],
    ['localhost.evil.example', false],
    ['', false],
  ];
  for (const [host, ok] of cases)
    test(`${host ?? '(none)'} → ${ok ? 'accepted' : 'refused'}`, () => assert.equal(hostAllowed(host, policy), ok));
  test('--host and --public-url names are accepted', () => {
    assert.ok(hostAllowed('lab.internal:4173', { bindHost: 'lab.internal' }));
    assert.ok(hostAllowed('lab.example.org', { bindHost: '0.0.0.0', publicUrl: 'https://lab.example.org/' }));
    assert.ok(!hostAllowed('other.example.org', { bindHost: '0.0.0.0', publicUrl: 'https://lab.example.org/' }));
  });
});

test('the client of a request: its address; behind a proxy, the address the proxy forwarded', () => {
  const req = (xff?: string) =>
    ({
      headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
      socket: { remoteAddress: '127.0.0.1' },
    }) as unknown as IncomingMessage;
  assert.equal(clientOf(req('203.0.113.9')), '127.0.0.1', 'without --public-url the header is not trusted');
  assert.equal(clientOf(req('6.6.6.6, 203.0.113.9'), true), '203.0.113.9', 'the entry the proxy appended, not the client-sent one');
  assert.equal(clientOf(req(), true), '127.0.0.1');
});

describe('protocol messages are checked field by field', () => {
  const refused: [unknown, RegExp][] = [
    [
      { type: 'terminal-line', id: 3, terminalId: 't', line: 42 },
      /^field "line" of "terminal-line" must be a string of at most \d+ characters, not 42$/,
    ],
    [{ type: 'open', id: 3, lessonId: 'x', seed: 'abc' }, /^field "seed" of "open" must be an integer from 0 to 4294967295, not "abc"$/],
    [{ type: 'open', id: 3, lessonId: 'x', seed: 1.5 }, /field "seed"/],
    [{ type: 'reset', id: 3, seed: -1 }, /field "seed" of "reset"/],
    [{ type: 'open', id: 1e999, lessonId: 'x' }, /^field "id" must be an integer from 0 to 2147483647, not Infinity$/],
    [{ type: 'view', id: 2 ** 40 }, /field "id"/],
    [{ type: 'terminal-complete', id: 3, terminalId: 't' }, /^"terminal-complete" needs field "partial"$/],
    [{ type: 'run-all', id: 3, answers: { a: 1 } }, /field "answers" of "run-all"/],
    [{ type: 'run-all', id: 3, answers: [] }, /field "answers"/],
    [{ type: 'terminal-open', id: 3, terminalId: 't', where: { kind: 'pod' } }, /field "where" of "terminal-open"/],
    [{ type: 'terminal-open', id: 3, terminalId: 't', where: { kind: 'toString' } }, /field "where"/],
    [{ type: 'open', id: 3, lessonId: 'x'.repeat(1000) }, /field "lessonId"/],
    [{ type: '__proto__', id: 3 }, /^field "type" must be one of/],
    [[1, 2], /JSON object/],
  ];
  for (const [value, message] of refused) {
    test(`refused: ${JSON.stringify(value).slice(0, 70)}`, () => {
      const r = checkClientMessage(value);
      assert.ok(!r.ok);
      if (!r.ok) assert.match(r.error, message);
    });
  }
  test('well-formed messages pass unchanged', () => {
    for (const m of [
      { type: 'open', id: 1, lessonId: 'x', lang: 'en', seed: 7, resume: true },
      { type: 'terminal-open', id: 2, terminalId: 't', where: { kind: 'pod', pod: 'web', container: 'c' } },
      { type: 'run-all', id: 3, answers: { '1-1': 'echo hi' } },
      { type: 'report', id: 0 },
    ])
      assert.deepEqual(checkClientMessage(m), { ok: true, message: m });
  });
});

describe('podlab serve on the network', () => {
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
      limits: { maxSessions: 6, maxPerClient: 2, graceMs: 60_000 },
    });
    ws = server.url.replace('http:', 'ws:') + 'ws';
  });
  after(async () => server.close());

  test('a request under a rebinding name is refused with 421; loopback names are served', async () => {
    assert.equal(await getWithHost(server.url, 'rebind.evil.example'), 421);
    assert.equal(await getWithHost(server.url, `localhost:${server.port}`), 200);
  });

  test('a WebSocket under a rebinding name is refused, even with a matching Origin', async () => {
    await assert.rejects(connectClient(ws, { host: 'rebind.evil.example', origin: 'http://rebind.evil.example' }), /421/);
  });

  test('a WebSocket from a page of another origin (or "null") is refused', async () => {
    await assert.rejects(connectClient(ws, { origin: 'http://evil.example' }), /403/);
    await assert.rejects(connectClient(ws, { origin: 'null' }), /403/);
    const own = await connectClient(ws, { origin: server.url.replace(/\/$/, '') });
    own.ws.close();
    await own.closed;
  });

  test('a bad field gets a usage error naming it, never raw JS text', async () => {
    const c = await connectClient(ws);
    const r = await c.request({ type: 'terminal-line', terminalId: 't', line: 42 });
    assert.ok(r.type === 'error' && r.code === 'usage' && /field "line"/.test(r.message), JSON.stringify(r));
    c.ws.send(JSON.stringify({ type: 'open', id: 1e999, lessonId: 'web-fake' }));
    c.ws.send(JSON.stringify({ type: 'open', id: 5, lessonId: 'web-fake', seed: 'abc' }));
    await new Promise((r) => setTimeout(r, 100));
    const errors = c.messages.filter((m) => m.type === 'error');
    assert.deepEqual(
      errors.map((m) => m.type === 'error' && [m.id, m.code]),
      [
        [1, 'usage'],
        [-1, 'usage'],
        [5, 'usage'],
      ],
    );
    assert.ok(errors.every((m) => m.type === 'error' && !/is not a function|undefined|TypeError/.test(m.message)));
    c.ws.close();
    await c.closed;
  });

  test('one client cannot take every slot: its own limit refuses it, others still get sessions', async () => {
    const mine = [await connectClient(ws), await connectClient(ws)];
    const third = await connectClient(ws);
    const { code, reason } = await third.closed;
    assert.equal(code, 1013);
    assert.match(reason, /at most 2 sessions per address/);
    for (const c of mine) {
      c.ws.close();
      await c.closed;
    }
  });
});

describe('eviction of detached sessions', () => {
  function hub(maxSessions: number, maxPerClient: number) {
    const disposed: string[] = [];
    const h = new SessionHub(
      (id) => ({ id, handle: async () => undefined, dispose: async () => void disposed.push(id) }) satisfies HubSession,
      { maxSessions, maxPerClient, graceMs: 60_000 },
    );
    return { h, disposed };
  }
  const sink = () => undefined;

  test('a detached session is kept while the server has room', () => {
    const { h, disposed } = hub(4, 4);
    const a = h.attach(undefined, 'A', sink) as HubSession;
    h.detach(a, sink);
    h.attach(undefined, 'B', sink);
    assert.deepEqual(disposed, []);
    assert.equal(h.size, 2);
  });

  test('a full server evicts the least recently used detached session, not the oldest', () => {
    const { h, disposed } = hub(3, 2);
    const a1 = h.attach(undefined, 'A', sink) as HubSession;
    const a2 = h.attach(undefined, 'A', sink) as HubSession;
    const b1 = h.attach(undefined, 'B', sink) as HubSession;
    h.detach(a1, sink);
    h.detach(b1, sink);
    h.touch(a1); // a1 was detached but used later than b1
    h.detach(a2, sink);
    h.touch(a2);
    const c = h.attach(undefined, 'C', sink);
    assert.equal(typeof c, 'object');
    assert.deepEqual(disposed, [b1.id]);
  });

  test('a full server whose sessions are all attached refuses', () => {
    const { h } = hub(2, 2);
    h.attach(undefined, 'A', sink);
    h.attach(undefined, 'B', sink);
    assert.equal(h.attach(undefined, 'C', sink), 'server-full');
  });

  test("a client at its limit reuses its own detached slot, never another client's", () => {
    const { h, disposed } = hub(10, 2);
    const b = h.attach(undefined, 'B', sink) as HubSession;
    h.detach(b, sink);
    const a1 = h.attach(undefined, 'A', sink) as HubSession;
    h.attach(undefined, 'A', sink);
    assert.equal(h.attach(undefined, 'A', sink), 'client-full');
    h.detach(a1, sink);
    assert.equal(typeof h.attach(undefined, 'A', sink), 'object');
    assert.deepEqual(disposed, [a1.id]);
  });
});
