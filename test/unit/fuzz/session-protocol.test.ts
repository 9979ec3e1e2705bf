// Fuzzer: the session protocol of `podlab serve` as it runs by default (each session in its own worker process on
// the simulator). Random and mutated client messages — valid shapes with fields of the wrong type, range or size,
// unknown types, missing and extra fields, huge strings, deep nesting, JSON that is not an object, text that is
// not JSON, binary frames — sent on one socket, run after run. Invariants: every message is answered exactly once,
// with its id when it has a usable one (-1 otherwise), by the reply its type calls for or by a well-formed error
// whose code is a documented one and never `internal`, with no JavaScript text; the socket stays open; a second
// session answers after every run; the server answers /healthz. The HTTP side is fuzzed too: request targets
// WHATWG URL refuses must not take the server down.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { ERROR_CODES } from '../../../src/core/errors.ts';
import { MAX_LINE_CHARS, MAX_MESSAGE_ID } from '../../../src/core/runtime/protocol-check.ts';
import type { ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { MAX_MESSAGE_BYTES, startServer, type PodlabServer } from '../../../src/node/server/server.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { exerciseLesson, fakeLesson } from '../web/helpers.ts';
import { fuzzParams, STACK_TRACE } from './fuzz-runs.ts';

// ---- a client that keeps every message --------------------------------------------------------------------------

interface Client {
  ws: WebSocket;
  messages: ServerMessage[];
  closed?: { code: number; reason: string };
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const c: Client = { ws, messages: [] };
  ws.on('message', (d, isBinary) => {
    assert.ok(!isBinary, 'the server sent a binary frame');
    c.messages.push(JSON.parse(d.toString()) as ServerMessage);
  });
  ws.on('close', (code, reason) => (c.closed = { code, reason: reason.toString() }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return c;
}

/** Wait until `done` holds (checked as messages arrive), or fail with `what`. */
async function until(c: Client, done: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (c.closed) assert.fail(`the socket closed (${c.closed.code} ${c.closed.reason}) while waiting for ${what()}`);
    if (waited > ms) assert.fail(`no answer in ${ms / 1000} s: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---- frames -----------------------------------------------------------------------------------------------------

/** One frame the page sends: a JSON text made from `value`, raw text, or binary bytes. */
type Frame = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'binary'; bytes: Buffer };

const LESSONS = ['web-fake', 'web-exercise'];
const CELLS = ['1-1', '1-2', '2-1', '2-2', 'pod', 'apply', 'hello', 'after', 'nope'];
const TERMINALS = ['t1', 't2', 'x'];
const LINES = [
  'echo hi',
  'kubectl get pods -o wide',
  'kubectl apply -f web.yaml',
  'kubectl get nodes',
  'ls /',
  'cat /etc/hostname',
  'sh',
  'exit',
  'kubectl exec -it web -- sh',
  'ip route',
  'echo $((1/0))',
  'cat <<EOF',
  'EOF',
  '',
  '   ',
  '\u0000',
  '\u001b[A',
  '(',
  'x'.repeat(MAX_LINE_CHARS + 1),
];
const WHERE: unknown[] = [
  { kind: 'workstation' },
  { kind: 'node', node: 'beta' },
  { kind: 'node', node: 'nope' },
  { kind: 'pod', pod: 'web' },
  { kind: 'pod', pod: 'web', container: 'nope' },
  { kind: 'pod', pod: 'nope', namespace: 'kube-system' },
];
const ANSWERS = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
  'echo hello',
  'kind: [',
  '',
];

const lineArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 24 }) });

/** Well-formed messages of every type (without ids: the runner numbers them). */
const validMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      type: fc.constant('open'),
      lessonId: fc.constantFrom(...LESSONS, 'nope'),
      lang: fc.constantFrom('en', 'fr'),
      seed: fc.nat(),
      resume: fc.boolean(),
    },
    { requiredKeys: ['type', 'lessonId'] },
  ),
  fc.record(
    { type: fc.constant('run-cell'), cellId: fc.constantFrom(...CELLS), content: fc.constantFrom(...ANSWERS) },
    { requiredKeys: ['type', 'cellId'] },
  ),
  fc.record(
    {
      type: fc.constant('run-all'),
      untilSection: fc.constantFrom('1', '2', '9'),
      answers: fc.dictionary(fc.constantFrom(...CELLS), fc.constantFrom(...ANSWERS), { maxKeys: 2 }),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('answer'), cellId: fc.constantFrom(...CELLS), content: fc.constantFrom(...ANSWERS) }),
  fc.record({ type: fc.constant('reset'), seed: fc.nat() }, { requiredKeys: ['type'] }),
  fc.record(
    { type: fc.constant('terminal-open'), terminalId: fc.constantFrom(...TERMINALS), where: fc.constantFrom(...WHERE) },
    { requiredKeys: ['type', 'terminalId'] },
  ),
  fc.record({ type: fc.constant('terminal-line'), terminalId: fc.constantFrom(...TERMINALS), line: lineArb }),
  fc.record({
    type: fc.constant('terminal-complete'),
    terminalId: fc.constantFrom(...TERMINALS),
    partial: fc.constantFrom('kub', 'kubectl g', 'ls /e', '', '$(', '"'),
  }),
  fc.record({ type: fc.constant('terminal-close'), terminalId: fc.constantFrom(...TERMINALS) }),
  fc.constantFrom({ type: 'view' }, { type: 'matrix' }, { type: 'report' }),
);

/** Nested `depth` levels (small enough as text for the 64 KiB frame cap). */
const nested = (depth: number, array: boolean): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
};

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -0,
      2 ** 31,
      2 ** 53 + 1,
      '',
      'abc',
      '1',
      'x'.repeat(40_000),
      '\ud800',
      '\u0000',
      '__proto__',
      'constructor',
      'toString',
      [],
      [1, 2],
      {},
      { kind: 'pod' },
      { kind: 'toString' },
      { kind: 'node', node: 42 },
      { kind: 'workstation', extra: { deep: nested(50, false) } },
      JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
      nested(1000, true),
      nested(500, false),
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`c${i}`, 'echo'])),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const FIELDS = [
  'type',
  'id',
  'lessonId',
  'lang',
  'seed',
  'resume',
  'cellId',
  'content',
  'untilSection',
  'answers',
  'terminalId',
  'where',
  'line',
  'partial',
];

/** A valid message with a field replaced, deleted or added. */
const mutatedMessage = fc
  .tuple(
    validMessage,
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(oddValue, fc.constant(undefined))), { minLength: 1, maxLength: 2 }),
  )
  .map(([m, edits]) => {
    const out: Record<string, unknown> = { ...m };
    for (const [field, value] of edits) {
      if (value === undefined) delete out[field];
      else out[field] = value;
    }
    return out;
  });

const unknownType = fc
  .tuple(
    fc.constantFrom('nope', '', 'OPEN', 'open ', '__proto__', 'constructor', 'hasOwnProperty', 'event', 'error', 'opened'),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([type, extra]) => ({ type, extra }));

/** Ids a page must not use: the reply to such a message comes with id -1. */
const badId = fc.constantFrom<unknown>(-1, 1.5, 2 ** 31, MAX_MESSAGE_ID + 1, 1e308, '7', null, true, [], {}, 'NaN');

const rawFrame: fc.Arbitrary<Frame> = fc.oneof(
  fc.constantFrom<Frame>(
    { kind: 'text', text: '' },
    { kind: 'text', text: 'hello' },
    { kind: 'text', text: '{"type":"open",' },
    { kind: 'text', text: '{"type":"view","id":2000000001,"id":2000000002}' },
    { kind: 'text', text: '"open"' },
    { kind: 'text', text: '42' },
    { kind: 'text', text: 'null' },
    { kind: 'text', text: '[{"type":"view","id":2000000003}]' },
    { kind: 'text', text: '\ufeff{"type":"view","id":2000000004}' },
    { kind: 'text', text: '['.repeat(30_000) },
    { kind: 'text', text: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    { kind: 'text', text: `{"type":"view","id":2000000005,"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}` },
    { kind: 'binary', bytes: Buffer.from('{"type":"view","id":5}') },
    { kind: 'binary', bytes: Buffer.from([0xff, 0x00, 0xfe]) },
  ),
  fc.string({ maxLength: 40 }).map((text): Frame => ({ kind: 'text', text })),
  fc.uint8Array({ maxLength: 40 }).map((a): Frame => ({ kind: 'binary', bytes: Buffer.from(a) })),
);

/** One step of a run: the frame, and whether its id is the runner's (a fresh number) or its own (raw frames use ids
 * from 2,000,000,001 up, so that they never meet the runner's). */
type Step = { frame: Frame; numbered: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: validMessage.map((value): Step => ({ frame: { kind: 'json', value }, numbered: true })) },
  { weight: 4, arbitrary: mutatedMessage.map((value): Step => ({ frame: { kind: 'json', value }, numbered: true })) },
  { weight: 1, arbitrary: unknownType.map((value): Step => ({ frame: { kind: 'json', value }, numbered: true })) },
  {
    weight: 1,
    arbitrary: fc.tuple(validMessage, badId).map(([m, id]): Step => ({ frame: { kind: 'json', value: { ...m, id } }, numbered: false })),
  },
  { weight: 2, arbitrary: rawFrame.map((frame): Step => ({ frame, numbered: false })) },
);

/** A run: mostly it opens a lesson and a terminal first, so that later messages reach a live kernel. */
const run = fc
  .tuple(fc.boolean(), fc.constantFrom(...LESSONS), fc.array(step, { minLength: 1, maxLength: 6 }))
  .map(([prelude, lessonId, steps]) =>
    prelude
      ? [
          { frame: { kind: 'json', value: { type: 'open', lessonId } }, numbered: true } as Step,
          { frame: { kind: 'json', value: { type: 'terminal-open', terminalId: 't1' } }, numbered: true } as Step,
          ...steps,
        ]
      : steps,
  );

// ---- the invariants ---------------------------------------------------------------------------------------------

/** The reply each request type calls for (or an error). */
const REPLY: Record<string, string> = {
  open: 'opened',
  'run-cell': 'cell-outcome',
  'run-all': 'outcomes',
  answer: 'answer-saved',
  reset: 'reset-done',
  'terminal-open': 'terminal-opened',
  'terminal-line': 'terminal-result',
  'terminal-complete': 'terminal-completions',
  'terminal-close': 'terminal-closed',
  view: 'view',
  matrix: 'matrix',
  report: 'report',
};

function describeFrame(f: Frame): string {
  const text =
    f.kind === 'json' ? JSON.stringify(f.value) : f.kind === 'text' ? JSON.stringify(f.text) : `binary ${f.bytes.toString('hex')}`;
  return `${f.kind} ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

function checkError(m: Extract<ServerMessage, { type: 'error' }>, where: string): void {
  assert.ok(Object.hasOwn(ERROR_CODES, m.code), `undocumented error code ${m.code}: ${where}`);
  assert.notEqual(m.code, 'internal', `an internal error (${m.message}): ${where}`);
  assert.equal(typeof m.message, 'string', where);
  assert.ok(m.message.length > 0 && m.message.length < 2000, `error message of ${m.message.length} characters: ${where}`);
  assert.doesNotMatch(m.message, STACK_TRACE, where);
  // JavaScript values where a message meant to name one (a quoted "NaN" is the page's own value echoed)
  assert.doesNotMatch(m.message, /\[object Object\]|(?<!["'])\b(undefined|NaN)\b(?!["'])/, where);
}

let server: PodlabServer;
let url: string;
let fuzzed: Client;
let witness: Client;

async function witnessAnswers(): Promise<void> {
  const id = witness.messages.length + 1_000_000;
  witness.ws.send(JSON.stringify({ type: 'terminal-line', id, terminalId: 'w', line: 'echo alive' }));
  const reply = () => witness.messages.find((m) => 'id' in m && m.id === id);
  await until(
    witness,
    () => reply() !== undefined,
    () => 'the second session',
  );
  const m = reply() as ServerMessage;
  assert.ok(
    m.type === 'terminal-result' && m.result.output === 'alive\n',
    `the second session answered ${JSON.stringify(m).slice(0, 300)}`,
  );
}

async function healthz(): Promise<void> {
  const r = await fetch(new URL('/healthz', server.url));
  assert.equal(r.status, 200);
}

before(async () => {
  // As `podlab serve` runs the simulator: each session in a process of its own (the real session worker).
  server = await startServer({
    catalog: catalogOf([fakeLesson(), exerciseLesson()]),
    host: '127.0.0.1',
    port: 0,
    backendName: 'simulator',
    createBackend: () => new FakeBackend(),
    bundle: new Map([['app.js', '']]),
    isolation: { backend: 'simulator' },
  });
  url = server.url.replace('http:', 'ws:') + 'ws';
  witness = await connect(url);
  for (const m of [
    { type: 'open', id: 1, lessonId: 'web-fake' },
    { type: 'terminal-open', id: 2, terminalId: 'w' },
  ])
    witness.ws.send(JSON.stringify(m));
  await until(
    witness,
    () => witness.messages.some((m) => m.type === 'terminal-opened'),
    () => `the second session's terminal: ${JSON.stringify(witness.messages).slice(0, 300)}`,
  );
  fuzzed = await connect(url);
});

after(async () => {
  witness?.ws.close();
  fuzzed?.ws.close();
  await server?.close();
});

/**
 * test/fixtures/hostile/messages.txt: messages that once got `internal` errors, JavaScript text or a wrong id, one
 * per row: the error code, a pattern its message must match, and the frame as sent ({{DEEP:N}} stands for an object
 * nested N levels deep).
 */
const HOSTILE = readFileSync('test/fixtures/hostile/messages.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [code, pattern, frame] = l.split('\t');
    // {{DEEP:N}}: an object nested N levels deep (too long to write out)
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    return { code, pattern: new RegExp(pattern), frame: frame.replace(/\{\{DEEP:(\d+)\}\}/g, (_, n: string) => deep(Number(n))) };
  });

test('hostile messages: each gets its usage error, naming the field, on a session that goes on', { timeout: 120_000 }, async () => {
  // On the session the fuzzer goes on with (before it opens a lesson: "view" is refused for want of one).
  const c = fuzzed;
  for (const { code, pattern, frame } of HOSTILE) {
    const from = c.messages.length;
    c.ws.send(frame);
    await until(
      c,
      () => c.messages.length > from,
      () => `a reply to ${frame}`,
    );
    const m = c.messages[from];
    assert.ok(m.type === 'error', `${frame}: ${JSON.stringify(m)}`);
    checkError(m, frame);
    assert.equal(m.code, code, frame);
    assert.match(m.message, pattern, frame);
    const id = (() => {
      try {
        const v = (JSON.parse(frame) as { id?: unknown }).id;
        return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_MESSAGE_ID ? v : -1;
      } catch {
        return -1;
      }
    })();
    assert.equal(m.id, id, `the id of the reply to ${frame}`);
  }
  assert.equal(c.closed, undefined);
});

/** The id a reply to this frame must carry: its own when it is a JSON object with a usable id, else -1. */
function replyId(frame: Frame): number {
  let value: unknown;
  if (frame.kind === 'binary') return -1;
  try {
    value = frame.kind === 'json' ? frame.value : JSON.parse(frame.text);
  } catch {
    return -1;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return -1;
  const id = (value as { id?: unknown }).id;
  return Number.isInteger(id) && (id as number) >= 0 && (id as number) <= MAX_MESSAGE_ID ? (id as number) : -1;
}

test('fuzz: every session message is answered once, well formed, and the server goes on', { timeout: 600_000 }, async () => {
  let next = 1;
  await fc.assert(
    fc.asyncProperty(run, async (steps) => {
      const from = fuzzed.messages.length;
      // How many replies each id must get, and the request type behind each numbered id.
      const expected = new Map<number, number>();
      const typeOf = new Map<number, unknown>();
      const sent: string[] = [];
      for (const s of steps) {
        let frame = s.frame;
        if (s.numbered && frame.kind === 'json' && typeof frame.value === 'object' && frame.value !== null && !Array.isArray(frame.value)) {
          const id = next++;
          frame = { kind: 'json', value: { ...frame.value, id } };
          typeOf.set(id, (frame.value as { type?: unknown }).type);
        }
        const id = replyId(frame);
        expected.set(id, (expected.get(id) ?? 0) + 1);
        sent.push(describeFrame(frame));
        if (frame.kind === 'binary') fuzzed.ws.send(frame.bytes, { binary: true });
        else fuzzed.ws.send(frame.kind === 'json' ? JSON.stringify(frame.value) : frame.text);
      }
      const mine = () => fuzzed.messages.slice(from);
      const count = (id: number) => mine().filter((m) => 'id' in m && m.id === id).length;
      const answered = () => [...expected].every(([id, n]) => count(id) >= n);
      await until(fuzzed, answered, () => `replies to:\n${sent.join('\n')}\ngot: ${JSON.stringify(mine()).slice(0, 1000)}`);
      // Late duplicates would come right after: let the session's queue drain with one more request.
      const probe = next++;
      fuzzed.ws.send(JSON.stringify({ type: 'terminal-complete', id: probe, terminalId: 'none', partial: '' }));
      await until(
        fuzzed,
        () => count(probe) > 0,
        () => 'the probe',
      );

      const where = `after:\n${sent.join('\n')}`;
      const replies = mine().filter((m) => m.type !== 'event' && !('id' in m && m.id === probe));
      for (const [id, n] of expected) assert.equal(count(id), n, `replies to id ${id} ${where}`);
      assert.equal(replies.length, steps.length, `replies ${JSON.stringify(replies).slice(0, 500)} ${where}`);
      for (const m of replies) {
        if (m.type === 'error') checkError(m, `${JSON.stringify(m).slice(0, 300)} ${where}`);
        else if (m.type === 'terminal-result') assert.doesNotMatch(m.result.output, STACK_TRACE, where);
      }
      // Each numbered message got the reply its type calls for, or an error.
      for (const [id, type] of typeOf) {
        const m = replies.find((r) => 'id' in r && r.id === id) as ServerMessage;
        if (m.type !== 'error') assert.equal(m.type, REPLY[String(type)], `reply to id ${id}: ${JSON.stringify(m).slice(0, 300)} ${where}`);
      }
      assert.equal(fuzzed.closed, undefined, `the socket closed ${where}`);
      await witnessAnswers();
    }),
    fuzzParams(60),
  );
  await healthz();
});

test('a frame over the 64 KiB cap closes that socket only (1009); new sessions are served', { timeout: 120_000 }, async () => {
  const c = await connect(url);
  c.ws.send(JSON.stringify({ type: 'terminal-line', id: 1, terminalId: 't', line: 'x'.repeat(MAX_MESSAGE_BYTES) }));
  await new Promise<void>((resolve) => c.ws.once('close', () => resolve()));
  assert.equal(c.closed?.code, 1009);
  await witnessAnswers();
  await healthz();
});

/** A raw GET of `target` (no URL normalization on the way), its status or the error. */
function rawGet(target: string, headers: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const u = new URL(server.url);
    const req = request({ host: u.hostname, port: u.port, path: target, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e) => resolve(e.message));
    req.setTimeout(10_000, () => {
      resolve('no answer in 10 s');
      req.destroy();
    });
    req.end();
  });
}

test('fuzz: odd request targets and upgrades never take the server down', { timeout: 120_000 }, async () => {
  const target = fc.oneof(
    fc.constantFrom(
      '//[',
      '//a:99999/x',
      'http://[',
      '//%zz/',
      '*',
      '/%zz',
      '/lesson/%zz/',
      '/ws?resume=%zz',
      '//ws',
      '/./ws',
      '/ws/../ws',
    ),
    fc.string({ maxLength: 12 }).map((s) => `/${encodeURIComponent(s)}`),
  );
  await fc.assert(
    fc.asyncProperty(target, fc.boolean(), async (t, upgrade) => {
      const headers: Record<string, string> = upgrade
        ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' }
        : {};
      const status = await rawGet(t, headers);
      assert.ok(typeof status === 'number' || /socket hang up|ECONNRESET/.test(status), `${t}: ${status}`);
      if (typeof status === 'number') assert.ok(status < 500, `${t}: ${status}`);
      assert.equal(await rawGet('/healthz'), 200, `after ${t}`);
    }),
    fuzzParams(40),
  );
  await witnessAnswers();
});
