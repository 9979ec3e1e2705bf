// The authoring forms through the kube backend against `podlab apiserver` (real kubectl): applied and object checks,
// selectors and captured values hold there as on the simulator, read off that cluster's own names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Kernel } from '../../../src/core/runtime/kernel.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { skipWithoutKubectl } from '../apiserver/harness.ts';
import { startFacadeCluster } from './facade-cluster.ts';

test('the authoring fixture on the kube backend: every check passes', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const cluster = await startFacadeCluster(await readFile('test/fixtures/lessons/authoring-forms.md', 'utf8'), 30);
  const backend = new KubeBackend({ kubeconfig: cluster.kubeconfig, namespace: 'default', log: () => undefined });
  const kernel = new Kernel(cluster.lesson, backend, {});
  try {
    const outcomes = await kernel.runAll();
    for (const o of outcomes) {
      assert.equal(o.error, undefined, `${o.cellId}: ${o.error}`);
      for (const c of o.checks) assert.ok(c.passed, `${o.cellId}: ${c.text}: ${c.reason}\n${o.output}`);
    }
    assert.match(kernel.values.get('IP') ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(kernel.values.get('WEB') ?? '', /^web-/);
  } finally {
    await kernel.stop();
    await cluster.close();
  }
});
