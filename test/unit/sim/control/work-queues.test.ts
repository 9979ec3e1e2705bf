// The controllers' work queues miss nothing: after any operations, a full pass over every object changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KObject, Pod } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { createWorld } from '../../../../src/core/sim/world.ts';
import { Store } from '../../../../src/core/sim/api/store.ts';
import { createInformers, ownWrites } from '../../../../src/core/sim/control/informers.ts';
import type { ItemKey, WorkQueue } from '../../../../src/core/sim/control/work-queue.ts';
import { makeTestWorld } from './test-world.ts';

type Op =
  | { op: 'deploy'; app: string; replicas: number; image: string; recreate: boolean; ns: string }
  | { op: 'image'; app: string; image: string; ns: string }
  | { op: 'scale'; app: string; replicas: number; ns: string }
  | { op: 'delete-deploy'; app: string; ns: string }
  | { op: 'bare'; index: number; app: string; ns: string }
  | { op: 'kill'; index: number; ns: string }
  | { op: 'relabel'; index: number; app: string; ns: string }
  | { op: 'orphan'; index: number; ns: string }
  | { op: 'service'; app: string; ns: string; named: boolean }
  | { op: 'delete-service'; app: string; ns: string }
  | { op: 'namespace'; ns: string }
  | { op: 'delete-namespace'; ns: string }
  | { op: 'wait'; ms: number };

const app = fc.constantFrom('a', 'b', 'c');
const ns = fc.constantFrom('default', 'default', 'team');
const image = fc.constantFrom('nginx', 'nginx:1.25', 'busybox', 'nosuchimage:nosuchtag');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('deploy' as const), app, replicas: fc.integer({ min: 0, max: 4 }), image, recreate: fc.boolean(), ns }),
  fc.record({ op: fc.constant('image' as const), app, image, ns }),
  fc.record({ op: fc.constant('scale' as const), app, replicas: fc.integer({ min: 0, max: 5 }), ns }),
  fc.record({ op: fc.constant('delete-deploy' as const), app, ns }),
  fc.record({ op: fc.constant('bare' as const), index: fc.integer({ min: 0, max: 3 }), app, ns }),
  fc.record({ op: fc.constant('kill' as const), index: fc.nat(), ns }),
  fc.record({ op: fc.constant('relabel' as const), index: fc.nat(), app, ns }),
  fc.record({ op: fc.constant('orphan' as const), index: fc.nat(), ns }),
  fc.record({ op: fc.constant('service' as const), app, ns, named: fc.boolean() }),
  fc.record({ op: fc.constant('delete-service' as const), app, ns }),
  fc.record({ op: fc.constant('namespace' as const), ns: fc.constant('team') }),
  fc.record({ op: fc.constant('delete-namespace' as const), ns: fc.constant('team') }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.constantFrom(0, 300, 2_000, 15_000, 700_000, 3_700_000) }),
);

function container(img: string): Record<string, unknown> {
  return {
    name: 'c',
    image: img,
    ports: [{ containerPort: 80, name: 'http' }],
    ...(img === 'busybox' ? { command: ['sleep', '3600'] } : {}),
  };
}

function apply(w: World, o: Op): void {
  const api = w.api;
  const pods = (): Pod[] => w.store.list<Pod>('Pod', o.op === 'wait' ? 'default' : o.ns);
  switch (o.op) {
    case 'deploy':
      api.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: o.app, namespace: o.ns },
        spec: {
          replicas: o.replicas,
          strategy: o.recreate ? { type: 'Recreate' } : undefined,
          progressDeadlineSeconds: 30,
          selector: { matchLabels: { app: o.app } },
          template: { metadata: { labels: { app: o.app } }, spec: { containers: [container(o.image)] } },
        },
      } as KObject);
      break;
    case 'image':
      api.patch(
        { kind: 'Deployment', namespace: o.ns, name: o.app },
        { spec: { template: { spec: { containers: [{ name: 'c', image: o.image }] } } } },
        'strategic',
      );
      break;
    case 'scale':
      api.scale({ kind: 'Deployment', namespace: o.ns, name: o.app }, o.replicas);
      break;
    case 'delete-deploy':
      api.delete({ kind: 'Deployment', namespace: o.ns, name: o.app });
      break;
    case 'bare':
      api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `bare${o.index}`, namespace: o.ns, labels: { app: o.app } },
        spec: { containers: [container('nginx')] },
      } as KObject);
      break;
    case 'kill': {
      const p = pods();
      if (p.length) api.delete({ kind: 'Pod', namespace: o.ns, name: p[o.index % p.length].metadata.name });
      break;
    }
    case 'relabel': {
      const p = pods();
      if (p.length)
        api.patch(
          { kind: 'Pod', namespace: o.ns, name: p[o.index % p.length].metadata.name },
          { metadata: { labels: { app: o.app } } },
          'merge',
        );
      break;
    }
    case 'orphan': {
      // Release a pod from its owner: its ReplicaSet makes a new one, and may adopt it back if it still matches.
      const p = pods();
      if (p.length)
        api.patch(
          { kind: 'Pod', namespace: o.ns, name: p[o.index % p.length].metadata.name },
          { metadata: { ownerReferences: null } },
          'merge',
        );
      break;
    }
    case 'service':
      api.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${o.app}`, namespace: o.ns },
        spec: { selector: { app: o.app }, ports: [{ port: 80, targetPort: o.named ? 'http' : 80 }] },
      } as KObject);
      break;
    case 'delete-service':
      api.delete({ kind: 'Service', namespace: o.ns, name: `svc-${o.app}` });
      break;
    case 'namespace':
      api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.ns } } as KObject);
      break;
    case 'delete-namespace':
      api.delete({ kind: 'Namespace', name: o.ns });
      break;
    case 'wait':
      w.control.advance(o.ms);
      return;
  }
  w.control.settle();
}

/** Apply the operations, checking after each (or, with `atEnd`, only after the last: a resync repairs what it finds). */
function assertNothingMissed(w: World, ops: Op[], atEnd = false): void {
  for (const [i, o] of ops.entries()) {
    apply(w, o);
    if (atEnd && i < ops.length - 1) continue;
    const changes = w.control.resync();
    assert.equal(changes, 0, `a full pass changed something after step ${i} (${JSON.stringify(o)})`);
  }
}

test('property: after any operations, a full pass of every controller changes nothing (test world)', { timeout: 240_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(opArb, { minLength: 1, maxLength: 14 }), (seed, ops) => {
      assertNothingMissed(makeTestWorld({ seed }), ops);
    }),
    { numRuns: 40 },
  );
});

test('property: after any operations, a full pass of every controller changes nothing (simulated cluster)', { timeout: 240_000 }, () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1000 }),
      fc.constantFrom('calico' as const, 'flannel' as const),
      fc.array(opArb, { minLength: 1, maxLength: 10 }),
      (seed, cni, ops) => {
        const nodes = [
          { name: 'cp', role: 'control-plane' as const },
          { name: 'w1', role: 'worker' as const },
          { name: 'w2', role: 'worker' as const },
        ];
        const w = createWorld(
          {
            cni,
            nodes,
            workstation: { node: 'cp', cwd: '/root', user: 'root' },
            pins: [],
            faults: seed % 3 === 0 ? [{ kind: 'node-down', node: 'w2' }] : [],
            setup: [],
          },
          { seed },
        );
        assertNothingMissed(w, ops);
      },
    ),
    { numRuns: 15 },
  );
});

test("resync counts what the full pass changed: Endpoints emptied behind the controller's back are rewritten", () => {
  const w = makeTestWorld({ seed: 3 });
  apply(w, { op: 'deploy', app: 'a', replicas: 2, image: 'nginx', recreate: false, ns: 'default' });
  apply(w, { op: 'service', app: 'a', ns: 'default', named: false });
  apply(w, { op: 'wait', ms: 30_000 });
  assert.equal(w.control.resync(), 0);
  const ep = w.store.get('Endpoints', 'default', 'svc-a');
  assert.ok(ep);
  w.store.update({ ...ep, subsets: [] });
  assert.ok(w.control.resync() > 0, 'the full pass rewrote the Endpoints');
});

test("the endpoint controllers' own writes do not queue their Service again (upstream's EndpointSlice tracker)", () => {
  const w = makeTestWorld({ seed: 3 });
  apply(w, { op: 'deploy', app: 'a', replicas: 3, image: 'nginx', recreate: false, ns: 'default' });
  apply(w, { op: 'service', app: 'a', ns: 'default', named: false });
  apply(w, { op: 'wait', ms: 30_000 });
  // Who reads the Service while a pod leaves it: each endpoint controller once for the change, the garbage collector
  // once for the slice written. Before, each write of Endpoints or EndpointSlice queued its Service again for a
  // pass that found nothing to do (half of a 3,000-pod build's endpoint passes).
  const readers: string[] = [];
  const peek = w.store.peek.bind(w.store);
  w.store.peek = ((kind: string, namespace: string | undefined, name: string) => {
    if (kind === 'Service' && name === 'svc-a')
      readers.push(/control\/([\w-]+)\.ts/.exec(new Error().stack?.split('\n')[2] ?? '')?.[1] ?? '?');
    return peek(kind, namespace, name);
  }) as typeof w.store.peek;
  const pod = w.store.list<Pod>('Pod', 'default')[0];
  w.api.patch({ kind: 'Pod', namespace: 'default', name: pod.metadata.name }, { metadata: { labels: { app: 'b' } } }, 'merge');
  w.control.settle();
  assert.deepEqual(readers.sort(), ['endpoints', 'endpointslices', 'garbage']);
  assert.equal(w.control.resync(), 0, 'nothing was left undone');
  // A write by anyone else still brings the controller back: a managed slice emptied by hand is rewritten.
  const slice = w.store.list('EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'svc-a');
  assert.ok(slice);
  w.store.update({ ...slice, endpoints: [] } as KObject);
  w.control.settle();
  const after = w.store.get('EndpointSlice', 'default', slice.metadata.name) as unknown as { endpoints: unknown[] };
  assert.equal(after.endpoints.length, 2);
});

test("a kubelet's own status write queues the pod for every controller but the kubelets", () => {
  const store = new Store();
  const inf = createInformers(store);
  const everything = (): ItemKey[] => [];
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  } as KObject);
  const pod = store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'w1', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Pending' },
  } as KObject) as Pod;
  for (const q of [inf.queues.kubelet, inf.queues.endpoints]) q.take(everything);
  const names = (q: WorkQueue): string[] => q.take(everything).map((k) => k.name);
  // The kubelet's status write: the Service is queued (the pod got an address), the pod is not queued for the kubelets.
  const written = ownWrites(inf, 'Pod', () => store.update({ ...pod, status: { phase: 'Pending', podIP: '10.1.0.5' } }) as Pod);
  assert.deepEqual(names(inf.queues.endpoints), ['web']);
  assert.deepEqual(names(inf.queues.kubelet), []);
  // Anyone else's write of the same pod is the kubelets' business.
  store.update({ ...written, status: { phase: 'Running', podIP: '10.1.0.5' } });
  assert.deepEqual(names(inf.queues.kubelet), ['web-1']);
});

const SCENARIOS: { name: string; ops: Op[] }[] = [
  {
    name: 'a bare pod relabelled out of a Service leaves its endpoints',
    ops: [
      { op: 'bare', index: 0, app: 'a', ns: 'default' },
      { op: 'service', app: 'a', ns: 'default', named: true },
      { op: 'wait', ms: 15_000 },
      { op: 'relabel', index: 0, app: 'b', ns: 'default' },
    ],
  },
  {
    name: "a deleted Service's EndpointSlice is collected",
    ops: [
      { op: 'deploy', app: 'a', replicas: 2, image: 'nginx', recreate: false, ns: 'default' },
      { op: 'service', app: 'a', ns: 'default', named: false },
      { op: 'wait', ms: 15_000 },
      { op: 'delete-service', app: 'a', ns: 'default' },
    ],
  },
  {
    name: 'an orphaned pod is replaced and adopted back',
    ops: [
      { op: 'deploy', app: 'a', replicas: 2, image: 'nginx', recreate: false, ns: 'default' },
      { op: 'wait', ms: 15_000 },
      { op: 'orphan', index: 0, ns: 'default' },
      { op: 'wait', ms: 2_000 },
      { op: 'scale', app: 'a', replicas: 1, ns: 'default' },
    ],
  },
  {
    name: 'a Recreate rollout waits for the old pods',
    ops: [
      { op: 'deploy', app: 'a', replicas: 2, image: 'nginx', recreate: true, ns: 'default' },
      { op: 'wait', ms: 15_000 },
      { op: 'image', app: 'a', image: 'nginx:1.25', ns: 'default' },
      { op: 'wait', ms: 300 },
      { op: 'wait', ms: 2_000 },
      { op: 'wait', ms: 15_000 },
    ],
  },
  {
    name: 'a rollout that cannot pull passes its progress deadline',
    ops: [
      { op: 'deploy', app: 'a', replicas: 1, image: 'nosuchimage:nosuchtag', recreate: false, ns: 'default' },
      { op: 'wait', ms: 15_000 },
      { op: 'wait', ms: 700_000 },
    ],
  },
  {
    name: 'a deleted Deployment takes its ReplicaSet and pods along',
    ops: [
      { op: 'deploy', app: 'a', replicas: 2, image: 'nginx', recreate: false, ns: 'default' },
      { op: 'service', app: 'a', ns: 'default', named: true },
      { op: 'wait', ms: 15_000 },
      { op: 'delete-deploy', app: 'a', ns: 'default' },
      { op: 'wait', ms: 2_000 },
      { op: 'wait', ms: 40_000 },
    ],
  },
  {
    name: 'events expire an hour after they last happened, also after a quiet spell',
    ops: [
      { op: 'wait', ms: 3_700_000 },
      { op: 'deploy', app: 'a', replicas: 1, image: 'nginx', recreate: false, ns: 'default' },
      { op: 'wait', ms: 15_000 },
      { op: 'wait', ms: 3_700_000 },
    ],
  },
  {
    name: 'a namespace with workloads is deleted',
    ops: [
      { op: 'namespace', ns: 'team' },
      { op: 'deploy', app: 'a', replicas: 2, image: 'busybox', recreate: false, ns: 'team' },
      { op: 'service', app: 'a', ns: 'team', named: false },
      { op: 'wait', ms: 15_000 },
      { op: 'delete-namespace', ns: 'team' },
      { op: 'wait', ms: 2_000 },
      { op: 'wait', ms: 40_000 },
    ],
  },
];

for (const s of SCENARIOS) {
  test(`a full pass changes nothing: ${s.name}`, () => {
    assertNothingMissed(makeTestWorld({ seed: 5 }), s.ops, true);
  });
}
