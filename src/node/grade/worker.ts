// The grading worker process: grades each submission it is sent on a fresh backend, one at a time.
import { childChannel } from '../child-worker.ts';
import { type Backend, gradeSubmission, parseLesson } from '../../core/index.ts';
import { checkSubmittedManifest } from './manifest-check.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';

const port = await childChannel<WorkerInit, ToWorker, FromWorker>();
const init = port.init;

/** Loaded on demand, so a test's fake backend does not load the simulator at all. */
async function backendFactory(): Promise<() => Backend> {
  if (init.backendModule === undefined) {
    const { createBackend } = await import('../backends/index.ts');
    return () => createBackend(init.backend);
  }
  const mod = (await import(init.backendModule)) as { createBackend: () => Backend };
  return mod.createBackend;
}

const newBackend = await backendFactory();
const send = (m: FromWorker) => port.send(m);

port.on(async (m) => {
  const t0 = performance.now();
  const grade = await gradeSubmission(init.lesson, m.submission, {
    backend: newBackend(),
    parseLesson,
    checkManifest: checkSubmittedManifest,
    cellTimeoutMs: init.cellTimeoutMs,
    maxOutputBytes: init.maxOutputBytes,
  });
  send({ type: 'done', job: m.job, grade, ms: performance.now() - t0 });
});
send({ type: 'ready' });
