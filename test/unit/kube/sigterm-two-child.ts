// Child process for the two-session SIGTERM test: two kube sessions (as `podlab serve --backend kube --shell` holds
// them), each with its namespace and temp directory; it says where they are and waits for the signal.
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { KubeBackend } from '../../../src/node/backends/kube/kube-backend.ts';
import { KUBE_LESSON } from './facade-cluster.ts';

const lesson = parseLesson(KUBE_LESSON, 'kube-fixture.md');
const sessions = [0, 1].map(() => new KubeBackend({ kubeconfig: process.argv[2], log: (l) => process.stderr.write(`${l}\n`) }));
for (const s of sessions) await s.start(lesson.cluster, { seed: 1, lessonId: lesson.id });
const dirs = sessions.map((s) => (s as unknown as { session: { dir: string } }).session.dir);
process.stdout.write(`started ${sessions.map((s) => s.namespace).join(',')} ${dirs.join(',')}\n`);
setInterval(() => undefined, 1000);
