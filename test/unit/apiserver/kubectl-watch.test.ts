// `kubectl get -w` and `kubectl wait` through the facade: Table watch events from the store, as simulated time moves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
before(async () => {
  if (KUBECTL) h = await startHarness();
});
after(async () => h?.close());

test('kubectl get pods -w prints the list, then a row per change of a new pod', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  const world = h.world;
  const child = spawn(KUBECTL ?? 'kubectl', ['--kubeconfig', h.kubeconfig, '--cache-dir', path.join(h.dir, 'cache'), 'get', 'pods', '-w'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    for (let i = 0; i < 100 && !out.includes('toolbox'); i++) await new Promise((r) => setTimeout(r, 20));
    const r = world.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'late', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '60'] }] },
    });
    assert.ok(r.ok);
    world.control.settle();
    for (let i = 0; i < 100 && !/late\s+1\/1\s+Running/.test(out); i++) {
      world.control.advance(1000);
      await new Promise((r2) => setTimeout(r2, 20));
    }
  } finally {
    child.kill();
  }
  const lines = out.split('\n');
  assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  assert.equal(lines.filter((l) => l.startsWith('NAME')).length, 1, 'one header');
  assert.ok(
    lines.some((l) => /^late\s+0\/1\s+Pending\s+0\s+0s$/.test(l)),
    out,
  );
  assert.ok(
    lines.some((l) => /^late\s+1\/1\s+Running\s+0\s+\d+s$/.test(l)),
    out,
  );
});

test('kubectl wait --for=condition=Ready returns once the pod is ready', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  await h.writeBoth(
    'w.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata: { name: waiter }\nspec:\n  containers: [ { name: c, image: nginx } ]\n',
  );
  const created = await h.real(['apply', '-f', 'w.yaml']);
  assert.equal(created.stdout, 'pod/waiter created\n');
  const r = await h.real(['wait', '--for=condition=Ready', 'pod/waiter', '--timeout=60s'], { pump: true });
  assert.equal(r.stdout, 'pod/waiter condition met\n');
  assert.equal(r.code, 0);
});

test('kubectl wait on a pod that is already ready returns at once (the watch answers before any event)', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  const started = Date.now();
  const r = await h.real(['wait', '--for=condition=Ready', 'pod/toolbox', '--timeout=10s']);
  assert.equal(r.stdout, 'pod/toolbox condition met\n');
  assert.ok(Date.now() - started < 5000, 'no waiting for a timeout');
});
