// Deleting Node objects (found by the apiserver fuzzer: DELETE /api/v1/nodes answered 500): the static pods' mirror
// pods lose their owner and the garbage collector deletes them; a kubelet whose Node is gone cannot post new ones
// (mirror_client.go needs the Node's uid), so the controllers settle instead of deleting and re-posting forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterSpec } from '../../../../src/core/lesson/model.ts';
import { createWorld } from '../../../../src/core/sim/world.ts';

const SPEC: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'cp', role: 'control-plane' },
    { name: 'n1', role: 'worker' },
  ],
  workstation: { node: 'cp', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};

const mirrors = (w: ReturnType<typeof createWorld>) =>
  w.store
    .scan('Pod', 'kube-system')
    .filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    .map((p) => p.metadata.name);

test('deleting every Node settles; the mirror pods go with their owner and are not posted again', () => {
  const w = createWorld(SPEC, { seed: 3 });
  w.control.settle();
  assert.ok(mirrors(w).includes('kube-apiserver-cp'), 'a control-plane node has its static pods mirrored');
  for (const n of w.store.scan('Node').map((x) => x.metadata.name)) w.api.delete({ kind: 'Node', name: n });
  w.control.settle();
  assert.deepEqual(mirrors(w), []);
  assert.deepEqual(w.store.scan('Node'), []);
});

test('a deleted mirror pod whose Node exists is posted again, owned by that Node', () => {
  const w = createWorld(SPEC, { seed: 3 });
  w.control.settle();
  const before = w.store.peek('Pod', 'kube-system', 'etcd-cp');
  assert.ok(before);
  w.api.delete({ kind: 'Pod', namespace: 'kube-system', name: 'etcd-cp' });
  w.control.settle();
  const after = w.store.peek('Pod', 'kube-system', 'etcd-cp');
  assert.ok(after, 'the kubelet posts the mirror pod again');
  assert.notEqual(after.metadata.uid, before.metadata.uid);
  assert.equal(after.metadata.ownerReferences?.[0]?.uid, w.store.peek('Node', undefined, 'cp')?.metadata.uid);
});
