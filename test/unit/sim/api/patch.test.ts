// JSON merge patch and strategic merge patch, alone and through the API (label, scale, apply-style patches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergePatch, strategicMergePatch } from '../../../../src/core/sim/api/patch.ts';
import { makeTestWorld } from '../control/test-world.ts';

const podSpec = {
  spec: {
    containers: [
      {
        name: 'a',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      },
      { name: 'b', image: 'busybox', command: ['sleep', '1'] },
    ],
  },
};

test('merge patch: objects merge, null deletes, lists replace', () => {
  assert.deepEqual(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] }), {
    a: 1,
    b: { d: 3, e: 4 },
    l: [3],
  });
  assert.deepEqual(mergePatch({ a: 1 }, 'x'), 'x');
});

const SMP_CASES: { title: string; patch: unknown; check: (r: typeof podSpec) => void }[] = [
  {
    title: 'containers merge by name (other containers kept)',
    patch: { spec: { containers: [{ name: 'b', image: 'busybox:1.36' }] } },
    check: (r) => {
      assert.deepEqual(
        r.spec.containers.map((c) => `${c.name}=${c.image}`),
        ['a=nginx', 'b=busybox:1.36'],
      );
      assert.deepEqual(r.spec.containers[1].command, ['sleep', '1']);
    },
  },
  {
    title: 'ports merge by containerPort',
    patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } },
    check: (r) =>
      assert.deepEqual(r.spec.containers[0].ports, [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }]),
  },
  {
    title: 'env merges by name; $patch: delete removes one',
    patch: {
      spec: {
        containers: [
          {
            name: 'a',
            env: [
              { name: 'Y', value: '9' },
              { name: 'X', $patch: 'delete' },
            ],
          },
        ],
      },
    },
    check: (r) => assert.deepEqual(r.spec.containers[0].env, [{ name: 'Y', value: '9' }]),
  },
  {
    title: 'lists without a merge key (command) are replaced',
    patch: { spec: { containers: [{ name: 'b', command: ['sh'] }] } },
    check: (r) => assert.deepEqual(r.spec.containers[1].command, ['sh']),
  },
  {
    title: '$setElementOrder reorders merged containers',
    patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'a', image: 'nginx:2' }] } },
    check: (r) =>
      assert.deepEqual(
        r.spec.containers.map((c) => `${c.name}=${c.image}`),
        ['b=busybox', 'a=nginx:2'],
      ),
  },
  {
    title: 'a new container is appended',
    patch: { spec: { containers: [{ name: 'c', image: 'curl' }] } },
    check: (r) =>
      assert.deepEqual(
        r.spec.containers.map((c) => c.name),
        ['a', 'b', 'c'],
      ),
  },
];

for (const c of SMP_CASES) {
  test(`strategic merge patch: ${c.title}`, () => {
    const r = strategicMergePatch(podSpec, c.patch, 'Pod') as typeof podSpec;
    c.check(r);
    assert.equal(podSpec.spec.containers[0].env?.length, 2, 'the original is not modified');
  });
}

test('Service ports merge by port', () => {
  const r = strategicMergePatch(
    { spec: { ports: [{ port: 80, targetPort: 80 }, { port: 443 }] } },
    { spec: { ports: [{ port: 80, targetPort: 8080 }] } },
    'Service',
  ) as { spec: { ports: unknown[] } };
  assert.deepEqual(r.spec.ports, [{ port: 80, targetPort: 8080 }, { port: 443 }]);
});

test('$retainKeys drops keys not listed (switching a strategy)', () => {
  const r = strategicMergePatch(
    { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    'Deployment',
  );
  assert.deepEqual(r, { spec: { strategy: { type: 'Recreate' } } });
});

test('kubectl label and scale through the API', () => {
  const w = makeTestWorld();
  const label = w.api.patch(
    { kind: 'Deployment', namespace: 'kube-system', name: 'coredns' },
    { metadata: { labels: { team: 'dns' } } },
    'merge',
  );
  assert.ok(label.ok);
  assert.deepEqual(label.object.metadata.labels, { 'k8s-app': 'kube-dns', team: 'dns' });
  const unlabel = w.api.patch(
    { kind: 'Deployment', namespace: 'kube-system', name: 'coredns' },
    { metadata: { labels: { team: null } } },
    'merge',
  );
  assert.ok(unlabel.ok);
  assert.deepEqual(unlabel.object.metadata.labels, { 'k8s-app': 'kube-dns' });
  const scaled = w.api.scale({ kind: 'deployment', namespace: 'kube-system', name: 'coredns' }, 3);
  assert.ok(scaled.ok);
  assert.equal(scaled.object.spec.replicas, 3);
  assert.equal(scaled.object.metadata.generation, 2);
});

test('a patch that changes nothing does not bump resourceVersion', () => {
  const w = makeTestWorld();
  const before = w.store.get('Service', 'default', 'kubernetes');
  const r = w.api.patch(
    { kind: 'Service', namespace: 'default', name: 'kubernetes' },
    { metadata: { labels: { provider: 'kubernetes' } } },
    'strategic',
  );
  assert.ok(r.ok);
  assert.equal(r.object.metadata.resourceVersion, before?.metadata.resourceVersion);
});

test('a Service update keeps its ClusterIP and NodePorts when the manifest leaves them out', () => {
  const w = makeTestWorld();
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
  };
  const c = w.api.create(svc);
  assert.ok(c.ok);
  const u = w.api.update({ ...svc, spec: { ...svc.spec, selector: { app: 'web2' } } } as never);
  assert.ok(u.ok, u.ok ? '' : u.status.message);
  assert.equal(u.object.spec.clusterIP, c.object.spec.clusterIP);
  assert.equal(u.object.spec.ports[0].nodePort, c.object.spec.ports[0].nodePort);
  const toClusterIp = w.api.patch({ kind: 'Service', name: 'web' }, { spec: { type: 'ClusterIP' } }, 'strategic');
  assert.ok(toClusterIp.ok, toClusterIp.ok ? '' : toClusterIp.status.message);
  assert.equal(toClusterIp.object.spec.ports[0].nodePort, undefined);
});
