// Invariants under random operations: endpoints are ready matching pods, pod IPs are unique, runs replay exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchesSelector, selectorFromMap } from '../../../../src/core/sim/api/selector.ts';
import type { Endpoints, KObject, Pod, Service } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { makeTestWorld } from './test-world.ts';

type Op =
  | { op: 'deploy'; app: string; replicas: number; image: string }
  | { op: 'scale'; app: string; replicas: number }
  | { op: 'kill'; index: number }
  | { op: 'service'; app: string }
  | { op: 'relabel'; index: number; app: string }
  | { op: 'wait'; ms: number };

const app = fc.constantFrom('a', 'b', 'c');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('deploy' as const),
    app,
    replicas: fc.integer({ min: 0, max: 4 }),
    image: fc.constantFrom('nginx', 'busybox', 'nosuchimage'),
  }),
  fc.record({ op: fc.constant('scale' as const), app, replicas: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant('kill' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('service' as const), app }),
  fc.record({ op: fc.constant('relabel' as const), index: fc.nat(), app }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
);

function userPods(w: World): Pod[] {
  return w.store.list<Pod>('Pod', 'default');
}

function apply(w: World, o: Op): void {
  const api = w.api;
  switch (o.op) {
    case 'deploy':
      api.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: o.app },
        spec: {
          replicas: o.replicas,
          selector: { matchLabels: { app: o.app } },
          template: {
            metadata: { labels: { app: o.app } },
            spec: { containers: [{ name: 'c', image: o.image, ...(o.image === 'busybox' ? { command: ['sleep', '3600'] } : {}) }] },
          },
        },
      } as KObject);
      break;
    case 'scale':
      api.scale({ kind: 'Deployment', name: o.app }, o.replicas);
      break;
    case 'kill': {
      const pods = userPods(w);
      if (pods.length) api.delete({ kind: 'Pod', name: pods[o.index % pods.length].metadata.name });
      break;
    }
    case 'service':
      api.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${o.app}` },
        spec: { selector: { app: o.app }, ports: [{ port: 80 }] },
      } as KObject);
      break;
    case 'relabel': {
      const pods = userPods(w);
      if (pods.length)
        api.patch({ kind: 'Pod', name: pods[o.index % pods.length].metadata.name }, { metadata: { labels: { app: o.app } } }, 'merge');
      break;
    }
    case 'wait':
      w.control.advance(o.ms);
      return;
  }
  w.control.settle();
}

function checkEndpoints(w: World): void {
  for (const svc of w.store.list<Service>('Service')) {
    const sel = selectorFromMap(svc.spec.selector);
    if (!sel) continue;
    const pods = w.store.list<Pod>('Pod', svc.metadata.namespace);
    const ep = w.store.get<Endpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name);
    for (const s of ep?.subsets ?? []) {
      for (const a of s.addresses ?? []) {
        const p = pods.find((x) => x.status?.podIP === a.ip && x.metadata.uid === a.targetRef?.uid);
        assert.ok(p, `endpoint ${a.ip} of ${svc.metadata.name} is a pod`);
        assert.ok(matchesSelector(sel, p.metadata.labels), `${p.metadata.name} matches ${svc.metadata.name}`);
        assert.ok(!p.metadata.deletionTimestamp, `${p.metadata.name} is not terminating`);
        assert.equal(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True', `${p.metadata.name} is ready`);
      }
      for (const a of s.notReadyAddresses ?? []) {
        const p = pods.find((x) => x.status?.podIP === a.ip);
        assert.ok(p && matchesSelector(sel, p.metadata.labels));
        assert.notEqual(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      }
    }
    // And every ready matching pod is listed.
    const listed = new Set((ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)));
    for (const p of pods) {
      const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (ready && !p.metadata.deletionTimestamp && p.status?.podIP && matchesSelector(sel, p.metadata.labels))
        assert.ok(listed.has(p.status.podIP), `${p.metadata.name} is listed`);
    }
  }
}

function checkUniqueIps(w: World): void {
  const seen = new Map<string, string>();
  for (const p of w.store.list<Pod>('Pod')) {
    const ip = p.status?.podIP;
    if (!ip || p.spec.hostNetwork) continue;
    assert.ok(!seen.has(ip), `${p.metadata.name} and ${seen.get(ip)} share ${ip}`);
    seen.set(ip, p.metadata.name);
  }
}

test('property: endpoints list exactly the ready, matching, non-terminating pods; pod IPs are unique', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(opArb, { minLength: 1, maxLength: 12 }), (seed, ops) => {
      const w = makeTestWorld({ seed });
      for (const o of ops) {
        apply(w, o);
        checkEndpoints(w);
        checkUniqueIps(w);
      }
    }),
    { numRuns: 15 },
  );
});

test('property: the same seed and operations give the same store, byte for byte', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(opArb, { minLength: 1, maxLength: 8 }), (seed, ops) => {
      const dump = (): string => {
        const w = makeTestWorld({ seed });
        for (const o of ops) apply(w, o);
        const kinds = [
          'Namespace',
          'Node',
          'Pod',
          'Service',
          'Endpoints',
          'EndpointSlice',
          'Deployment',
          'ReplicaSet',
          'DaemonSet',
          'Event',
          'ConfigMap',
        ];
        return JSON.stringify(kinds.map((k) => w.store.list(k)));
      };
      assert.equal(dump(), dump());
    }),
    { numRuns: 8 },
  );
});
