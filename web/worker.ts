// The static build's runner: a Web Worker holding one Session (Kernel + simulator) that the page drives over postMessage.
import { isClientMessage, type Lesson, type ServerMessage, Session, SimBackend } from '../src/core/worker.ts';
import { groupCatalog, lessonsInPage, pickTranslation, preparedLesson } from './catalog.ts';
import type { WorkerInit } from './session/worker-transport.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  location: { href: string; hash: string };
}

const scope = globalThis as unknown as WorkerScope;
let session: Session | undefined;
/** The session was made from the lesson page the worker read itself (see selfStart): a later `init` keeps it. */
let selfStarted = false;

/** Lesson ids that are one path segment (as the static build writes them). */
const SAFE_ID = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

function isInit(v: unknown): v is WorkerInit {
  return (
    typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'init' && Array.isArray((v as { lessons?: unknown }).lessons)
  );
}

type ParseLesson = (source: string, file: string) => Lesson;

/**
 * The lesson parser (markdown-it, its entity tables, the front matter's yaml), loaded only when an entry comes
 * without its lesson parsed: lesson pages carry theirs parsed, so the worker's start skips compiling and
 * evaluating all that (40–80 ms on this machine).
 */
async function parserFor(init: WorkerInit): Promise<ParseLesson | undefined> {
  if (init.lessons.every((l) => l.parsed !== undefined)) return undefined;
  return (await import('../src/core/page.ts')).parseLesson;
}

/** Build the session from the lessons the page sent; lessons are parsed once, lazily. */
function createSession(init: WorkerInit, parseLesson: ParseLesson | undefined): Session {
  const parse: ParseLesson = (source, file) => {
    if (!parseLesson) throw new Error(`${file}: the lesson came without being parsed`);
    return parseLesson(source, file);
  };
  const parsed = new Map<string, Lesson>();
  const lesson = (id: string, lang?: string): Lesson | undefined => {
    const src = init.lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang));
    if (!src) return undefined;
    const key = `${src.id}\u0000${src.lang}`;
    let l = parsed.get(key);
    if (!l) parsed.set(key, (l = preparedLesson(src, parse)));
    return l;
  };
  const kernelOptions = init.cellTimeoutMs === undefined ? undefined : { cellTimeoutMs: init.cellTimeoutMs };
  return new Session('worker', { lesson, backend: () => new SimBackend(), kernelOptions }, (m: ServerMessage) => scope.postMessage(m));
}

async function start(init: WorkerInit): Promise<void> {
  const parse = await parserFor(init);
  void session?.dispose();
  session = createSession(init, parse);
  // Boot the lesson's cluster now, in the translation the page will pick.
  const prepare = init.prepare;
  const entry = prepare && groupCatalog(init.lessons).find((x) => x.id === prepare.lessonId);
  if (prepare && entry) {
    const source = pickTranslation(entry, prepare.langs);
    void session.prepare(source.id, source.lang);
  }
}

/**
 * A static lesson page's HTML starts this worker as `worker.js#lesson=ID&langs=en,zh-CN` (src/node/server/page-html.ts).
 * The worker then reads the lessons from that page itself (a fetch the HTTP cache usually answers) and boots the
 * lesson's cluster as soon as its own code is loaded. A message would wait longer: Chromium hands a module worker
 * the messages posted before its script ran only in a task of the page's main thread, which is busy rendering the
 * lesson then (the boot waited 100–200 ms for it). Without the fragment, or if the page cannot be read, the worker
 * waits for the page's `init`.
 */
async function selfStart(): Promise<void> {
  const params = new URLSearchParams(scope.location.hash.slice(1));
  const lessonId = params.get('lesson');
  if (!lessonId || !SAFE_ID.test(lessonId)) return;
  const langs = (params.get('langs') ?? '').split(',').filter((l) => l !== '');
  const page = await fetch(new URL(`lesson/${lessonId}/`, scope.location.href));
  if (!page.ok) return;
  const lessons = lessonsInPage(await page.text());
  if (!lessons.some((l) => l.id === lessonId)) return;
  await start({ type: 'init', lessons, prepare: { lessonId, langs } });
  selfStarted = true;
}

/** Messages are handled in arrival order, after the self-start (so an `open` finds the session it made). */
let ready: Promise<void> = selfStart().catch(() => undefined);

scope.addEventListener('message', (e) => {
  const data = e.data;
  ready = ready.then(async () => {
    if (isInit(data)) {
      // The page's init carries the same lessons the worker read from the page: the session it made stays.
      if (!selfStarted) await start(data);
    } else if (session && isClientMessage(data)) {
      void session.handle(data);
    }
  });
});
