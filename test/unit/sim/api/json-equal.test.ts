// jsonEqual agrees with comparing canonical JSON (sorted keys, undefined members dropped), the definition it replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonEqual, jsonTextEqual } from '../../../../src/core/sim/api/json-equal.ts';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const leaf = fc.oneof(
  fc.constantFrom(null, undefined, 0, -0, 1, NaN, Infinity, '', 'a', 'b', true, false),
  fc.integer({ min: -3, max: 3 }),
);
const key = fc.constantFrom('a', 'b', 'c', 'constructor', 'toString');
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
}));

test('jsonEqual(a, b) exactly when their canonical JSON is the same', () => {
  fc.assert(
    fc.property(value, value, (a, b) => {
      assert.equal(jsonEqual(a, b), canonical(a) === canonical(b));
      assert.equal(jsonEqual(a, structuredClone(a)), true);
    }),
    { numRuns: 3000 },
  );
});

test('jsonEqual: key order and undefined members do not matter; null and undefined items in arrays are alike', () => {
  const cases: [unknown, unknown, boolean][] = [
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: null }, {}, false],
    [[undefined], [null], true],
    [[1, 2], [1, 2, 3], false],
    [{ constructor: 1 }, {}, false],
    [0, -0, true],
    [[], {}, false],
    ['1', 1, false],
  ];
  for (const [a, b, want] of cases) assert.equal(jsonEqual(a, b), want, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});

test('jsonTextEqual(a, b) exactly when JSON.stringify writes the same text (key order counts), shared parts or not', () => {
  fc.assert(
    fc.property(value, value, (a, b) => {
      assert.equal(jsonTextEqual(a, b), JSON.stringify(a) === JSON.stringify(b));
      assert.equal(jsonTextEqual(a, structuredClone(a)), true);
      // A list made of the other's own parts, as the endpoint controllers make them.
      const shared = [a, b, { x: a }];
      assert.equal(jsonTextEqual(shared, [a, structuredClone(b), { x: a }]), true);
    }),
    { numRuns: 3000 },
  );
  assert.equal(jsonTextEqual({ a: 1, b: 2 }, { b: 2, a: 1 }), false);
  assert.equal(jsonTextEqual({ a: 1, b: undefined }, { a: 1 }), true);
  assert.equal(jsonTextEqual([undefined], [null]), true);
});
