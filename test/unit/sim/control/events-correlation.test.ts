// Events as Kubernetes keeps them (issue 9, finding 5): a pod whose sandbox can never be made logs a
// FailedCreatePodSandBox with a new sandbox id every retry; client-go's correlator (tools/record/events_cache.go)
// aggregates them from the 10th into one "(combined from similar events)" event with a growing count, a spam
// filter lets 25 through and then one every 5 minutes, and the apiserver's TTL removes them an hour after the last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject, Pod } from '../../../../src/core/sim/api/types.ts';
import { EVENT_TTL_MS } from '../../../../src/core/sim/control/events.ts';
import { COMBINED_PREFIX, SPAM_BURST, SPAM_REFILL_MS } from '../../../../src/core/sim/control/event-correlator.ts';
import { makeTestWorld, podManifest } from './test-world.ts';

function stuckWorld() {
  const w = makeTestWorld();
  const attach = w.net.attachPod.bind(w.net);
  w.net.attachPod = (pod: Pod, node: string) => {
    if (pod.metadata.name.startsWith('stuck')) throw new Error('plugin type="calico" failed (add): no addresses left');
    return attach(pod, node);
  };
  return w;
}

const sandboxEvents = (w: ReturnType<typeof makeTestWorld>, pod = 'stuck') =>
  w.store
    .list<KObject>('Event', 'default')
    .filter((e) => e.reason === 'FailedCreatePodSandBox' && (e.involvedObject as { name: string }).name === pod);

test('retries with new sandbox ids: nine events, then one combined event whose count grows', () => {
  const w = stuckWorld();
  assert.ok(w.api.create(podManifest('stuck', [{ name: 'web', image: 'nginx' }])).ok);
  w.control.advance(85_000); // 9 attempts (every 10 s)
  const nine = sandboxEvents(w);
  assert.equal(nine.length, 9);
  assert.equal(new Set(nine.map((e) => e.message)).size, 9, 'each retry names a new sandbox');
  assert.ok(nine.every((e) => e.count === 1));
  w.control.advance(30_000); // 3 more: the 10th opens the combined event, the 11th and 12th count on it
  const all = sandboxEvents(w);
  assert.equal(all.length, 10);
  const combined = all.filter((e) => String(e.message).startsWith(COMBINED_PREFIX));
  assert.equal(combined.length, 1);
  assert.match(
    String(combined[0].message),
    /^\(combined from similar events\): Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]+": /,
  );
  assert.equal(combined[0].count, 3);
  assert.ok(Date.parse(String(combined[0].lastTimestamp)) > Date.parse(String(combined[0].firstTimestamp)));
});

test('the spam filter: 25 events per pod and source, then one every 5 minutes; the store stays small', () => {
  const w = stuckWorld();
  for (let i = 0; i < 20; i++) assert.ok(w.api.create(podManifest(`stuck-${i}`, [{ name: 'web', image: 'nginx' }])).ok);
  w.control.advance(60 * 60_000);
  for (let i = 0; i < 20; i++) {
    const events = sandboxEvents(w, `stuck-${i}`);
    assert.equal(events.length, 10, 'nine single events and one combined, after an hour of retries');
    const total = events.reduce((n, e) => n + Number(e.count), 0);
    // 360 attempts in the hour: the burst, then about one per refill period.
    assert.ok(total >= SPAM_BURST && total <= SPAM_BURST + Math.ceil((60 * 60_000) / SPAM_REFILL_MS) + 1, `${total} occurrences recorded`);
  }
});

test('events expire an hour after their last occurrence, in simulated time', () => {
  const w = stuckWorld();
  assert.ok(w.api.create(podManifest('stuck', [{ name: 'web', image: 'nginx' }])).ok);
  w.control.advance(120_000);
  assert.equal(sandboxEvents(w).length, 10);
  assert.ok(w.api.delete({ kind: 'Pod', namespace: 'default', name: 'stuck' }).ok);
  w.control.advance(60_000);
  w.control.advance(EVENT_TTL_MS);
  assert.deepEqual(sandboxEvents(w), []);
});
