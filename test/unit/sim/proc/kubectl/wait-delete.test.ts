// Commands that let simulated time pass: wait, delete (graceful), rollout status, run -it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { KubectlHarness } from './harness.ts';
import { pod } from './scenarios.ts';

test('wait --for=condition=Ready returns when the pod becomes ready, in simulated time', () => {
  const h = new KubectlHarness({ startMs: 7000 });
  h.seed(pod('web'));
  const t0 = h.clock.now();
  const r = h.run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['pod/web condition met\n', '', 0]);
  assert.equal(h.clock.now() - t0, 7000);
});

test('wait times out with kubectl’s message after exactly the timeout', () => {
  const h = new KubectlHarness({ startMs: 600_000 });
  h.seed(pod('slow'));
  const t0 = h.clock.now();
  const r = h.run('kubectl wait --for=condition=Ready pod/slow --timeout=5s');
  assert.equal(r.stderr, 'error: timed out waiting for the condition on pods/slow\n');
  assert.equal(r.code, 1);
  assert.equal(h.clock.now() - t0, 5000);
  assert.equal(h.run('kubectl wait --for=condition=Ready pods -l app=none').stderr, 'error: no matching resources found\n');
  assert.equal(h.run('kubectl wait --for=delete pod/nosuch').code, 0);
});

test('delete waits out the grace period; --wait=false and --force do not', () => {
  const h = new KubectlHarness();
  for (const n of ['a', 'b', 'c']) h.seed(pod(n));
  h.advance(10_000);
  let t0 = h.clock.now();
  assert.equal(h.run('kubectl delete pod a').stdout, 'pod "a" deleted\n');
  assert.equal(h.clock.now() - t0, 30_000);
  t0 = h.clock.now();
  assert.equal(h.run('kubectl delete pod b --wait=false').stdout, 'pod "b" deleted\n');
  assert.equal(h.clock.now() - t0, 0);
  assert.match(h.run('kubectl get pod b').stdout, /Terminating/);
  const f = h.run('kubectl delete pod c --grace-period=0 --force');
  assert.equal(f.stdout, 'pod "c" force deleted\n');
  assert.equal(
    f.stderr,
    'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
  );
  assert.equal(h.run('kubectl delete pods -l app=none').stdout, 'No resources found\n');
  assert.equal(h.run('kubectl delete pods').stderr, 'error: resource(s) were provided, but no name was specified\n');
});

test('rollout status prints progress until the deployment is available', () => {
  const h = new KubectlHarness();
  h.seed({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
  // a stand-in deployment controller: one more replica becomes available every 2s
  const step = (available: number) => () => {
    const d = h.store.get('Deployment', 'default', 'web') as KObject;
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: available,
      readyReplicas: available,
    };
    h.store.update(d);
  };
  for (let i = 0; i <= 3; i++) h.clock.schedule(2000 * i, step(i));
  const r = h.run('kubectl rollout status deployment/web');
  assert.equal(
    r.stdout,
    'Waiting for deployment spec update to be observed...\n' +
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n' +
      'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n' +
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n' +
      'deployment "web" successfully rolled out\n',
  );
});

test('run -it --rm opens a shell once the pod runs and deletes it when the shell exits', () => {
  const h = new KubectlHarness();
  (h.world as unknown as { images: unknown }).images = {
    lookup: () => ({ repository: 'busybox', shells: ['sh'], commands: ['wget'], prompt: 'busybox', workdir: '/', pullMs: 1 }),
    start: () => ({ listeners: [], logs: [] }),
  };
  const r = h.run('kubectl run -it --rm tmp --image=busybox -- sh', { tty: true });
  assert.equal(r.stderr, "If you don't see a command prompt, try pressing enter.\n");
  assert.equal(r.shells.length, 1);
  let out = '';
  let err = '';
  r.shells[0].onExit?.({ stdout: (t) => (out += t), stderr: (t) => (err += t) }, 0);
  assert.equal(err, "Session ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running\n");
  assert.equal(out, 'pod "tmp" deleted\n');
  assert.equal(h.run('kubectl run x --image=nginx --rm').stderr, 'error: --rm should only be used for attached containers\n');
});
