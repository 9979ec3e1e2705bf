// Namespaces that terminate, user DaemonSets, hand-made Endpoints, and events that expire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, KObject, Pod } from '../../../../src/core/sim/api/types.ts';
import { EVENT_TTL_MS } from '../../../../src/core/sim/control/events.ts';
import { makeTestWorld, podManifest } from './test-world.ts';

test('deleting a namespace: Terminating, no new content, its pods go, then the namespace goes', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } }).ok);
  w.control.settle();
  assert.ok(w.store.has('ConfigMap', 'lab', 'kube-root-ca.crt'), 'the root CA ConfigMap is published into new namespaces');
  const p = podManifest('sleeper', [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]);
  p.metadata.namespace = 'lab';
  assert.ok(w.api.create(p).ok);
  w.control.advance(10_000);
  assert.ok(w.api.delete({ kind: 'Namespace', name: 'lab' }).ok);
  w.control.settle();
  assert.equal(w.store.get('Namespace', undefined, 'lab')?.status?.phase, 'Terminating');
  const refused = w.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'lab' }, data: {} });
  assert.ok(!refused.ok);
  assert.equal(
    refused.status.message,
    'configmaps "late" is forbidden: unable to create new content in namespace lab because it is being terminated',
  );
  w.control.advance(31_000);
  assert.equal(w.store.get('Namespace', undefined, 'lab'), undefined);
  assert.deepEqual(w.store.list('Pod', 'lab'), []);
});

test('a user DaemonSet runs one pod per schedulable node, and only there', () => {
  const w = makeTestWorld();
  const ds: KObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'a', image: 'busybox', command: ['sleep', '3600'] }] },
      },
    },
  };
  assert.ok(w.api.create(ds).ok);
  w.control.settle();
  w.control.advance(10_000);
  const pods = w.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'agent');
  assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ['w1', 'w2'], 'the control plane keeps its taint');
  assert.ok(pods.every((p) => p.status?.phase === 'Running' && /^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.metadata.name)));
  const status = w.store.get('DaemonSet', 'default', 'agent')?.status;
  assert.deepEqual([status.desiredNumberScheduled, status.currentNumberScheduled, status.numberReady], [2, 2, 2]);
});

test('Endpoints of a Service without a selector are left as the user made them', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { ports: [{ port: 5432 }] } }).ok);
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'ext' },
    subsets: [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 5432 }] }],
  };
  assert.ok(w.api.create(ep).ok);
  w.control.advance(10_000);
  assert.deepEqual(w.store.get<Endpoints>('Endpoints', 'default', 'ext')?.subsets, ep.subsets);
});

test("a Service's Endpoints go with it; events expire after the TTL", () => {
  const w = makeTestWorld();
  assert.ok(
    w.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    }).ok,
  );
  assert.ok(w.api.create(podManifest('web', [{ name: 'nginx', image: 'nginx' }])).ok);
  w.control.settle();
  assert.ok(w.store.get('Endpoints', 'default', 'web'));
  assert.ok(w.api.delete({ kind: 'Service', name: 'web' }).ok);
  w.control.settle();
  assert.equal(w.store.get('Endpoints', 'default', 'web'), undefined);
  assert.deepEqual(
    w.store.list('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web'),
    [],
  );
  w.control.advance(20_000);
  assert.ok(w.store.list('Event', 'default').length > 0);
  w.control.advance(EVENT_TTL_MS);
  assert.deepEqual(w.store.list('Event', 'default'), []);
});

test("deleting a static pod's mirror does not stop it: a new mirror pod appears, the API server keeps listening", () => {
  const w = makeTestWorld();
  const before = w.store.get<Pod>('Pod', 'kube-system', 'kube-apiserver-cp1') as Pod;
  assert.ok(w.api.delete({ kind: 'Pod', namespace: 'kube-system', name: 'kube-apiserver-cp1' }).ok);
  w.control.settle();
  const after = w.store.get<Pod>('Pod', 'kube-system', 'kube-apiserver-cp1') as Pod;
  assert.ok(after);
  assert.notEqual(after.metadata.uid, before.metadata.uid);
  assert.equal(after.metadata.creationTimestamp, w.clock.iso());
  assert.equal(after.status?.phase, 'Running');
  assert.ok(w.control.listeners({ kind: 'node', node: 'cp1' }).some((l) => l.port === 6443));
});

test('a pod bound to a node that does not exist stays Pending with no status from a kubelet', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create(podManifest('ghost', [{ name: 'c', image: 'nginx' }], { nodeName: 'nosuchnode' })).ok);
  w.control.advance(60_000);
  const p = w.store.get<Pod>('Pod', 'default', 'ghost') as Pod;
  assert.equal(p.status?.phase, 'Pending');
  assert.equal(p.status?.containerStatuses, undefined);
});
