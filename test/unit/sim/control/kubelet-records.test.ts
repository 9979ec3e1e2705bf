// The kubelet's runtime records keep one shape (every field present from the start, in one order), whatever made
// them (a pod admitted, a running system pod adopted at boot) and whatever happened since (sandbox, IP,
// termination). Records that gained fields later had several hidden classes, and V8 fell into a deoptimization loop
// on them in about half of the 3,000-pod builds (runKubelets deoptimized ~9,000 times, a second of six).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeletState, type PodRt } from '../../../../src/core/sim/control/kubelet-state.ts';
import { makeTestWorld, podManifest } from './test-world.ts';

test('every kubelet record has the same fields in the same order, from its making to its end', () => {
  const added: { rt: PodRt; keys: string[] }[] = [];
  const add = Object.getOwnPropertyDescriptor(KubeletState.prototype, 'add')?.value as (this: KubeletState, rt: PodRt) => void;
  KubeletState.prototype.add = function (this: KubeletState, rt: PodRt) {
    added.push({ rt, keys: Object.keys(rt) });
    add.call(this, rt);
  };
  try {
    const w = makeTestWorld();
    const adopted = added.length;
    assert.ok(adopted > 0, 'the boot adopts running system pods');
    for (const name of ['web', 'db', 'gone'])
      assert.ok(w.api.create(podManifest(name, [{ name: 'main', image: 'nginx', ports: [80] }])).ok);
    w.control.advance(30_000);
    assert.ok(w.api.delete({ kind: 'Pod', namespace: 'default', name: 'gone' }).ok);
    w.control.advance(60_000);
    assert.equal(added.length, adopted + 3, 'three pods admitted');
    const admitted = added.slice(adopted);
    assert.ok(admitted.every(({ rt }) => rt.sandboxReady && rt.ip !== undefined && rt.sandboxAt !== undefined));
    assert.ok(
      admitted.some(({ rt }) => rt.terminating !== undefined),
      'one pod went through termination',
    );
    const shape = added[0].keys;
    for (const { rt, keys } of added) {
      assert.deepEqual(keys, shape, `${rt.namespace}/${rt.name} when made`);
      assert.deepEqual(Object.keys(rt), shape, `${rt.namespace}/${rt.name} at the end`);
    }
  } finally {
    KubeletState.prototype.add = add;
  }
});
