// Deployments and ReplicaSets: names, scaling with endpoints following, replacement pods, rollouts, cascades.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, KObject, Pod } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { podTemplateHash, safeEncode } from '../../../../src/core/sim/control/pod-template-hash.ts';
import { makeTestWorld } from './test-world.ts';

const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

function deployment(name: string, replicas: number, image = 'nginx', strategy?: unknown): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(strategy ? { strategy } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}
const service = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] },
});

function pods(w: World, app: string): Pod[] {
  return w.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === app);
}
function endpointIps(w: World, name: string): { ready: string[]; notReady: string[] } {
  const ep = w.store.get<Endpoints>('Endpoints', 'default', name);
  const subsets = ep?.subsets ?? [];
  return {
    ready: subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort(),
    notReady: subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)).sort(),
  };
}
function apply(w: World, ...objs: KObject[]): void {
  for (const o of objs) {
    const r = w.api.create(o);
    assert.ok(r.ok, r.ok ? '' : r.status.message);
  }
  w.control.settle();
}

test('names: <deploy>-<pod-template-hash> and <rs>-<5 chars>, the hash in the real alphabet', () => {
  const w = makeTestWorld();
  apply(w, deployment('nginx', 1));
  const rs = w.store.list('ReplicaSet', 'default');
  assert.equal(rs.length, 1);
  assert.match(rs[0].metadata.name, /^nginx-[4-9bcdf]{6,10}$/);
  const hash = rs[0].metadata.labels?.['pod-template-hash'] as string;
  assert.equal(rs[0].metadata.name, `nginx-${hash}`);
  assert.equal(rs[0].metadata.ownerReferences?.[0].kind, 'Deployment');
  const p = pods(w, 'nginx');
  assert.equal(p.length, 1);
  assert.match(p[0].metadata.name, new RegExp(`^nginx-${hash}-${SAFE}{5}$`));
  assert.equal(p[0].metadata.labels?.['pod-template-hash'], hash);
  // SafeEncodeString maps the digits 0-9 onto 4 5 6 7 8 9 b c d f.
  assert.equal(safeEncode('2468013579'), '68bd4579cf');
});

test('the pod-template-hash is a pure function of the template', () => {
  const t = deployment('x', 1).spec.template;
  assert.equal(podTemplateHash(t), podTemplateHash(JSON.parse(JSON.stringify(t))));
  assert.notEqual(podTemplateHash(t), podTemplateHash({ ...t, spec: { containers: [{ name: 'x', image: 'nginx:1.25' }] } }));
  assert.notEqual(podTemplateHash(t), podTemplateHash(t, 1));
});

test('scale 1 → 5 → 2: pods and endpoints follow, status counts too', () => {
  const w = makeTestWorld({ workers: ['w1', 'w2', 'w3'] });
  apply(w, deployment('web', 1), service('web'));
  w.control.advance(15_000);
  assert.equal(endpointIps(w, 'web').ready.length, 1);
  assert.ok(w.api.scale({ kind: 'Deployment', name: 'web' }, 5).ok);
  w.control.settle();
  assert.equal(pods(w, 'web').length, 5);
  w.control.advance(1500);
  const mid = endpointIps(w, 'web');
  assert.equal(mid.ready.length + mid.notReady.length, 5, 'new pods are listed as not ready while they start');
  assert.ok(mid.notReady.length > 0);
  w.control.advance(15_000);
  assert.deepEqual(endpointIps(w, 'web'), {
    ready: pods(w, 'web')
      .map((p) => p.status?.podIP as string)
      .sort(),
    notReady: [],
  });
  const d = w.store.get('Deployment', 'default', 'web') as KObject;
  assert.deepEqual([d.status.replicas, d.status.readyReplicas, d.status.availableReplicas, d.status.updatedReplicas], [5, 5, 5, 5]);
  assert.ok(w.api.scale({ kind: 'Deployment', name: 'web' }, 2).ok);
  w.control.settle();
  assert.equal(endpointIps(w, 'web').ready.length, 2, 'terminating pods leave the endpoints at once');
  w.control.advance(60_000);
  assert.equal(pods(w, 'web').length, 2);
  const slices = w.store.list('EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
  assert.equal(slices.length, 1);
  assert.equal((slices[0].endpoints as unknown[]).length, 2);
});

test("deleting a Deployment's pod brings a replacement with a new name and a new IP", () => {
  const w = makeTestWorld();
  apply(w, deployment('web', 1), service('web'));
  w.control.advance(15_000);
  const [old] = pods(w, 'web');
  assert.ok(w.api.delete({ kind: 'Pod', name: old.metadata.name }).ok);
  w.control.settle();
  w.control.advance(40_000);
  const now = pods(w, 'web');
  assert.equal(now.length, 1);
  assert.notEqual(now[0].metadata.name, old.metadata.name);
  assert.notEqual(now[0].status?.podIP, old.status?.podIP);
  assert.equal(now[0].status?.phase, 'Running');
  assert.deepEqual(endpointIps(w, 'web').ready, [now[0].status?.podIP]);
  const rsEvents = w.store
    .list('Event', 'default')
    .filter((e) => e.reason === 'SuccessfulCreate')
    .map((e) => e.message);
  assert.deepEqual(rsEvents, [`Created pod: ${old.metadata.name}`, `Created pod: ${now[0].metadata.name}`]);
});

test('a template change rolls out a new ReplicaSet and scales the old one to zero', () => {
  const w = makeTestWorld();
  apply(w, deployment('web', 4));
  w.control.advance(20_000);
  const first = w.store.list('ReplicaSet', 'default')[0];
  assert.ok(
    w.api.patch(
      { kind: 'Deployment', name: 'web' },
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } },
      'strategic',
    ).ok,
  );
  w.control.settle();
  const during = pods(w, 'web').filter((p) => !p.metadata.deletionTimestamp).length;
  assert.ok(during <= 5, 'maxSurge 25% of 4 = 1 extra pod at most');
  w.control.advance(120_000);
  const sets = w.store.list('ReplicaSet', 'default');
  assert.equal(sets.length, 2);
  const next = sets.find((s) => s.metadata.name !== first.metadata.name) as KObject;
  assert.equal(w.store.get('ReplicaSet', 'default', first.metadata.name)?.spec.replicas, 0);
  assert.equal(next.spec.replicas, 4);
  assert.equal(next.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  assert.ok(pods(w, 'web').every((p) => p.spec.containers[0].image === 'nginx:1.25' && p.status?.phase === 'Running'));
  const d = w.store.get('Deployment', 'default', 'web') as KObject;
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  const progressing = (d.status.conditions as { type: string; reason: string; message: string }[]).find((c) => c.type === 'Progressing');
  assert.deepEqual(
    [progressing?.reason, progressing?.message],
    ['NewReplicaSetAvailable', `ReplicaSet "${next.metadata.name}" has successfully progressed.`],
  );
  const scaling = w.store
    .list('Event', 'default')
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .map((e) => e.message);
  assert.equal(scaling[0], `Scaled up replica set ${first.metadata.name} to 4 from 0`);
  assert.ok(scaling.includes(`Scaled down replica set ${first.metadata.name} to 0 from 1`));
});

test('Recreate stops the old pods before starting new ones', () => {
  const w = makeTestWorld();
  apply(w, deployment('web', 2, 'nginx', { type: 'Recreate' }));
  w.control.advance(20_000);
  assert.ok(
    w.api.patch(
      { kind: 'Deployment', name: 'web' },
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } },
      'strategic',
    ).ok,
  );
  w.control.settle();
  assert.ok(
    pods(w, 'web').every((p) => p.spec.containers[0].image === 'nginx'),
    'no new pod while old ones exist',
  );
  w.control.advance(60_000);
  assert.ok(pods(w, 'web').length === 2 && pods(w, 'web').every((p) => p.spec.containers[0].image === 'nginx:1.25'));
});

test('a rollout that cannot progress times out after progressDeadlineSeconds', () => {
  const w = makeTestWorld();
  apply(w, deployment('stuck', 1, 'nosuchimage'));
  w.control.advance(599_000);
  const cond = (): string =>
    ((w.store.get('Deployment', 'default', 'stuck') as KObject).status.conditions as { type: string; reason: string }[]).find(
      (c) => c.type === 'Progressing',
    )?.reason as string;
  assert.notEqual(cond(), 'ProgressDeadlineExceeded');
  w.control.advance(3_000);
  assert.equal(cond(), 'ProgressDeadlineExceeded');
});

test('deleting a Deployment cascades to its ReplicaSets and pods; orphaning keeps them', () => {
  const w = makeTestWorld();
  apply(w, deployment('web', 2), deployment('keep', 1));
  w.control.advance(20_000);
  assert.ok(w.api.delete({ kind: 'Deployment', name: 'web' }).ok);
  assert.ok(w.api.delete({ kind: 'Deployment', name: 'keep' }, { propagationPolicy: 'Orphan' }).ok);
  w.control.settle();
  assert.ok(
    pods(w, 'web').every((p) => p.metadata.deletionTimestamp),
    'pods terminate',
  );
  w.control.advance(40_000);
  assert.deepEqual(pods(w, 'web'), []);
  const left = w.store.list('ReplicaSet', 'default');
  assert.equal(left.length, 1);
  assert.match(left[0].metadata.name, /^keep-/);
  assert.equal(left[0].metadata.ownerReferences, undefined);
  assert.equal(pods(w, 'keep').length, 1);
});

test('same seed → same names and addresses', () => {
  const run = (): string[] => {
    const w = makeTestWorld({ seed: 9 });
    apply(w, deployment('web', 3));
    w.control.advance(20_000);
    return pods(w, 'web').map((p) => `${p.metadata.name} ${p.spec.nodeName} ${p.status?.podIP}`);
  };
  assert.deepEqual(run(), run());
});
