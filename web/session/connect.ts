// Choosing the runner for this page: a Web Worker (static build) or the server's WebSocket (served), per the page config.
import type { LessonSource } from '../catalog.ts';
import type { PageConfig } from '../config.ts';
import { SessionClient } from './session-client.ts';
import { SocketTransport, sessionSocketUrl } from './socket-transport.ts';
import { type BootWorker, WorkerTransport } from './worker-transport.ts';

const SESSION_KEY = 'podlab:session';

/** Where a static lesson page's HTML leaves the Worker it started (see src/node/server/page-html.ts). */
export const BOOT_WORKER_GLOBAL = 'podlabWorker';

/** Take the Worker the HTML started (once): it reads the lessons from the page and boots the lesson's cluster. */
function takeBootWorker(): BootWorker | undefined {
  const g = globalThis as unknown as Record<string, BootWorker | undefined>;
  const w = g[BOOT_WORKER_GLOBAL];
  g[BOOT_WORKER_GLOBAL] = undefined;
  return w;
}

/** This tab will not run the lesson (it is on standby): stop the Worker the HTML started, if any. */
export function dropBootWorker(): void {
  takeBootWorker()?.terminate();
}

/** A client for this page's runner. */
export function connectSession(config: PageConfig, lessons: readonly LessonSource[]): SessionClient {
  // Every (re)connection resumes the session id stored last, so a dropped socket finds its session again.
  if (config.mode === 'served')
    return new SessionClient(new SocketTransport(() => sessionSocketUrl(location.href, config.root, storedSessionId())));
  // The worker the HTML started reads this page's lessons itself and keeps what it made of them; the init is for
  // a worker that could not (web/worker.ts selfStart), and for one started here.
  const boot = takeBootWorker();
  const transport = new WorkerTransport(boot ?? new URL(`${config.root}worker.js`, location.href).href);
  transport.init([...lessons]);
  return new SessionClient(transport);
}

/** The host-shell channel's URL (served with --shell). */
export function ptyUrlFor(config: PageConfig): string {
  const url = new URL(`${config.root}pty`, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** The served session this tab resumes after a reload (per tab: sessionStorage). */
export function storedSessionId(): string | undefined {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberSessionId(id: string): void {
  try {
    sessionStorage.setItem(SESSION_KEY, id);
  } catch {
    // Without storage a reload starts a new session; progress is replayed from localStorage instead.
  }
}

/** Forget the stored session: the next open starts a fresh one (a tab taking over replays the shared progress). */
export function forgetSessionId(): void {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // nothing stored
  }
}
