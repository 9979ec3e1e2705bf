// The scheduler: nodeName, pins, nodeSelector, taints and tolerations, spreading, and why a pod stays Pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { unschedulableMessage } from '../../../../src/core/sim/control/scheduler.ts';
import { makeTestWorld, podManifest } from './test-world.ts';

function place(w: World, p: Pod): Pod {
  const r = w.api.create(p);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  w.control.settle();
  return w.store.get<Pod>('Pod', 'default', p.metadata.name) as Pod;
}
const nginx = (name: string, extra: Record<string, unknown> = {}): Pod => podManifest(name, [{ name: 'c', image: 'nginx' }], extra);

test('user pods never land on the tainted control plane', () => {
  const w = makeTestWorld();
  for (let i = 0; i < 8; i++) assert.notEqual(place(w, nginx(`p${i}`)).spec.nodeName, 'cp1');
});

test('pods spread: each new pod goes to the worker with fewest user pods', () => {
  const w = makeTestWorld({ workers: ['w1', 'w2', 'w3'] });
  const counts = new Map<string, number>();
  for (let i = 0; i < 9; i++) {
    const n = place(w, nginx(`p${i}`)).spec.nodeName as string;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  assert.deepEqual([...counts.values()].sort(), [3, 3, 3]);
});

test('a toleration for the control-plane taint allows the control plane', () => {
  const w = makeTestWorld({ workers: [] });
  const tolerant = place(
    w,
    nginx('t', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
  );
  assert.equal(tolerant.spec.nodeName, 'cp1');
});

test('nodeSelector picks the labelled node; nodeName and pins are honoured', () => {
  const w = makeTestWorld({ labels: { w2: { disk: 'ssd' } }, pins: [{ pod: 'pinned', node: 'w1' }] });
  for (let i = 0; i < 3; i++) assert.equal(place(w, nginx(`ssd${i}`, { nodeSelector: { disk: 'ssd' } })).spec.nodeName, 'w2');
  assert.equal(place(w, nginx('named', { nodeName: 'w1' })).spec.nodeName, 'w1');
  assert.equal(place(w, nginx('pinned')).spec.nodeName, 'w1');
});

test('no feasible node: Pending with PodScheduled=False and a FailedScheduling event', () => {
  const w = makeTestWorld();
  const p = place(w, nginx('nowhere', { nodeSelector: { disk: 'ssd' } }));
  assert.equal(p.spec.nodeName, undefined);
  assert.equal(p.status?.phase, 'Pending');
  const msg =
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
  const cond = p.status?.conditions?.find((c) => c.type === 'PodScheduled') as { status: string; reason?: string; message?: string };
  assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'Unschedulable', msg]);
  const ev = w.store.list('Event', 'default').filter((e) => e.reason === 'FailedScheduling');
  assert.deepEqual(
    ev.map((e) => [e.type, e.message, e.count]),
    [['Warning', msg, 1]],
  );
  w.control.advance(60_000);
  assert.equal(
    w.store.list('Event', 'default').find((e) => e.reason === 'FailedScheduling')?.count,
    1,
    'no event storm while nothing changes',
  );
  // Labelling a node makes room: the pod is scheduled on the next pass.
  assert.ok(w.api.patch({ kind: 'Node', name: 'w2' }, { metadata: { labels: { disk: 'ssd' } } }, 'merge').ok);
  w.control.settle();
  assert.equal(w.store.get<Pod>('Pod', 'default', 'nowhere')?.spec.nodeName, 'w2');
});

test('a down node is not chosen (unreachable taint)', () => {
  const w = makeTestWorld({ faults: [{ kind: 'node-down', node: 'w1' }] });
  for (let i = 0; i < 4; i++) assert.equal(place(w, nginx(`p${i}`)).spec.nodeName, 'w2');
});

test('the reasons histogram is sorted and counted as the real FitError prints it', () => {
  assert.equal(
    unschedulableMessage(2, ['node(s) were unschedulable', 'node(s) were unschedulable']),
    '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('same seed, same placements', () => {
  const nodes = (seed: number): string[] => {
    const w = makeTestWorld({ seed });
    return [0, 1, 2, 3, 4].map((i) => place(w, nginx(`p${i}`)).spec.nodeName as string);
  };
  assert.deepEqual(nodes(5), nodes(5));
});
