// The worker process of one isolated server session: a Session (Kernel + backend) driven by protocol messages from the
// server, which kills this process when one message runs too long; the heap limit ends it when one uses too much memory.
import { childChannel } from '../child-worker.ts';
import { type Backend, type Lesson, parseLesson, Session } from '../../core/index.ts';
import type { FromSessionWorker, SessionWorkerInit, ToSessionWorker } from './session-worker-protocol.ts';

const port = await childChannel<SessionWorkerInit, ToSessionWorker, FromSessionWorker>();
const init = port.init;

/** Loaded on demand: a test's backend module does not load the simulator at all. */
async function backendFactory(): Promise<() => Backend> {
  if (init.backendModule === undefined) {
    const { createBackend } = await import('../backends/index.ts');
    return () => createBackend(init.backend);
  }
  const mod = (await import(init.backendModule)) as { createBackend: () => Backend };
  return mod.createBackend;
}

const newBackend = await backendFactory();
const send = (m: FromSessionWorker) => port.send(m);

// Lessons are parsed once, on first use (the server sends their learner's copy as text).
const parsed = new Map<string, Lesson>();
function lesson(id: string, lang?: string): Lesson | undefined {
  const src = init.lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang));
  if (!src) return undefined;
  const key = `${src.id}\u0000${src.lang}`;
  let l = parsed.get(key);
  if (!l) parsed.set(key, (l = parseLesson(src.source, src.file)));
  return l;
}

const session = new Session(init.sessionId, { lesson, backend: newBackend, kernelOptions: init.kernelOptions }, (m) =>
  send({ type: 'out', message: m }),
);

// One message at a time, in order: `start` arms the server's watchdog for this message, `end` disarms it.
let queue: Promise<void> = Promise.resolve();
port.on((m) => {
  if (m.type === 'dispose') {
    queue = queue.then(() => session.dispose()).then(() => send({ type: 'disposed' }));
    return;
  }
  queue = queue.then(async () => {
    send({ type: 'start', seq: m.seq });
    await session.handle(m.message);
    send({ type: 'end', seq: m.seq });
  });
});
send({ type: 'ready' });
