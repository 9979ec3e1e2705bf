// The kube backend says exactly what is missing: a tool not on PATH, a kubeconfig that is not there, a cluster that
// does not answer; and the kind backend's config follows the lesson's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { kindConfig } from '../../../src/node/backends/kube/kind/kind-config.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { requireTools } from '../../../src/node/backends/kube/prerequisites.ts';
import { kubeconfigText } from '../../../src/node/apiserver/kubeconfig.ts';
import { KUBECTL, skipWithoutKubectl } from '../apiserver/harness.ts';
import { KUBE_LESSON } from './facade-cluster.ts';

const lesson = parseLesson(KUBE_LESSON, 'kube-fixture.md');

test('a tool missing from PATH is named, with how to install it', async () => {
  await assert.rejects(requireTools('kind', ['kind', 'kubectl'], { PATH: '/nonexistent' }), (e: Error) => {
    assert.match(e.message, /--backend kind cannot start on this machine:/);
    assert.match(e.message, /`kind` is not installed \(not on PATH\)/);
    assert.match(e.message, /`kubectl` is not installed \(not on PATH\)/);
    return true;
  });
});

test('no kubeconfig file: says where it looked and how to point at one', async () => {
  const b = new KubeBackend({ kubeconfig: '/nonexistent/kubeconfig', log: () => undefined });
  await assert.rejects(
    b.start(lesson.cluster, { seed: 1, lessonId: lesson.id }),
    /no kubeconfig at \/nonexistent\/kubeconfig; pass --kubeconfig FILE or set KUBECONFIG/,
  );
});

test('a cluster that does not answer: "unreachable", with kubectl\'s reason', async (t) => {
  if (skipWithoutKubectl(t)) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-prereq-'));
  try {
    const kc = path.join(dir, 'kubeconfig');
    await writeFile(kc, kubeconfigText('http://127.0.0.1:9'));
    const b = new KubeBackend({ kubeconfig: kc, log: () => undefined });
    await assert.rejects(
      b.start(lesson.cluster, { seed: 1, lessonId: lesson.id }),
      /the cluster in .*kubeconfig is unreachable: The connection to the server 127\.0\.0\.1:9 was refused/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.ok(KUBECTL);
});

test("kind config: one node per lesson node with its role and the lesson's name as a label; Calico disables kindnet", () => {
  const calico = parse(kindConfig({ ...lesson.cluster, cni: 'calico', podCIDR: '192.168.0.0/16' }, 'podlab-x')) as {
    networking: Record<string, unknown>;
    nodes: { role: string; labels: Record<string, string> }[];
  };
  assert.deepEqual(
    calico.nodes.map((n) => [n.role, n.labels['podlab.dev/lesson-node']]),
    [
      ['control-plane', 'cp-1'],
      ['worker', 'node-a'],
      ['worker', 'node-b'],
    ],
  );
  assert.deepEqual(calico.networking, { podSubnet: '192.168.0.0/16', serviceSubnet: '10.96.0.0/12', disableDefaultCNI: true });
  const kindnet = parse(kindConfig(lesson.cluster, 'podlab-x')) as { networking: Record<string, unknown> };
  assert.equal(kindnet.networking.disableDefaultCNI, undefined);
  assert.equal(kindnet.networking.podSubnet, '10.244.0.0/16');
});
