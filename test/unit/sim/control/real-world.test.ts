// The control plane through the real createWorld (real dataplane and image catalog), with names, CIDRs and CNIs
// unlike the article's, so nothing depends on the article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ClusterSpec } from '../../../../src/core/lesson/model.ts';
import { parseCidrSloppy as parseCidr, parseIpSloppy as parseIp, containsIp as contains } from '../../../../src/core/sim/net/cidr.ts';
import { parseManifests } from '../../../../src/core/sim/api/manifest.ts';
import type { ContainerStatus, Endpoints, KObject, Pod } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { createWorld } from '../../../../src/core/sim/world.ts';

function spec(cni: ClusterSpec['cni'], extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    cni,
    nodes: [
      { name: 'ctl', role: 'control-plane' },
      { name: 'alpha', role: 'worker' },
      { name: 'beta', role: 'worker' },
    ],
    workstation: { node: 'ctl', cwd: '/root', user: 'root' },
    pins: [],
    faults: [],
    setup: [],
    ...extra,
  };
}

function applyYaml(w: World, text: string): void {
  const { objects, diagnostics } = parseManifests(text, 'lesson.yaml');
  assert.deepEqual(diagnostics, []);
  for (const o of objects) {
    const r = w.api.create(o);
    assert.ok(r.ok, r.ok ? '' : r.status.message);
  }
  w.control.settle();
}

const pod = (w: World, name: string): Pod => w.store.get<Pod>('Pod', 'default', name) as Pod;
const status = (w: World, name: string, c: string): ContainerStatus =>
  (pod(w, name).status?.containerStatuses ?? []).find((s) => s.name === c) as ContainerStatus;

const TWO_PODS = `apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels: {app: web}
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: busybox
    command: ['sh', '-c', 'echo started here && sleep 3600']
`;

for (const cni of ['calico', 'flannel', 'kindnet'] as const) {
  test(`${cni}: system pods run, user pods get addresses from their node's block`, { timeout: 60_000 }, () => {
    const w = createWorld(spec(cni), { seed: 11 });
    assert.ok(w.store.list<Pod>('Pod').every((p) => p.status?.phase === 'Running'));
    const agent = { calico: 'calico-node', flannel: 'kube-flannel-ds', kindnet: 'kindnet' }[cni];
    assert.equal(w.store.list('Pod').filter((p) => p.metadata.name.startsWith(`${agent}-`)).length, 3);
    applyYaml(w, TWO_PODS);
    w.control.advance(5 * 60_000);
    for (const name of ['web-1', 'box']) {
      const p = pod(w, name);
      assert.equal(p.status?.phase, 'Running', name);
      const node = w.cluster.nodes.find((n) => n.name === p.spec.nodeName);
      assert.ok(node && node.role === 'worker');
      assert.ok(
        contains(parseCidr(node.podCIDR) as never, parseIp(p.status?.podIP as string) as number),
        `${p.status?.podIP} in ${node.podCIDR}`,
      );
    }
    assert.deepEqual(w.api.logs({ kind: 'Pod', name: 'box' }), { ok: true, text: 'started here\n' });
    assert.ok(w.control.listeners({ kind: 'pod', namespace: 'default', pod: 'web-1' }).some((l) => l.port === 80 && l.protocol === 'TCP'));
  });
}

test("real nginx: two containers on port 80 — the second crash-loops with nginx's bind error", { timeout: 60_000 }, () => {
  const w = createWorld(spec('calico'), { seed: 3 });
  applyYaml(
    w,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: two}\nspec:\n  containers:\n  - {name: one, image: nginx}\n  - {name: other, image: nginx}\n',
  );
  w.control.advance(3 * 60_000);
  assert.ok(status(w, 'two', 'one').state.running);
  assert.ok(status(w, 'two', 'other').restartCount >= 2);
  const prev = w.api.logs({ kind: 'Pod', name: 'two' }, 'other', { previous: true });
  assert.ok(prev.ok);
  assert.match(prev.text, /nginx: \[emerg\] bind\(\) to 0\.0\.0\.0:80 failed \(98: Address already in use\)/);
});

test('real catalog: an image that does not exist goes ErrImagePull → ImagePullBackOff', { timeout: 60_000 }, () => {
  const w = createWorld(spec('calico'), { seed: 3 });
  applyYaml(w, 'apiVersion: v1\nkind: Pod\nmetadata: {name: typo}\nspec:\n  containers:\n  - {name: app, image: ngnix}\n');
  w.control.advance(2500);
  assert.equal(status(w, 'typo', 'app').state.waiting?.reason, 'ErrImagePull');
  w.control.advance(2000);
  assert.equal(status(w, 'typo', 'app').state.waiting?.reason, 'ImagePullBackOff');
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - {name: shop, image: nginx:1.25, ports: [{containerPort: 80, name: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: shop}
spec:
  selector: {app: shop}
  ports: [{port: 8080, targetPort: http}]
`;

function readyEndpoints(w: World): string[] {
  const ep = w.store.get<Endpoints>('Endpoints', 'default', 'shop');
  return (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => `${a.ip}:${s.ports?.[0].port}`)).sort();
}

test('real world: scale 1 → 5 → 2 with a named targetPort; a deleted pod comes back with a new name and IP', { timeout: 60_000 }, () => {
  const w = createWorld(spec('flannel', { serviceCIDR: '10.100.0.0/16', podCIDR: '10.50.0.0/16' }), { seed: 5 });
  applyYaml(w, DEPLOY);
  w.control.advance(30_000);
  assert.equal(readyEndpoints(w).length, 1);
  assert.match(readyEndpoints(w)[0], /^10\.50\.\d+\.\d+:80$/);
  w.api.scale({ kind: 'Deployment', name: 'shop' }, 5);
  w.control.advance(30_000);
  const shopPods = (): Pod[] => w.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'shop');
  assert.equal(readyEndpoints(w).length, 5);
  assert.equal(new Set(shopPods().map((p) => p.status?.podIP)).size, 5);
  w.api.scale({ kind: 'Deployment', name: 'shop' }, 2);
  w.control.advance(60_000);
  assert.equal(shopPods().length, 2);
  assert.equal(readyEndpoints(w).length, 2);
  const victim = shopPods()[0];
  w.api.delete({ kind: 'Pod', name: victim.metadata.name });
  w.control.advance(60_000);
  const after = shopPods();
  assert.equal(after.length, 2);
  assert.ok(!after.some((p) => p.metadata.name === victim.metadata.name));
  assert.deepEqual(readyEndpoints(w), after.map((p) => `${p.status?.podIP}:80`).sort());
  const svc = w.store.get('Service', 'default', 'shop') as KObject;
  assert.ok(contains(parseCidr('10.100.0.0/16') as never, parseIp(svc.spec.clusterIP) as number));
});

test('real world: same seed, same store', { timeout: 60_000 }, () => {
  const run = (): string => {
    const w = createWorld(spec('calico'), { seed: 21 });
    applyYaml(w, DEPLOY);
    w.api.scale({ kind: 'Deployment', name: 'shop' }, 3);
    w.control.advance(45_000);
    return JSON.stringify(['Pod', 'Service', 'Endpoints', 'EndpointSlice', 'ReplicaSet', 'Event'].map((k) => w.store.list(k)));
  };
  assert.equal(run(), run());
});

test('property (real dataplane): no two pods ever share an IP', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 500 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.nat(), fc.integer({ min: 0, max: 30_000 })), { minLength: 1, maxLength: 6 }),
      (seed, steps) => {
        const w = createWorld(spec('calico'), { seed });
        applyYaml(w, DEPLOY);
        for (const [replicas, kill, wait] of steps) {
          w.api.scale({ kind: 'Deployment', name: 'shop' }, replicas);
          const pods = w.store.list<Pod>('Pod', 'default');
          if (pods.length)
            w.api.delete({ kind: 'Pod', name: pods[kill % pods.length].metadata.name }, { gracePeriodSeconds: kill % 2 ? 0 : undefined });
          w.control.settle();
          w.control.advance(wait);
          const ips = w.store
            .list<Pod>('Pod')
            .filter((p) => p.status?.podIP && !p.spec.hostNetwork)
            .map((p) => p.status?.podIP);
          assert.equal(new Set(ips).size, ips.length);
        }
      },
    ),
    { numRuns: 5 },
  );
});
