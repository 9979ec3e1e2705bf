// An object index agrees with a scan of the store after any writes: the same objects under each key, the stored
// versions themselves, whether or not a write could move the object between keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Store } from '../../../../src/core/sim/api/store.ts';
import type { KObject } from '../../../../src/core/sim/api/types.ts';
import { ObjectIndex } from '../../../../src/core/sim/control/object-index.ts';

const names = fc.constantFrom('a', 'b', 'c', 'd');
const op = fc.oneof(
  fc.record({
    t: fc.constant('create' as const),
    name: names,
    tier: fc.constantFrom('web', 'db', undefined),
    kind: fc.constantFrom('Pod', 'Job'),
  }),
  fc.record({ t: fc.constant('relabel' as const), name: names, tier: fc.constantFrom('web', 'db', undefined) }),
  fc.record({ t: fc.constant('status' as const), name: names, n: fc.nat(9) }),
  fc.record({ t: fc.constant('delete' as const), name: names }),
);

/** Objects by their `tier` label, under `tier` (several kinds; an object without one is under no key). */
const byTier = (o: KObject): string[] => (o.metadata.labels?.tier ? [o.metadata.labels.tier] : []);

test('property: an index holds, under each key, exactly the stored objects with that key, as stored now', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), fc.boolean(), (ops, withSameKeys) => {
      const store = new Store();
      // One object before the index exists: the index starts from what the store holds.
      store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'z', namespace: 'ns', labels: { tier: 'web' } } });
      const index = new ObjectIndex(
        store,
        ['Pod', 'Job'],
        byTier,
        withSameKeys ? (a, b) => a.metadata.labels === b.metadata.labels : undefined,
      );
      const find = (name: string): KObject | undefined => store.peek('Pod', 'ns', name) ?? store.peek('Job', 'ns', name);
      for (const o of ops) {
        const cur = find(o.name);
        if (o.t === 'create' && !cur)
          store.create({
            apiVersion: 'v1',
            kind: o.kind,
            metadata: { name: o.name, namespace: 'ns', ...(o.tier ? { labels: { tier: o.tier } } : {}) },
          });
        else if (o.t === 'relabel' && cur)
          store.updateFrozen({ ...cur, metadata: { ...cur.metadata, labels: o.tier ? { tier: o.tier } : undefined } });
        // A status write shares the stored labels: the index need not move the object.
        else if (o.t === 'status' && cur) store.updateFrozen({ ...cur, status: { n: o.n } });
        else if (o.t === 'delete' && cur) store.delete(cur.kind, 'ns', o.name);
        for (const key of ['web', 'db']) {
          const want = [...store.scan('Pod'), ...store.scan('Job')].filter((x) => byTier(x).includes(key));
          const got = index.get(key);
          assert.deepEqual(new Set(got), new Set(want), `under ${key}`);
          assert.equal(got.length, want.length);
          assert.equal(index.has(key), want.length > 0);
        }
      }
    }),
    { numRuns: 400 },
  );
});

test('lookups keep the order objects joined the bucket; an update that keeps its keys keeps its place', () => {
  const store = new Store();
  const mk = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns', labels: { tier: 'web' } } });
  const index = new ObjectIndex(store, 'Pod', byTier, (a, b) => a.metadata.labels === b.metadata.labels);
  for (const n of ['c', 'a', 'b']) store.create(mk(n));
  const a = store.peek('Pod', 'ns', 'a') as KObject;
  const a2 = store.updateFrozen({ ...a, status: { phase: 'Running' } });
  assert.deepEqual(
    index.get('web').map((o) => o.metadata.name),
    ['c', 'a', 'b'],
  );
  assert.equal(index.get('web')[1], a2);
  store.delete('Pod', 'ns', 'a');
  store.create(mk('a'));
  assert.deepEqual(
    index.get('web').map((o) => o.metadata.name),
    ['c', 'b', 'a'],
  );
  assert.deepEqual(index.get('db'), []);
});
