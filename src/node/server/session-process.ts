// A session worker process under watch: a ChildWorker running session-worker.ts with a heap limit, and a wall-clock
// watchdog per message (armed when the process starts the message, disarmed when it ends it). A message that runs past
// its budget, a heap limit reached, a crash: the process is killed, every message it held is answered "stopped"
// (the one that was running says so: it is the one to blame), and the owner is told once. Used by the per-learner
// IsolatedSession (`podlab serve`) and by the hosts of a lab's session pool (many learners per process).
import type { ClientMessage, ServerMessage } from '../../core/index.ts';
import { ChildWorker } from '../child-worker.ts';
import type { FromSessionWorker, HostedSession, SessionWorkerInit, ToSessionWorker } from './session-worker-protocol.ts';

/** The text a learner sees when the watchdog or the heap limit stops their session (fixed: the same on every run). */
export function stoppedMessage(why: 'time' | 'memory' | 'crash', detail: string, next = 'reset the lesson to go on'): string {
  const what = why === 'time' ? `it ran longer than ${detail}` : why === 'memory' ? `it needed more than ${detail} of memory` : detail;
  return `stopped: this line used too much time/memory (${what}); ${next}`;
}

/** How a message sent to the process ended. */
export type RunResult =
  | { kind: 'done' }
  /** The message could not be passed to the process (it cannot be copied); the process goes on. */
  | { kind: 'refused' }
  /** The process was stopped (or closed) before the message ended; `running`: it was this message that ran then. */
  | { kind: 'stopped'; why: string; running: boolean };

/** Why a process was stopped: the learner's sentence for each cause (the caller words the end of it). */
export interface StopWording {
  time(budgetMs: number): string;
  memory(memoryMb: number): string;
  crash(detail: string): string;
}

export const RESET_TO_GO_ON: StopWording = {
  time: (ms) => stoppedMessage('time', `${ms / 1000} s`),
  memory: (mb) => stoppedMessage('memory', `${mb} MB`),
  crash: (detail) => stoppedMessage('crash', detail),
};

export interface SessionProcessOptions {
  entry: URL;
  init: SessionWorkerInit;
  /** Old-generation heap limit of the process, in MB. */
  memoryMb: number;
  wording: StopWording;
  /** A reply of a session in the process (`sid`: which one, in a shared host). */
  onOut(message: ServerMessage, sid: string | undefined): void;
  /** Called once when the process is stopped (not when it is closed). */
  onStop(why: string): void;
}

interface Pending {
  budgetMs: () => number;
  running: boolean;
  timer?: ReturnType<typeof setTimeout>;
  end(r: RunResult): void;
}

/** How long a disposing process may take to free its backends before it is terminated. */
const DISPOSE_GRACE_MS = 10_000;

export class SessionProcess {
  private readonly worker: ChildWorker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  /** Set once the process is stopped or closed: it runs nothing more. */
  private over?: string;
  private readonly disposals = new Map<string | undefined, (() => void)[]>();

  constructor(private readonly options: SessionProcessOptions) {
    this.worker = new ChildWorker(options.entry, { workerData: options.init, memoryMb: options.memoryMb });
    this.worker.on('message', (m: FromSessionWorker) => this.fromWorker(m));
    this.worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.stop(options.wording.memory(options.memoryMb));
      else this.stop(options.wording.crash(`the session failed: ${e.message}`));
    });
    this.worker.on('exit', () => {
      this.stop(options.wording.crash('the session ended unexpectedly'));
      for (const waiters of this.disposals.values()) for (const w of waiters) w();
      this.disposals.clear();
    });
  }

  /** False once the process was stopped or closed. */
  get alive(): boolean {
    return this.over === undefined;
  }

  private fromWorker(m: FromSessionWorker): void {
    if (this.over !== undefined) return;
    if (m.type === 'start') {
      const p = this.pending.get(m.seq);
      if (!p) return;
      p.running = true;
      const budget = p.budgetMs();
      p.timer = setTimeout(() => this.stop(this.options.wording.time(budget)), budget);
    } else if (m.type === 'end') {
      const p = this.pending.get(m.seq);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(m.seq);
      p.end({ kind: 'done' });
    } else if (m.type === 'out') {
      this.options.onOut(m.message, m.sid);
    } else if (m.type === 'disposed') {
      for (const w of this.disposals.get(m.sid) ?? []) w();
      this.disposals.delete(m.sid);
    }
  }

  /** Kill the process: every message it held ends `stopped`, and the owner is told why. */
  private stop(why: string): void {
    if (this.over !== undefined) return;
    this.over = why;
    void this.worker.terminate();
    this.options.onStop(why);
    this.endAll(why);
  }

  private endAll(why: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.end({ kind: 'stopped', why, running: p.running });
    }
    this.pending.clear();
  }

  /**
   * Send one message (to `session`, in a shared host); resolves when the process has handled it, or was stopped.
   * `budgetMs` is read when the process starts the message (a run-all's budget depends on the lesson then open).
   */
  run(message: ClientMessage, budgetMs: () => number, session?: HostedSession): Promise<RunResult> {
    if (this.over !== undefined) return Promise.resolve({ kind: 'stopped', why: this.over, running: false });
    const seq = ++this.seq;
    return new Promise<RunResult>((end) => {
      this.pending.set(seq, { budgetMs, running: false, end });
      try {
        this.worker.postMessage({ type: 'message', seq, message, ...(session ? { session } : {}) } satisfies ToSessionWorker);
      } catch {
        // The message cannot be copied to the process (a throw here would end the server): refused, the session goes on.
        this.pending.delete(seq);
        end({ kind: 'refused' });
      }
    });
  }

  /** Let the process free one session's backend (or every session's), waiting at most a grace period. */
  async dispose(session?: HostedSession): Promise<void> {
    if (this.over !== undefined) return;
    const sid = session?.sid;
    const freed = new Promise<void>((resolve) => this.disposals.set(sid, [...(this.disposals.get(sid) ?? []), resolve]));
    this.worker.postMessage({ type: 'dispose', ...(session ? { session } : {}) } satisfies ToSessionWorker);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([freed, new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_GRACE_MS)))]);
    clearTimeout(timer);
  }

  /** Free every session, then end the process; messages still held end `stopped` without telling the owner. */
  async close(): Promise<void> {
    await this.dispose();
    this.over ??= 'closed';
    this.endAll(this.over);
    await this.worker.terminate();
  }
}
