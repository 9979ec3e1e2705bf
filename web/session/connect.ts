// Choosing the runner for this page: a Web Worker (static build) or the server's WebSocket (served), per the page config.
import type { LessonSource } from '../catalog.ts';
import type { PageConfig } from '../config.ts';
import { SessionClient } from './session-client.ts';
import { SocketTransport, sessionSocketUrl } from './socket-transport.ts';
import { WorkerTransport } from './worker-transport.ts';

const SESSION_KEY = 'podlab:session';

let warm: WorkerTransport | undefined;

/** On a static lesson page, start the Worker while the page still fetches lessons.json. */
export function prewarm(config: PageConfig): void {
  if (config.mode === 'static' && config.lessonId && !warm)
    warm = new WorkerTransport(new URL(`${config.root}worker.js`, location.href).href);
}

/** A client for this page's runner. */
export function connectSession(config: PageConfig, lessons: readonly LessonSource[]): SessionClient {
  // Every (re)connection resumes the session id stored last, so a dropped socket finds its session again.
  if (config.mode === 'served')
    return new SessionClient(new SocketTransport(() => sessionSocketUrl(location.href, config.root, storedSessionId())));
  const transport = warm ?? new WorkerTransport(new URL(`${config.root}worker.js`, location.href).href);
  warm = undefined;
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
