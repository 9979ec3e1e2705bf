// Label selectors: kubectl's -l syntax, matching, and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatLabels, formatSelector, matchesSelector, parseSelector } from '../../../../src/core/sim/api/selector.ts';
import type { LabelSelector } from '../../../../src/core/sim/api/types.ts';

const PARSES: [string, LabelSelector][] = [
  ['', {}],
  ['app=nginx', { matchLabels: { app: 'nginx' } }],
  ['app==nginx', { matchLabels: { app: 'nginx' } }],
  ['app=nginx,tier!=db', { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }],
  ['env in (prod, dev)', { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] }],
  ['env notin (a)', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }],
  ['!canary', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }],
  ['app.kubernetes.io/name', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Exists' }] }],
  [' app = web , !x ', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }],
  ['app=', { matchLabels: { app: '' } }],
];

for (const [text, want] of PARSES) {
  test(`parseSelector(${JSON.stringify(text)})`, () => {
    assert.deepEqual(parseSelector(text), { ok: true, selector: want });
  });
}

const BAD: [string, RegExp][] = [
  ['=foo', /found '=', expected: !, identifier, or 'end of string'/],
  ['app in a', /found 'a', expected: '\('/],
  ['app=nginx,', /found '', expected: !, identifier, or 'end of string'/],
  ['app=my value', /found 'value', expected: ',' or 'end of string'/],
  ['bad key!=x', /found 'key'/],
  ['app=-bad-', /unable to parse requirement: <nil>: Invalid value: "-bad-": a valid label must be/],
];

for (const [text, re] of BAD) {
  test(`parseSelector rejects ${JSON.stringify(text)}`, () => {
    const r = parseSelector(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, re);
  });
}

test('matching: labels, NotIn matches an absent key, empty matches all, undefined none', () => {
  const sel = (t: string): LabelSelector => {
    const r = parseSelector(t);
    assert.ok(r.ok);
    return r.selector;
  };
  assert.ok(matchesSelector(sel('app=web,tier!=db'), { app: 'web' }));
  assert.ok(!matchesSelector(sel('app=web,tier!=db'), { app: 'web', tier: 'db' }));
  assert.ok(matchesSelector(sel('env in (a,b)'), { env: 'b' }));
  assert.ok(!matchesSelector(sel('env in (a,b)'), {}));
  assert.ok(matchesSelector(sel('!canary'), { app: 'x' }));
  assert.ok(matchesSelector({}, { anything: 'x' }));
  assert.ok(!matchesSelector(undefined, { anything: 'x' }));
});

test('printing: sorted by key, as kubectl shows selectors and labels', () => {
  assert.equal(formatSelector({ matchLabels: { tier: 'web', app: 'nginx' } }), 'app=nginx,tier=web');
  assert.equal(
    formatSelector({
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'b', operator: 'DoesNotExist' },
      ],
    }),
    '!b,env in (dev,prod)',
  );
  assert.equal(formatSelector({}), '');
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.equal(formatLabels({}), '<none>');
});

const key = fc.stringMatching(/^[a-z]([a-z0-9-]{0,6}[a-z0-9])?$/);
const value = fc.stringMatching(/^[a-z0-9]{1,5}$/);
const requirement = fc.oneof(
  fc.record({ key, operator: fc.constant('In' as const), values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key, operator: fc.constant('NotIn' as const), values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);

test('property: a printed selector parses back to one that matches the same label sets', () => {
  fc.assert(
    fc.property(fc.array(requirement, { maxLength: 4 }), fc.dictionary(key, value, { maxKeys: 4 }), (reqs, labels) => {
      const sel: LabelSelector = { matchExpressions: reqs.map((r) => ('values' in r ? { ...r, values: [...r.values].sort() } : r)) };
      const back = parseSelector(formatSelector(sel));
      assert.ok(back.ok, back.ok ? '' : back.error);
      assert.equal(matchesSelector(back.selector, labels), matchesSelector(sel, labels));
    }),
    { numRuns: 300 },
  );
});
