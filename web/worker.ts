// The static build's runner: a Web Worker holding one Session (Kernel + simulator) that the page drives over postMessage.
import { isClientMessage, type Lesson, parseLesson, type ServerMessage, Session, SimBackend } from '../src/core/worker.ts';
import { groupCatalog, pickTranslation, preparedLesson } from './catalog.ts';
import type { WorkerInit } from './session/worker-transport.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let session: Session | undefined;

function isInit(v: unknown): v is WorkerInit {
  return (
    typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'init' && Array.isArray((v as { lessons?: unknown }).lessons)
  );
}

/** Build the session from the lessons the page sent; lessons are parsed once, lazily. */
function createSession(init: WorkerInit): Session {
  const parsed = new Map<string, Lesson>();
  const lesson = (id: string, lang?: string): Lesson | undefined => {
    const src = init.lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang));
    if (!src) return undefined;
    const key = `${src.id}\u0000${src.lang}`;
    let l = parsed.get(key);
    if (!l) parsed.set(key, (l = preparedLesson(src, parseLesson)));
    return l;
  };
  const kernelOptions = init.cellTimeoutMs === undefined ? undefined : { cellTimeoutMs: init.cellTimeoutMs };
  return new Session('worker', { lesson, backend: () => new SimBackend(), kernelOptions }, (m: ServerMessage) => scope.postMessage(m));
}

scope.addEventListener('message', (e) => {
  if (isInit(e.data)) {
    void session?.dispose();
    session = createSession(e.data);
    // Sent by the page's HTML at load: boot the lesson's cluster now, in the translation the page will pick.
    const prepare = e.data.prepare;
    const entry = prepare && groupCatalog(e.data.lessons).find((x) => x.id === prepare.lessonId);
    if (prepare && entry) {
      const source = pickTranslation(entry, prepare.langs);
      void session.prepare(source.id, source.lang);
    }
  } else if (session && isClientMessage(e.data)) {
    void session.handle(e.data);
  }
});
