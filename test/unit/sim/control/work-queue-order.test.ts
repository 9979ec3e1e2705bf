// The work queue against the string-keyed queue it replaced (kept here as the oracle): the same keys handed out in
// the same order by take and drain, whatever is added before and while draining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareNames } from '../../../../src/core/sim/api/kind-table.ts';
import { WorkQueue, type ItemKey } from '../../../../src/core/sim/control/work-queue.ts';

const compareKeys = (a: ItemKey, b: ItemKey): number => compareNames(a.namespace, a.name, b.namespace, b.name);
const idOf = (k: ItemKey): string => `${k.namespace}/${k.name}`;

class StringKeyedQueue {
  private readonly items = new Map<string, ItemKey>();
  /** Keys added while draining, to look at after each item. */
  private fresh: ItemKey[] | undefined;
  private resyncDue = true;

  add(namespace: string | undefined, name: string): void {
    const k = { namespace: namespace ?? '', name };
    const id = idOf(k);
    if (this.items.has(id)) return;
    this.items.set(id, k);
    this.fresh?.push(k);
  }

  /** Look at everything on the next run (as a restarted controller does). */
  resync(): void {
    this.resyncDue = true;
  }

  /** The queued keys in list order, emptying the queue; with a resync due, also every key `everything` names. */
  take(everything: () => Iterable<ItemKey>): ItemKey[] {
    if (this.resyncDue) {
      this.resyncDue = false;
      for (const k of everything()) this.add(k.namespace, k.name);
    }
    // Most runs find nothing queued (a settle asks every queue each pass).
    if (this.items.size === 0) return [];
    const out = [...this.items.values()].sort(compareKeys);
    this.items.clear();
    return out;
  }

  /**
   * Work off the queue in list order, as a pass over a snapshot of every object would: a key added while draining
   * that sorts after the current one is handled in this run (the pass had not reached it yet); one at or before it
   * waits for the next run (the pass was past it).
   */
  drain(everything: () => Iterable<ItemKey>, work: (key: ItemKey) => void): void {
    const batch = this.take(everything);
    const pending = new Set(batch.map(idOf));
    this.fresh = [];
    try {
      for (let i = 0; i < batch.length; i++) {
        const cur = batch[i];
        pending.delete(idOf(cur));
        work(cur);
        if (!this.fresh.length) continue;
        for (const k of this.fresh.splice(0)) {
          const id = idOf(k);
          if (!this.items.has(id)) continue;
          // Still ahead in this run: it will see the change that queued it.
          if (pending.has(id)) this.items.delete(id);
          if (pending.has(id) || compareKeys(k, cur) <= 0) continue;
          this.items.delete(id);
          pending.add(id);
          let at = i + 1;
          while (at < batch.length && compareKeys(batch[at], k) < 0) at++;
          batch.splice(at, 0, k);
        }
      }
    } finally {
      this.fresh = undefined;
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

test('property: take and drain hand out what the string-keyed queue did, in its order', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(keyArb, { maxLength: 5 }), (ops, all) => {
      const everything = all.map((k) => ({ namespace: k.namespace ?? '', name: k.name }));
      assert.deepEqual(play(new WorkQueue(), ops, everything), play(new StringKeyedQueue(), ops, everything));
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
