// Child process for the Ctrl-C test: start the kube backend on the facade, say so, and wait to be interrupted.
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { KUBE_LESSON } from './facade-cluster.ts';

const lesson = parseLesson(KUBE_LESSON, 'kube-fixture.md');
const backend = new KubeBackend({ kubeconfig: process.argv[2], log: (l) => process.stderr.write(`${l}\n`) });
await backend.start(lesson.cluster, { seed: 1, lessonId: lesson.id });
process.stdout.write(`started ${backend.namespace}\n`);
setInterval(() => undefined, 1000);
