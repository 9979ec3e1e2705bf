// @kubernetes/client-node against the API facade: list, create, patch, delete, watch and exec, with Status errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
before(async () => {
  h = await startHarness();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(h.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});
after(async () => h.close());

/** The HTTP code of a failed client-node call. */
async function codeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e: unknown) {
    return (e as { code?: number }).code;
  }
}

test('list pods and deployments, with a label selector', async () => {
  const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=echo' });
  assert.equal(pods.items.length, 2);
  assert.ok(pods.items.every((p) => p.status?.phase === 'Running' && p.metadata?.name?.startsWith('echo-')));
  const deps = await apps.listNamespacedDeployment({ namespace: 'default' });
  assert.deepEqual(
    deps.items.map((d) => d.metadata?.name),
    ['echo'],
  );
});

test('create (kind and apiVersion defaulted from the URL), get, and AlreadyExists', async () => {
  const body = { metadata: { name: 'cn' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } };
  const created = await core.createNamespacedPod({ namespace: 'default', body });
  assert.equal(created.kind, 'Pod');
  assert.ok(created.metadata?.uid);
  assert.equal(await codeOf(core.createNamespacedPod({ namespace: 'default', body })), 409);
  h.world.control.advance(30_000);
  const got = await core.readNamespacedPod({ namespace: 'default', name: 'cn' });
  assert.equal(got.status?.phase, 'Running');
});

test('patch: merge, strategic and JSON patch', async () => {
  const merge = await core.patchNamespacedPod(
    { namespace: 'default', name: 'cn', body: { metadata: { labels: { tier: 'x' } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  assert.equal(merge.metadata?.labels?.tier, 'x');
  const json = await core.patchNamespacedPod(
    { namespace: 'default', name: 'cn', body: [{ op: 'add', path: '/metadata/annotations', value: { note: 'y' } }] },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
  );
  assert.equal(json.metadata?.annotations?.note, 'y');
  const scaled = await apps.patchNamespacedDeploymentScale(
    { namespace: 'default', name: 'echo', body: { spec: { replicas: 3 } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  assert.equal(scaled.spec?.replicas, 3);
  const strategic = await apps.patchNamespacedDeployment(
    { namespace: 'default', name: 'echo', body: { spec: { template: { metadata: { labels: { app: 'echo', v: '2' } } } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  assert.equal(strategic.spec?.template.metadata?.labels?.v, '2');
  assert.equal(strategic.spec?.replicas, 3);
});

test('Status errors carry the real codes: 404, 422', async () => {
  assert.equal(await codeOf(core.readNamespacedPod({ namespace: 'default', name: 'nosuch' })), 404);
  assert.equal(
    await codeOf(core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'bad' }, spec: { containers: [] } } })),
    422,
  );
  assert.equal(await codeOf(core.readNamespacedPod({ namespace: 'nowhere', name: 'x' })), 404);
});

test('watch: ADDED for what exists, then MODIFIED and DELETED as the world changes', async () => {
  const events: string[] = [];
  const w = new k8s.Watch(kc);
  const req = await w.watch(
    '/api/v1/namespaces/default/pods',
    { fieldSelector: 'metadata.name=cn' },
    (type, obj: k8s.V1Pod) => events.push(`${type} ${obj.metadata?.name}`),
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, 100));
  await core.deleteNamespacedPod({ namespace: 'default', name: 'cn' });
  for (let i = 0; i < 50 && !events.includes('DELETED cn'); i++) {
    h.world.control.advance(1000);
    await new Promise((r) => setTimeout(r, 20));
  }
  req.abort();
  assert.equal(events[0], 'ADDED cn');
  assert.ok(events.includes('MODIFIED cn'), events.join(', '));
  assert.equal(events.at(-1), 'DELETED cn');
});

function sink(into: string[]): Writable {
  return new Writable({
    write(chunk, _enc, cb) {
      into.push(String(chunk));
      cb();
    },
  });
}

test('exec: stdout, stderr and the exit status', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await new Promise<k8s.V1Status>((resolve) => {
    void new k8s.Exec(kc).exec(
      'default',
      'toolbox',
      'shell',
      ['sh', '-c', 'hostname; echo oops >&2; exit 2'],
      sink(out),
      sink(err),
      null,
      false,
      resolve,
    );
  });
  assert.equal(out.join(''), 'toolbox\n');
  assert.equal(err.join(''), 'oops\n');
  assert.equal(status.status, 'Failure');
  assert.equal(status.reason, 'NonZeroExitCode');
  assert.deepEqual(status.details?.causes, [{ reason: 'ExitCode', message: '2' }]);
});

test('exec with a tty: an interactive shell that echoes, runs lines and exits', async () => {
  const out: string[] = [];
  const stdin = new PassThrough();
  const done = new Promise<k8s.V1Status>((resolve) => {
    void new k8s.Exec(kc).exec('default', 'toolbox', 'shell', ['sh'], sink(out), null, stdin, true, resolve);
  });
  await new Promise((r) => setTimeout(r, 100));
  stdin.write('hostname\r');
  await new Promise((r) => setTimeout(r, 100));
  stdin.write('exit 0\r');
  const status = await done;
  const text = out.join('');
  assert.equal(status.status, 'Success');
  assert.match(text, /# hostname\r\ntoolbox\r\n/);
  assert.match(text, /# exit 0\r\n$/);
});
