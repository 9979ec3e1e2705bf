// The store's per-kind table keeps list order (namespace, then name) through inserts, replacements and deletions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KindTable } from '../../../../src/core/sim/api/kind-table.ts';
import { Store } from '../../../../src/core/sim/api/store.ts';
import type { KObject } from '../../../../src/core/sim/api/types.ts';

const nsArb = fc.constantFrom('', 'default', 'kube-system', 'a', 'B', 'team-1', 'team-10', 'team-2');
const nameArb = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,6}$/);
const opArb = fc.record({ del: fc.boolean(), ns: nsArb, name: nameArb, v: fc.nat(9), look: fc.nat(3) });

/** What the store's list used to do: every object, sorted by namespace then name with localeCompare. */
function bySort(objects: KObject[]): string[] {
  return [...objects]
    .sort(
      (a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
    )
    .map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}=${String(o.v)}`);
}

const text = (objects: KObject[]): string[] => objects.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}=${String(o.v)}`);

test("property: scan() is every object in sorted order, scan(ns) that namespace's run of it", () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
      const t = new KindTable();
      const model = new Map<string, KObject>();
      for (const op of ops) {
        const key = `${op.ns}/${op.name}`;
        if (op.del) {
          assert.equal(t.delete(op.ns, op.name) !== undefined, model.delete(key));
          continue;
        }
        const o: KObject = { apiVersion: 'v1', kind: 'X', metadata: { name: op.name, ...(op.ns ? { namespace: op.ns } : {}) }, v: op.v };
        t.set(op.ns, op.name, o);
        model.set(key, o);
        // Scans between writes: insertions wait for the next scan or removal to be sorted in.
        if (op.look === 0) assert.deepEqual(text(t.scan()), bySort([...model.values()]));
      }
      assert.equal(t.size, model.size);
      for (const [key, o] of model) {
        const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
        assert.equal(t.get(ns, name), o);
        assert.ok(t.has(ns, name));
      }
      for (const op of ops) if (!model.has(`${op.ns}/${op.name}`)) assert.ok(!t.has(op.ns, op.name) && t.get(op.ns, op.name) === undefined);
      assert.deepEqual(text(t.scan()), bySort([...model.values()]));
      for (const ns of ['', 'default', 'a', 'B', 'team-1', 'team-2', 'missing']) {
        assert.deepEqual(text(t.scan(ns)), bySort([...model.values()].filter((o) => (o.metadata.namespace ?? '') === ns)));
      }
    }),
    { numRuns: 500 },
  );
});

test('the store hands out frozen objects to readers that skip the copy, and copies to the others', () => {
  const store = new Store();
  store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels: { app: 'a' } },
    spec: { containers: [{ name: 'c' }] },
  });
  const peeked = store.peek('Pod', 'default', 'p');
  assert.ok(peeked && Object.isFrozen(peeked) && Object.isFrozen(peeked.spec.containers[0]));
  assert.throws(() => {
    (peeked.metadata.labels as Record<string, string>).app = 'b';
  }, TypeError);
  const copy = store.get('Pod', 'default', 'p');
  assert.ok(copy && !Object.isFrozen(copy));
  copy.metadata.labels = { app: 'changed' };
  assert.equal(store.peek('Pod', 'default', 'p')?.metadata.labels?.app, 'a');
  assert.equal(store.scan('Pod')[0], peeked);
  assert.notEqual(store.list('Pod')[0], peeked);
});

test('observers asked for some kinds see only writes of those kinds, in subscription order with the others', () => {
  const store = new Store();
  const seen: string[] = [];
  const mk = (kind: string, name: string): KObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'default' } });
  store.observe((c) => seen.push(`all:${c.type}:${c.object.kind}`));
  const stopPods = store.observe((c) => seen.push(`pods:${c.type}:${c.object.metadata.name}`), ['Pod']);
  store.observe((c) => seen.push(`both:${c.object.kind}`), ['Pod', 'Service']);
  store.create(mk('Pod', 'a'));
  store.create(mk('Event', 'e'));
  store.create(mk('Service', 's'));
  assert.deepEqual(seen, ['all:ADDED:Pod', 'pods:ADDED:a', 'both:Pod', 'all:ADDED:Event', 'all:ADDED:Service', 'both:Service']);
  seen.length = 0;
  // An observer that unsubscribes another during a write: the write still reaches everyone it reached when it began.
  const late = store.observe(() => {
    stopPods();
    seen.push('late');
  }, ['Pod']);
  store.update(mk('Pod', 'a'));
  assert.deepEqual(seen, ['all:MODIFIED:Pod', 'pods:MODIFIED:a', 'both:Pod', 'late']);
  seen.length = 0;
  store.delete('Pod', 'default', 'a');
  assert.deepEqual(seen, ['all:DELETED:Pod', 'both:Pod', 'late']);
  assert.equal(late(), true);
  assert.equal(late(), false);
  assert.equal(stopPods(), false);
});
