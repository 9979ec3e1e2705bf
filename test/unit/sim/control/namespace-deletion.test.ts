// Deleting a namespace removes its objects, waits for its pods to go, then removes the namespace itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterSpec } from '../../../../src/core/lesson/model.ts';
import { createWorld } from '../../../../src/core/sim/world.ts';

const spec: ClusterSpec = {
  cni: 'flannel',
  nodes: [
    { name: 'cp', role: 'control-plane' },
    { name: 'w', role: 'worker' },
  ],
  workstation: { node: 'cp', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};

test('a deleted namespace is gone once its pods are, without anything else happening', () => {
  const world = createWorld(spec, { seed: 1 });
  assert.ok(world.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }).ok);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'a', namespace: 'shop' },
    spec: { containers: [{ name: 'a', image: 'nginx' }] },
  };
  assert.ok(world.api.create(pod).ok);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } };
  assert.ok(world.api.create(svc).ok);
  world.control.advance(60_000);
  assert.ok(world.api.delete({ kind: 'Namespace', name: 'shop' }).ok);
  world.control.settle();
  assert.equal(world.store.get('Service', 'shop', 's'), undefined, 'the Service goes at once');
  assert.ok(world.store.get('Namespace', undefined, 'shop'), 'the namespace waits for its pod');
  world.control.advance(60_000);
  assert.equal(world.store.get('Pod', 'shop', 'a'), undefined);
  assert.equal(world.store.get('Namespace', undefined, 'shop'), undefined, 'then the namespace is removed');
});

test('a namespace holding no pods is removed by one settle', () => {
  const world = createWorld(spec, { seed: 1 });
  assert.ok(world.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } }).ok);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'empty' }, spec: { ports: [{ port: 80 }] } };
  assert.ok(world.api.create(svc).ok);
  world.control.settle();
  assert.ok(world.api.delete({ kind: 'Namespace', name: 'empty' }).ok);
  world.control.settle();
  assert.equal(world.store.get('Namespace', undefined, 'empty'), undefined);
});
