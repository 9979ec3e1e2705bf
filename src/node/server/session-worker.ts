// A session worker process: Sessions (Kernel + backend) driven by protocol messages from the server, which kills this
// process when one message runs too long; the heap limit ends it when one uses too much memory. It runs one learner's
// session (`podlab serve`: messages without `sid`) or many (a host of a lab's session pool: each message names its
// session); either way one message at a time, so the message running when the watchdog fires is the one to blame.
import { childChannel } from '../child-worker.ts';
import { type Backend, type Lesson, parseLesson, Session } from '../../core/index.ts';
import type { FromSessionWorker, HostedSession, SessionWorkerInit, ToSessionWorker } from './session-worker-protocol.ts';

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

// Lessons are parsed once, on first use (the server sends their learner's copy as text), and shared by the sessions.
const parsed = new Map<string, Lesson>();
function lesson(id: string, lang?: string): Lesson | undefined {
  const src = init.lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang));
  if (!src) return undefined;
  const key = `${src.id}\u0000${src.lang}`;
  let l = parsed.get(key);
  if (!l) parsed.set(key, (l = parseLesson(src.source, src.file)));
  return l;
}

/** The sessions of this process by sid; the one session of a per-learner process has no sid. */
const sessions = new Map<string | undefined, Session>();
function session(hosted: HostedSession | undefined): Session {
  let s = sessions.get(hosted?.sid);
  if (!s) {
    const sid = hosted?.sid;
    s = new Session(hosted?.id ?? init.sessionId, { lesson, backend: newBackend, kernelOptions: init.kernelOptions }, (m) =>
      send(sid === undefined ? { type: 'out', message: m } : { type: 'out', message: m, sid }),
    );
    sessions.set(sid, s);
  }
  return s;
}

// One message at a time, in order: `start` arms the server's watchdog for this message, `end` disarms it.
let queue: Promise<void> = Promise.resolve();
port.on((m) => {
  if (m.type === 'dispose') {
    // In the queue: a message sent before the dispose still reaches its session, not a new one.
    const sid = m.session?.sid;
    queue = queue.then(async () => {
      const gone = sid === undefined ? [...sessions.values()] : [sessions.get(sid)].filter((s) => s !== undefined);
      if (sid === undefined) sessions.clear();
      else sessions.delete(sid);
      await Promise.all(gone.map((s) => s.dispose()));
      send(sid === undefined ? { type: 'disposed' } : { type: 'disposed', sid });
    });
    return;
  }
  queue = queue.then(async () => {
    send({ type: 'start', seq: m.seq });
    await session(m.session).handle(m.message);
    send({ type: 'end', seq: m.seq });
  });
});
send({ type: 'ready' });
