// A "real cluster" for the kube backend's tests: the API facade (podlab apiserver) over a simulated world with the
// lesson's nodes but none of its setup, so the backend applies the setup itself, through the API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import type { Lesson } from '../../../src/core/lesson/model.ts';
import type { World } from '../../../src/core/sim/contracts.ts';
import { kubeconfigText } from '../../../src/node/apiserver/kubeconfig.ts';
import { startLessonWorld } from '../../../src/node/apiserver/lesson-world.ts';
import { startApiServer } from '../../../src/node/apiserver/server.ts';

export const KUBE_LESSON = `---
id: kube-fixture
title: A lesson for the kube backend tests
lang: en
cluster:
  cni: kindnet
  nodes:
    - { name: cp-1, role: control-plane }
    - { name: node-a, role: worker }
    - { name: node-b, role: worker }
setup:
  - manifests: |
      apiVersion: v1
      kind: Pod
      metadata: { name: toolbox, labels: { role: client } }
      spec:
        containers:
        - { name: shell, image: busybox, command: [sh, -c, 'echo ready && sleep 3600'] }
---

# Kube fixture
`;

export interface FacadeCluster {
  lesson: Lesson;
  world: World;
  kubeconfig: string;
  dir: string;
  close(): Promise<void>;
}

/** Serve the lesson's nodes (without its setup) with simulated time running `speed` times wall time. */
export async function startFacadeCluster(source = KUBE_LESSON, speed = 30): Promise<FacadeCluster> {
  const lesson = parseLesson(source, 'kube-fixture.md');
  const bare = { ...lesson, cluster: { ...lesson.cluster, setup: [] } };
  const started = await startLessonWorld(bare);
  const server = await startApiServer({ world: started.world, timeScale: speed });
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-kube-test-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigText(server.url));
  return {
    lesson,
    world: started.world,
    kubeconfig,
    dir,
    async close() {
      await server.close();
      await started.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
