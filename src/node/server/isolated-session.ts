// An isolated server session: the learner's Session runs in its own worker process with a heap limit, and a watchdog
// kills that process when one message runs past its wall-clock budget. The server and the other sessions go on;
// the learner is told "stopped: this line used too much time/memory" and can reset (a fresh process).
import type { ClientMessage, ServerMessage } from '../../core/index.ts';
import { ChildWorker } from '../child-worker.ts';
import { workerEntry } from '../bundle/worker-entry.ts';
import type { FromSessionWorker, LessonText, SessionWorkerInit, ToSessionWorker } from './session-worker-protocol.ts';

export interface IsolationOptions {
  /** A backend name from the backend table. */
  backend: string;
  /** A module URL exporting `createBackend()` instead (tests). */
  backendModule?: string;
  /** Wall-clock budget of one message (a run-all gets it once per cell); default 60 s. */
  messageBudgetMs?: number;
  /** Old-generation heap limit of each session's process, in MB; default 512. */
  memoryMb?: number;
  /** The worker entry (tests substitute their own). */
  entry?: URL;
}

export const DEFAULT_MESSAGE_BUDGET_MS = 60_000;
export const DEFAULT_SESSION_MEMORY_MB = 512;
/** How long a disposing worker may take to free its backend before it is terminated. */
const DISPOSE_GRACE_MS = 10_000;

const DEFAULT_ENTRY = workerEntry('src/node/server/session-worker.ts');

/** The text a learner sees when the watchdog or the heap limit stops their session (fixed: the same on every run). */
export function stoppedMessage(why: 'time' | 'memory' | 'crash', detail: string): string {
  const what = why === 'time' ? `it ran longer than ${detail}` : why === 'memory' ? `it needed more than ${detail} of memory` : detail;
  return `stopped: this line used too much time/memory (${what}); reset the lesson to go on`;
}

interface Pending {
  seq: number;
  message: ClientMessage;
  done(): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class IsolatedSession {
  readonly id: string;
  private worker?: ChildWorker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** The lesson last opened (a reset after a stop opens it again in a fresh process). */
  private lessonRef?: { lessonId: string; lang?: string; seed?: number };
  private cells = 1;
  /** A reset after a stop is sent as an `open`: its `opened` reply becomes `reset-done`. */
  private readonly resetIds = new Set<number>();
  /** Why the last process was stopped (undefined while one runs or none was ever started). */
  private stopped?: string;
  private disposing?: Promise<void>;

  constructor(
    id: string,
    private readonly lessons: LessonText[],
    private readonly options: IsolationOptions & { kernelOptions?: SessionWorkerInit['kernelOptions'] },
    private readonly send: (m: ServerMessage) => void,
  ) {
    this.id = id;
    // The process starts with the first message: a socket that never sends one costs nothing.
  }

  private get budgetMs(): number {
    return this.options.messageBudgetMs ?? DEFAULT_MESSAGE_BUDGET_MS;
  }

  private spawn(): ChildWorker {
    const init: SessionWorkerInit = {
      sessionId: this.id,
      lessons: this.lessons,
      backend: this.options.backend,
      backendModule: this.options.backendModule,
      kernelOptions: this.options.kernelOptions,
    };
    const memoryMb = this.options.memoryMb ?? DEFAULT_SESSION_MEMORY_MB;
    const worker = new ChildWorker(this.options.entry ?? DEFAULT_ENTRY, { workerData: init, memoryMb });
    worker.on('message', (m: FromSessionWorker) => this.fromWorker(worker, m));
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.stop(worker, stoppedMessage('memory', `${memoryMb} MB`));
      else this.stop(worker, stoppedMessage('crash', `the session failed: ${e.message}`));
    });
    worker.on('exit', () => this.stop(worker, stoppedMessage('crash', 'the session ended unexpectedly')));
    return worker;
  }

  private fromWorker(worker: ChildWorker, m: FromSessionWorker): void {
    if (worker !== this.worker) return;
    if (m.type === 'start') {
      const p = this.pending.get(m.seq);
      if (!p) return;
      const budget = p.message.type === 'run-all' ? this.budgetMs * Math.max(1, this.cells) : this.budgetMs;
      p.timer = setTimeout(() => this.stop(worker, stoppedMessage('time', `${budget / 1000} s`)), budget);
    } else if (m.type === 'end') {
      const p = this.pending.get(m.seq);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(m.seq);
      p.done();
    } else if (m.type === 'out') {
      this.send(this.translate(m.message));
    }
  }

  /** Replies pass through, except the `opened` of a reset that had to start a fresh process. */
  private translate(m: ServerMessage): ServerMessage {
    if (m.type === 'opened') {
      this.cells = m.cells.length;
      if (this.resetIds.delete(m.id)) return { type: 'reset-done', id: m.id };
    }
    return m;
  }

  /** Kill the process: every message it held gets the stop message; the next open or reset starts a new one. */
  private stop(worker: ChildWorker, why: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (this.disposing) return; // an exit while disposing is expected
    this.stopped = why;
    void worker.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      this.send({ type: 'error', id: p.message.id, code: 'session-stopped', message: why });
      p.done();
    }
    this.pending.clear();
    this.resetIds.clear();
  }

  /** Queue a message for the process (started by the first message); resolves when it has been answered (or the process was stopped). */
  handle(message: ClientMessage): Promise<void> {
    if (this.disposing) return Promise.resolve();
    let forward = message;
    if (!this.worker && this.stopped === undefined) {
      this.worker = this.spawn();
    } else if (!this.worker) {
      if (message.type === 'reset' && this.lessonRef) {
        this.resetIds.add(message.id);
        forward = {
          type: 'open',
          id: message.id,
          lessonId: this.lessonRef.lessonId,
          lang: this.lessonRef.lang,
          seed: message.seed ?? this.lessonRef.seed,
        };
      } else if (message.type !== 'open') {
        // Until a reset or an open, every request is told why the session stopped (the message ends "reset the lesson to go on").
        this.send({ type: 'error', id: message.id, code: 'session-stopped', message: this.stopped as string });
        return Promise.resolve();
      }
      this.stopped = undefined;
      this.worker = this.spawn();
    }
    if (forward.type === 'open') this.lessonRef = { lessonId: forward.lessonId, lang: forward.lang, seed: forward.seed };
    else if (forward.type === 'reset' && this.lessonRef && forward.seed !== undefined) this.lessonRef.seed = forward.seed;
    const seq = ++this.seq;
    const worker = this.worker as ChildWorker;
    return new Promise<void>((done) => {
      this.pending.set(seq, { seq, message, done });
      try {
        worker.postMessage({ type: 'message', seq, message: forward } satisfies ToSessionWorker);
      } catch {
        // The message cannot be copied to the process (a throw here would end the server): refused, the session goes on.
        this.pending.delete(seq);
        this.send({ type: 'error', id: message.id, code: 'input-limit', message: 'this message could not be passed to the session' });
        done();
      }
    });
  }

  /** Let the process free its backend (namespaces, temp directories), then end it. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      const freed = new Promise<void>((resolve) => {
        worker.on('message', (m: FromSessionWorker) => m.type === 'disposed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'dispose' } satisfies ToSessionWorker);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([freed, new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_GRACE_MS)))]);
      clearTimeout(timer);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.done();
      }
      this.pending.clear();
      this.worker = undefined;
      await worker.terminate();
    })();
    return this.disposing;
  }
}
