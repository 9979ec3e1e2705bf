// The topology picture's geometry: nodes wrap to the width, pods sit inside their node, hops map to boxes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterView } from '../../../src/core/backend.ts';
import { hopPoints, layoutTopology, METRICS, serviceArrow } from '../../../web/topology/layout.ts';

function view(nodes: number, podsPerNode: number): ClusterView {
  const ns = Array.from({ length: nodes }, (_, i) => ({
    name: `n${i}`,
    role: i === 0 ? 'control-plane' : 'worker',
    ip: `10.0.0.${i + 1}`,
    ready: true,
  }));
  const pods = ns.flatMap((n, i) =>
    Array.from({ length: podsPerNode }, (_, j) => ({
      namespace: 'default',
      name: `p${i}-${j}`,
      node: n.name,
      ip: `10.1.${i}.${j}`,
      phase: 'Running',
      ready: '1/1',
      labels: {},
      hostNetwork: false,
      containers: [{ name: 'c', image: 'nginx', ports: [80] }],
    })),
  );
  return {
    nodes: ns,
    pods: [
      ...pods,
      {
        namespace: 'kube-system',
        name: 'coredns',
        node: 'n0',
        ip: '10.1.0.99',
        phase: 'Running',
        ready: '1/1',
        labels: {},
        hostNetwork: false,
        containers: [],
      },
    ],
    services: [
      {
        namespace: 'default',
        name: 'web',
        type: 'ClusterIP',
        clusterIP: '10.96.0.5',
        ports: [],
        selector: {},
        endpoints: ['default/p1-0'],
      },
    ],
    version: 1,
  };
}

const inside = (inner: { x: number; y: number; w: number; h: number }, outer: { x: number; y: number; w: number; h: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

for (const width of [200, 480, 1000]) {
  test(`layout at ${width}px: no node wider than allowed per row, every pod inside its node`, () => {
    const l = layoutTopology(view(4, 3), { maxWidth: width, showPause: false });
    const perRow = Math.max(1, Math.floor((width - METRICS.gap) / (METRICS.nodeWidth + METRICS.gap)));
    assert.equal(new Set(l.nodes.map((n) => n.y)).size, Math.ceil(4 / perRow));
    for (const n of l.nodes) {
      assert.equal(n.pods.length, 3);
      for (const p of n.pods) assert.ok(inside(p, n), `${p.pod.name} inside ${n.node.name}`);
      assert.ok(n.y + n.h <= l.height);
    }
    assert.ok(!l.anchors.has('pod/kube-system/coredns'), 'system pods are left out');
  });
}

test('the pause container is drawn first when asked, and makes pods taller', () => {
  const plain = layoutTopology(view(2, 1), { maxWidth: 800, showPause: false });
  const pause = layoutTopology(view(2, 1), { maxWidth: 800, showPause: true });
  assert.deepEqual(
    pause.nodes[0].pods[0].containers.map((c) => c.name),
    ['pause', 'c'],
  );
  assert.ok(pause.nodes[0].pods[0].h > plain.nodes[0].pods[0].h);
});

test('hops become points: known namespaces in order, repeats merged, unknown skipped', () => {
  const l = layoutTopology(view(2, 1), { maxWidth: 800, showPause: false });
  const pts = hopPoints(l, [
    { at: 'pod/default/p0-0' },
    { at: 'node/n0' },
    { at: 'node/n0' },
    { at: 'tunl0?' },
    { at: 'node/n1' },
    { at: 'pod/p1-0' },
  ]);
  assert.equal(pts.length, 4);
  const svc = l.services[0];
  assert.ok(svc.y + svc.h < l.nodes[0].y, 'Services are drawn above the nodes');
});

test("a Service's arrow stays in the gutters: never inside a node's header, ends at the pod's left edge", () => {
  for (const width of [480, 1000]) {
    const v = view(4, 3);
    v.services[0].endpoints = ['default/p0-0', 'default/p1-2', 'default/p3-1'];
    const l = layoutTopology(v, { maxWidth: width, showPause: false });
    const svc = l.services[0];
    for (const ep of v.services[0].endpoints) {
      const pod = l.anchors.get(`pod/${ep}`);
      assert.ok(pod);
      const d = serviceArrow(l, svc, pod);
      const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
      const points = numbers.flatMap((n, i) => (i % 2 === 0 ? [{ x: n, y: numbers[i + 1] }] : []));
      // Every point of the path (ends and control points: the curve lies within them) is out of every header.
      for (const n of l.nodes)
        for (const p of points)
          assert.ok(
            !(p.x > n.x && p.x < n.x + n.w && p.y > n.y && p.y < n.y + METRICS.nodeHeader),
            `${ep} at ${width}: ${JSON.stringify(p)} in ${n.node.name}'s header`,
          );
      const end = points.at(-1);
      assert.ok(end && end.x === pod.x - 2 && end.y > pod.y && end.y < pod.y + pod.h, `${ep}: ${d}`);
    }
  }
});
