// An isolated server session: the learner's Session runs in its own worker process with a heap limit, and a watchdog
// kills that process when one message runs past its wall-clock budget. The server and the other sessions go on;
// the learner is told "stopped: this line used too much time/memory" and can reset (a fresh process).
import type { ClientMessage, ServerMessage } from '../../core/index.ts';
import { workerEntry } from '../bundle/worker-entry.ts';
import { RESET_TO_GO_ON, SessionProcess } from './session-process.ts';
import type { LessonText, SessionWorkerInit } from './session-worker-protocol.ts';

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

export const SESSION_WORKER_ENTRY = workerEntry('src/node/server/session-worker.ts');

/** A message's wall-clock budget: a run-all gets the budget once per cell of the open lesson. */
export function messageBudget(message: ClientMessage, budgetMs: number, cells: number): number {
  return message.type === 'run-all' ? budgetMs * Math.max(1, cells) : budgetMs;
}

export class IsolatedSession {
  readonly id: string;
  private worker?: SessionProcess;
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

  private spawn(): SessionProcess {
    const worker: SessionProcess = new SessionProcess({
      entry: this.options.entry ?? SESSION_WORKER_ENTRY,
      init: {
        sessionId: this.id,
        lessons: this.lessons,
        backend: this.options.backend,
        backendModule: this.options.backendModule,
        kernelOptions: this.options.kernelOptions,
      },
      memoryMb: this.options.memoryMb ?? DEFAULT_SESSION_MEMORY_MB,
      wording: RESET_TO_GO_ON,
      onOut: (m) => worker === this.worker && this.send(this.translate(m)),
      onStop: (why) => this.stop(worker, why),
    });
    return worker;
  }

  /** Replies pass through, except the `opened` of a reset that had to start a fresh process. */
  private translate(m: ServerMessage): ServerMessage {
    if (m.type === 'opened') {
      this.cells = m.cells.length;
      if (this.resetIds.delete(m.id)) return { type: 'reset-done', id: m.id };
    }
    return m;
  }

  /** The process was stopped: the next open or reset starts a new one; until then every request is told why. */
  private stop(worker: SessionProcess, why: string): void {
    if (worker !== this.worker || this.disposing) return; // an exit while disposing is expected
    this.worker = undefined;
    this.stopped = why;
    this.resetIds.clear();
  }

  /** Queue a message for the process (started by the first message); resolves when it has been answered (or the process was stopped). */
  async handle(message: ClientMessage): Promise<void> {
    if (this.disposing) return;
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
        return;
      }
      this.stopped = undefined;
      this.worker = this.spawn();
    }
    if (forward.type === 'open') this.lessonRef = { lessonId: forward.lessonId, lang: forward.lang, seed: forward.seed };
    else if (forward.type === 'reset' && this.lessonRef && forward.seed !== undefined) this.lessonRef.seed = forward.seed;
    const r = await this.worker.run(forward, () => messageBudget(forward, this.budgetMs, this.cells));
    if (this.disposing) return;
    if (r.kind === 'refused')
      this.send({ type: 'error', id: message.id, code: 'input-limit', message: 'this message could not be passed to the session' });
    else if (r.kind === 'stopped') this.send({ type: 'error', id: message.id, code: 'session-stopped', message: r.why });
  }

  /** Let the process free its backend (namespaces, temp directories), then end it. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const worker = this.worker;
      this.worker = undefined;
      await worker?.close();
    })();
    return this.disposing;
  }
}
