// The work queue against a plain model of its contract (the oracle): the same keys handed out in the same order by
// take and drain, whatever is added before and while draining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareNames } from '../../../../src/core/sim/api/kind-table.ts';
import { WorkQueue, type ItemKey } from '../../../../src/core/sim/control/work-queue.ts';

const compareKeys = (a: ItemKey, b: ItemKey): number => compareNames(a.namespace, a.name, b.namespace, b.name);
const idOf = (k: ItemKey): string => `${k.namespace}/${k.name}`;

/**
 * The queue's contract written plainly, as the oracle: the queued keys in a map; a drain works off a sorted batch,
 * and after each item looks at the keys newly queued by its work — one still ahead in the batch is dropped from the
 * queue (this run will see it), one sorting after the current item joins the rest of the batch, and one at or before
 * it stays queued for the next run (the pass was past it).
 */
class ModelQueue {
  private readonly items = new Map<string, ItemKey>();
  private resyncDue = true;

  add(namespace: string | undefined, name: string): void {
    const k = { namespace: namespace ?? '', name };
    if (!this.items.has(idOf(k))) this.items.set(idOf(k), k);
  }

  resync(): void {
    this.resyncDue = true;
  }

  take(everything: () => Iterable<ItemKey>): ItemKey[] {
    if (this.resyncDue) {
      this.resyncDue = false;
      for (const k of everything()) this.add(k.namespace, k.name);
    }
    const out = [...this.items.values()].sort(compareKeys);
    this.items.clear();
    return out;
  }

  drain(everything: () => Iterable<ItemKey>, work: (key: ItemKey) => void): void {
    let rest = this.take(everything);
    while (rest.length) {
      const [cur, ...ahead] = rest;
      const queuedBefore = new Set(this.items.keys());
      work(cur);
      const joining: ItemKey[] = [];
      for (const [id, k] of this.items) {
        if (queuedBefore.has(id)) continue;
        if (ahead.some((a) => idOf(a) === id)) this.items.delete(id);
        else if (compareKeys(k, cur) > 0) {
          this.items.delete(id);
          joining.push(k);
        }
      }
      rest = [...ahead, ...joining].sort(compareKeys);
    }
  }
}

interface Queue {
  add(namespace: string | undefined, name: string): void;
  resync(): void;
  take(everything: () => Iterable<ItemKey>): ItemKey[];
  drain(everything: () => Iterable<ItemKey>, work: (key: ItemKey) => void): void;
}

const nsArb = fc.constantFrom(undefined, '', 'default', 'kube-system', 'a', 'B', 'team-1', 'team-10');
const nameArb = fc.constantFrom('a', 'b', 'web-1', 'web-10', 'web-2', 'Z', 'x.y');
const keyArb = fc.record({ namespace: nsArb, name: nameArb });
const opArb = fc.oneof(
  fc.record({ t: fc.constant('add' as const), k: keyArb }),
  fc.record({ t: fc.constant('take' as const) }),
  fc.record({ t: fc.constant('resync' as const) }),
  // While draining, the work for the i-th item handed out adds these keys (as a controller's writes queue others).
  fc.record({ t: fc.constant('drain' as const), adds: fc.array(fc.array(keyArb, { maxLength: 3 }), { maxLength: 6 }) }),
);

type Op = { t: string; k?: { namespace?: string; name: string }; adds?: { namespace?: string; name: string }[][] };

function play(q: Queue, ops: readonly Op[], everything: ItemKey[]): string[] {
  const log: string[] = [];
  for (const op of ops) {
    if (op.t === 'add' && op.k) q.add(op.k.namespace, op.k.name);
    else if (op.t === 'resync') q.resync();
    else if (op.t === 'take')
      log.push(
        `take ${q
          .take(() => everything)
          .map(idOf)
          .join(' ')}`,
      );
    else if (op.t === 'drain') {
      let i = 0;
      const seen: string[] = [];
      q.drain(
        () => everything,
        (k) => {
          seen.push(idOf(k));
          for (const a of op.adds?.[i++] ?? []) q.add(a.namespace, a.name);
        },
      );
      log.push(`drain ${seen.join(' ')}`);
    }
  }
  log.push(
    `left ${q
      .take(() => everything)
      .map(idOf)
      .join(' ')}`,
  );
  return log;
}

test('property: take and drain hand out what the model of the contract does, in its order', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(keyArb, { maxLength: 5 }), (ops, all) => {
      const everything = all.map((k) => ({ namespace: k.namespace ?? '', name: k.name }));
      assert.deepEqual(play(new WorkQueue(), ops, everything), play(new ModelQueue(), ops, everything));
    }),
    { numRuns: 1000 },
  );
});

test('a key added while draining is handled in this run when it sorts after the current one, else in the next', () => {
  const q = new WorkQueue();
  q.take(() => []);
  q.add('ns', 'b');
  const seen: string[] = [];
  q.drain(
    () => [],
    (k) => {
      seen.push(k.name);
      if (k.name === 'b') {
        q.add('ns', 'a');
        q.add('ns', 'c');
      }
    },
  );
  assert.deepEqual(seen, ['b', 'c']);
  assert.deepEqual(
    q.take(() => []).map((k) => k.name),
    ['a'],
  );
});
