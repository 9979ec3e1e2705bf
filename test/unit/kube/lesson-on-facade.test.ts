// The whole pod-networking lesson through the kube backend against `podlab apiserver` (real kubectl, real shells,
// real probes through kubectl exec). What needs a node's shell cannot run on an existing cluster and must say so;
// everything else passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Kernel } from '../../../src/core/runtime/kernel.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { skipWithoutKubectl } from '../apiserver/harness.ts';
import { startFacadeCluster } from './facade-cluster.ts';

test('pod-networking (en) on the kube backend: every check passes except those that need a node shell', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const cluster = await startFacadeCluster(await readFile('lessons/pod-networking/lesson.en.md', 'utf8'), 30);
  // the default namespace, as --backend kind uses: the lesson's pinned names and FQDNs assume it
  const backend = new KubeBackend({ kubeconfig: cluster.kubeconfig, namespace: 'default', log: () => undefined });
  const kernel = new Kernel(cluster.lesson, backend, {});
  try {
    const outcomes = await kernel.runAll();
    const nodeCells = new Set(cluster.lesson.cells.filter((c) => c.kind === 'run' && c.target.kind === 'node').map((c) => c.id));
    assert.ok(nodeCells.size >= 5);
    for (const o of outcomes) {
      if (nodeCells.has(o.cellId)) {
        assert.match(o.error ?? '', /cannot open a shell on node \S+: an existing cluster gives podlab no shell on its nodes/, o.cellId);
        continue;
      }
      assert.equal(o.error, undefined, `${o.cellId}: ${o.error}`);
      assert.equal(o.timedOut, false, `${o.cellId} timed out:\n${o.output}`);
      for (const c of o.checks) {
        if (c.kind === 'reach' && /^henry00\d /.test(c.text)) {
          assert.equal(c.observed, 'error', c.text);
          continue;
        }
        assert.ok(c.passed, `${o.cellId}: ${c.text}: ${c.reason}\n${o.output}`);
      }
    }
    assert.ok(outcomes.some((o) => o.output.includes('deployment "web" successfully rolled out')));
  } finally {
    await kernel.stop();
    await cluster.close();
  }
});
