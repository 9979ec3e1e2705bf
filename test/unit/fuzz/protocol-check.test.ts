// Fuzzer: the protocol check itself (no server). Whatever JSON a page sends, a message that passes carries only the
// fields of its type, shallow (a shell target rebuilt from its own fields, answers a flat object of strings), so
// nothing a page adds reaches a session or the structured clone to its process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkClientMessage } from '../../../src/core/runtime/protocol-check.ts';
import { fuzzParams } from './fuzz-runs.ts';

const FIELDS: Record<string, string[]> = {
  open: ['lessonId', 'lang', 'seed', 'resume'],
  'run-cell': ['cellId', 'content'],
  'run-all': ['untilSection', 'answers'],
  answer: ['cellId', 'content'],
  reset: ['seed'],
  'terminal-open': ['terminalId', 'where'],
  'terminal-line': ['terminalId', 'line'],
  'terminal-complete': ['terminalId', 'partial'],
  'terminal-close': ['terminalId'],
  view: [],
  matrix: [],
  report: [],
};

const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

/** Depth of a JSON value (iterative). */
function depth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    max = Math.max(max, d);
    if (typeof v === 'object' && v !== null) for (const c of Object.values(v)) stack.push([c, d + 1]);
  }
  return max;
}

const value = fc.oneof(
  fc.constantFrom<unknown>(
    'web',
    't',
    'echo hi',
    1,
    0,
    true,
    { kind: 'workstation' },
    { kind: 'node', node: 'n' },
    { kind: 'pod', pod: 'p' },
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(deep(5000)),
  fc.record({
    kind: fc.constantFrom('workstation', 'node', 'pod'),
    node: fc.constant('n'),
    pod: fc.constant('p'),
    x: fc.constant(deep(3000)),
  }),
  fc.dictionary(fc.constantFrom('a', 'b', '__proto__'), fc.constantFrom('echo', 'x')),
);

const message = fc
  .tuple(
    fc.constantFrom(...Object.keys(FIELDS)),
    fc.dictionary(fc.constantFrom(...new Set(Object.values(FIELDS).flat()), 'extra', '__proto__', 'constructor'), value, { maxKeys: 5 }),
  )
  .map(([type, fields]) => ({ ...fields, type, id: 3 }));

test('fuzz: a message that passes the check carries only its own fields, shallow', () => {
  fc.assert(
    fc.property(message, (m) => {
      const r = checkClientMessage(m);
      if (!r.ok) return;
      const keys = Object.keys(r.message);
      for (const k of keys) assert.ok(k === 'type' || k === 'id' || FIELDS[m.type].includes(k), `field ${k} passed on`);
      assert.ok(depth(r.message) <= 2, `depth ${depth(r.message)}`);
      assert.equal(Object.getPrototypeOf(r.message), Object.prototype);
    }),
    fuzzParams(2000),
  );
});
