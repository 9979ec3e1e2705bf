// Defaulting on create: what the apiserver fills in for each kind, and server-set metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject, Pod, Service } from '../../../../src/core/sim/api/types.ts';
import { makeTestWorld } from '../control/test-world.ts';

function created(obj: KObject): KObject {
  const w = makeTestWorld();
  const r = w.api.create(obj);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  return r.object;
}

const pod = (image: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image, ports: [{ containerPort: 80 }] }] },
});

test('a Pod gets the v1 defaults, a Pending status and server metadata', () => {
  const w = makeTestWorld();
  const r = w.api.create(pod('nginx'));
  assert.ok(r.ok);
  const p = r.object as Pod & { spec: Record<string, unknown> };
  assert.equal(p.metadata.namespace, 'default');
  assert.equal(p.metadata.creationTimestamp, w.clock.iso());
  assert.match(p.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
  assert.ok(Number(p.metadata.resourceVersion) > 0);
  assert.equal(p.spec.restartPolicy, 'Always');
  assert.equal(p.spec.dnsPolicy, 'ClusterFirst');
  assert.equal(p.spec.terminationGracePeriodSeconds, 30);
  assert.equal(p.spec.schedulerName, 'default-scheduler');
  assert.equal(p.spec.serviceAccountName, 'default');
  assert.equal(p.spec.containers[0].ports?.[0].protocol, 'TCP');
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'BestEffort' });
  const tolerations = (p.spec.tolerations ?? []).map((t) => `${t.key}:${t.effect}`);
  assert.deepEqual(tolerations, ['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute']);
  const vol = (p.spec.volumes as { name: string }[])[0].name;
  assert.match(vol, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

for (const [image, policy] of [
  ['nginx', 'Always'],
  ['nginx:latest', 'Always'],
  ['nginx:1.25', 'IfNotPresent'],
  ['registry.k8s.io/e2e-test-images/agnhost:2.39', 'IfNotPresent'],
  ['localhost:5000/app', 'Always'],
  ['busybox@sha256:abc', 'IfNotPresent'],
] as const) {
  test(`imagePullPolicy of ${image} defaults to ${policy}`, () => {
    const p = created(pod(image)) as Pod;
    assert.equal((p.spec.containers[0] as { imagePullPolicy?: string }).imagePullPolicy, policy);
  });
}

test('a Service defaults to ClusterIP with targetPort = port and gets an address from the service CIDR', () => {
  const s = created({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  }) as Service & { spec: Record<string, unknown> };
  assert.equal(s.spec.type, 'ClusterIP');
  assert.equal(s.spec.sessionAffinity, 'None');
  assert.deepEqual(s.spec.ports?.[0], { port: 80, protocol: 'TCP', targetPort: 80 });
  assert.match(s.spec.clusterIP ?? '', /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  assert.deepEqual(s.spec.clusterIPs, [s.spec.clusterIP]);
});

test('a headless Service keeps clusterIP None; a NodePort Service gets a port in 30000-32767', () => {
  const h = created({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'h' },
    spec: { clusterIP: 'None', selector: { app: 'x' }, ports: [{ port: 80 }] },
  }) as Service;
  assert.equal(h.spec.clusterIP, 'None');
  const n = created({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'n' },
    spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] },
  }) as Service;
  const np = n.spec.ports?.[0].nodePort ?? 0;
  assert.ok(np >= 30000 && np <= 32767, String(np));
});

test('a Deployment gets replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, generation 1', () => {
  const d = created({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });
  assert.equal(d.spec.replicas, 1);
  assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.template.spec.restartPolicy, 'Always');
  assert.equal(d.metadata.generation, 1);
});

test('a Namespace is Active and labelled with its name', () => {
  const ns = created({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } });
  assert.deepEqual(ns.status, { phase: 'Active' });
  assert.equal(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'lab');
  assert.equal(ns.metadata.namespace, undefined);
});

test('generateName appends five random characters, the same ones for the same seed', () => {
  const names = [1, 1, 2].map((seed) => {
    const w = makeTestWorld({ seed });
    const r = w.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', name: '' }, data: {} });
    assert.ok(r.ok);
    return r.object.metadata.name;
  });
  assert.match(names[0], /^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(names[0], names[1]);
  assert.notEqual(names[0], names[2]);
});

test('dry run validates and defaults but stores nothing', () => {
  const w = makeTestWorld();
  const r = w.api.create(pod('nginx'), { dryRun: true });
  assert.ok(r.ok);
  assert.equal(w.store.get('Pod', 'default', 'p'), undefined);
});
