import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FaultSpec } from '../../../../src/core/lesson/model.ts';
import type { NetnsRef } from '../../../../src/core/sim/contracts.ts';
import { cidrHas } from '../../../../src/core/sim/net/cidr.ts';
import { TestWorld, node, pod } from './test-world.ts';

interface Scenario {
  cni: 'calico' | 'flannel' | 'kindnet';
  workers: number;
  seed: number;
  pods: { node: number; hostNetwork: boolean; listen: boolean }[];
  deletions: number[];
  faults: { kind: 'drop-route' | 'node-down'; node: number; to: number }[];
  probes: { from: number; to: number; port: number; proto: 'TCP' | 'UDP' | 'ICMP' }[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  cni: fc.constantFrom('calico' as const, 'flannel' as const, 'kindnet' as const),
  workers: fc.integer({ min: 0, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  pods: fc.array(fc.record({ node: fc.nat(), hostNetwork: fc.integer({ min: 0, max: 6 }).map((n) => n === 0), listen: fc.boolean() }), {
    maxLength: 25,
  }),
  deletions: fc.array(fc.nat(), { maxLength: 6 }),
  faults: fc.array(fc.record({ kind: fc.constantFrom('drop-route' as const, 'node-down' as const), node: fc.nat(), to: fc.nat() }), {
    maxLength: 3,
  }),
  probes: fc.array(
    fc.record({
      from: fc.nat(),
      to: fc.nat(),
      port: fc.constantFrom(53, 80, 81, 30080),
      proto: fc.constantFrom('TCP' as const, 'UDP' as const, 'ICMP' as const),
    }),
    { minLength: 1, maxLength: 15 },
  ),
});

function build(s: Scenario): { w: TestWorld; sources: NetnsRef[]; targets: string[] } {
  const names = ['cp', ...Array.from({ length: s.workers }, (_, i) => `w${i + 1}`)];
  const faults: FaultSpec[] = [];
  for (const f of s.faults) {
    const n = names[f.node % names.length];
    const to = names[f.to % names.length];
    if (f.kind === 'node-down') faults.push({ kind: 'node-down', node: n });
    else if (to !== n) faults.push({ kind: 'drop-route', node: n, to });
  }
  const w = new TestWorld({ cni: s.cni, nodes: s.workers, seed: s.seed, faults });
  s.pods.forEach((p, i) =>
    w.pod(`p${i}`, {
      node: names[p.node % names.length],
      hostNetwork: p.hostNetwork,
      labels: { app: i % 2 ? 'odd' : 'even' },
      listen: p.listen ? [80, { port: 53, protocol: 'UDP', process: 'dns' }] : [],
    }),
  );
  for (const d of s.deletions) if (s.pods.length > 0) w.deletePod(`p${d % s.pods.length}`);
  w.service('even', { type: 'NodePort', clusterIP: '10.96.0.80', selector: { app: 'even' }, ports: [{ port: 80, nodePort: 30080 }] });
  w.service('odd', { clusterIP: '10.96.0.81', selector: { app: 'odd' }, ports: [{ port: 53, protocol: 'UDP' }] });
  const sources: NetnsRef[] = [...names.map(node), ...s.pods.map((_, i) => pod('default', `p${i}`))];
  const targets = [
    ...names.map((n) => w.nodeIp(n)),
    ...s.pods.map((_, i) => w.podIp(`p${i}`) || '10.244.9.9'),
    '10.96.0.80',
    '10.96.0.81',
    '8.8.8.8',
    '10.0.0.250',
  ];
  return { w, sources, targets };
}

function run(s: Scenario): unknown[] {
  const { w, sources, targets } = build(s);
  return s.probes.map((p) => {
    const from = sources[p.from % sources.length];
    const to = targets[p.to % targets.length];
    return p.proto === 'ICMP' ? w.net.ping(from, to) : w.net.connect(from, to, p.port, p.proto);
  });
}

test('every walk ends, with a bounded path and a reason', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      for (const r of run(s) as { hops: unknown[]; reason: string; outcome: string }[]) {
        assert.ok(r.hops.length <= 70, `${r.hops.length} hops`);
        assert.ok(r.reason.length > 0);
        assert.ok(r.outcome);
      }
    }),
    { numRuns: 150 },
  );
});

test("no two pods share an address, and every pod address lies in its node's block", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { w } = build(s);
      const seen = new Map<string, string>();
      s.pods.forEach((p, i) => {
        const ip = w.podIp(`p${i}`);
        if (!ip || p.hostNetwork) return;
        const other = seen.get(ip);
        assert.equal(other, undefined, `p${i} and ${other} both have ${ip}`);
        seen.set(ip, `p${i}`);
        const a = w.store.get('Pod', 'default', `p${i}`);
        const nodeName = (a?.spec as { nodeName: string }).nodeName;
        const block = w.cluster.nodes.find((n) => n.name === nodeName)?.podCIDR ?? '';
        assert.ok(cidrHas(block, ip), `${ip} outside ${nodeName}'s ${block}`);
      });
    }),
    { numRuns: 150 },
  );
});

test('same seed, same results; a reply always carries a TTL of 64 minus the routers on its way back', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const a = run(s);
      assert.deepEqual(run(s), a);
      for (const r of a as { outcome: string; ttl?: number }[]) {
        if (r.outcome === 'reply') assert.ok(r.ttl !== undefined && r.ttl >= 60 && r.ttl <= 64, `ttl ${r.ttl}`);
      }
    }),
    { numRuns: 80 },
  );
});
