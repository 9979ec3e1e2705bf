// The lab's session pool: N host processes (session-worker.ts, each with a heap limit and the wall-clock watchdog of
// SessionProcess), each running many learners' simulator sessions in-process. A learner's session is pinned to one
// host, chosen least-loaded when the session is made. A line that runs too long, a heap limit reached or a crash
// kills that host only: each session that lived on it is told it is lost (the one whose message was running is to
// blame), and the lab rebuilds it on a fresh host by replaying its stored inputs (learner-session.ts).
import { availableParallelism } from 'node:os';
import type { ClientMessage, KernelOptions, ServerMessage } from '../../core/index.ts';
import { DEFAULT_MESSAGE_BUDGET_MS, messageBudget, SESSION_WORKER_ENTRY } from '../server/isolated-session.ts';
import { SessionProcess, stoppedMessage, type StopWording } from '../server/session-process.ts';
import type { HostedSession, LessonText } from '../server/session-worker-protocol.ts';
import type { RunnableSession, SessionLost, SessionMaker } from './learner-session.ts';

export interface PoolOptions {
  /** Host processes (default: the machine's CPUs). */
  size?: number;
  /** A backend name from the backend table. */
  backend: string;
  /** A module URL exporting `createBackend()` instead (tests). */
  backendModule?: string;
  /** Wall-clock budget of one message (a run-all gets it once per cell); default 60 s. */
  messageBudgetMs?: number;
  /** Old-generation heap limit of each host process, in MB; default 4096 (a host holds many sessions). */
  memoryMb?: number;
  kernelOptions?: KernelOptions;
  /** The worker entry (tests substitute their own). */
  entry?: URL;
}

export const DEFAULT_HOST_MEMORY_MB = 4096;

/** What the learner whose line stopped a host reads: the lab rebuilds the session without that line. */
const REBUILT = 'the lab rebuilt your session without it (everything before it is as it was)';
const POOL_WORDING: StopWording = {
  time: (ms) => stoppedMessage('time', `${ms / 1000} s`, REBUILT),
  memory: (mb) => stoppedMessage('memory', `${mb} MB shared with other learners`, REBUILT),
  crash: (detail) => stoppedMessage('crash', detail, REBUILT),
};

/** One slot of the pool: a host process (started on first use, replaced after a stop) and the sessions pinned to it. */
interface Host {
  index: number;
  process?: SessionProcess;
  /** Processes this slot started (1 + the stops it has seen). */
  started: number;
  readonly sessions: Map<string, PooledSession>;
}

/** What a test or the bench can see of the pool: per host, its process id and how many sessions it holds. */
export interface PoolStats {
  hosts: { sessions: number; started: number; alive: boolean }[];
}

class PooledSession implements RunnableSession {
  private cells = 1;
  /** Why this session's host was stopped (it is then lost: the lab makes a new one). */
  private gone?: string;
  private disposed = false;
  /** Whether the host has seen a message of this session (else there is nothing to dispose there). */
  private used = false;

  constructor(
    private readonly pool: SessionPool,
    private readonly host: Host,
    readonly hosted: HostedSession,
    private readonly send: (m: ServerMessage) => void,
    private readonly onLost?: () => void,
  ) {}

  async handle(m: ClientMessage): Promise<void | SessionLost> {
    if (this.gone !== undefined) return { reason: this.gone, culprit: false };
    if (this.disposed) return;
    this.used = true;
    const r = await this.pool.processOf(this.host).run(m, () => messageBudget(m, this.pool.budgetMs, this.cells), this.hosted);
    if (this.disposed) return;
    if (r.kind === 'refused')
      this.send({ type: 'error', id: m.id, code: 'input-limit', message: 'this message could not be passed to the session' });
    else if (r.kind === 'stopped') return { reason: r.why, culprit: r.running };
  }

  /** A reply from the host. */
  out(m: ServerMessage): void {
    if (this.disposed || this.gone !== undefined) return;
    if (m.type === 'opened') this.cells = m.cells.length;
    this.send(m);
  }

  /** The host was stopped: this session is lost. */
  lost(why: string): void {
    this.gone = why;
    if (!this.disposed) this.onLost?.();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.host.sessions.delete(this.hosted.sid);
    const p = this.host.process;
    if (this.used && this.gone === undefined && p?.alive) await p.dispose(this.hosted);
  }
}

export class SessionPool {
  private readonly hosts: Host[];
  private sids = 0;
  private closed = false;
  readonly budgetMs: number;

  constructor(
    private readonly lessons: LessonText[],
    private readonly options: PoolOptions,
  ) {
    const size = options.size ?? availableParallelism();
    this.hosts = Array.from({ length: Math.max(1, size) }, (_, index) => ({ index, started: 0, sessions: new Map() }));
    this.budgetMs = options.messageBudgetMs ?? DEFAULT_MESSAGE_BUDGET_MS;
  }

  /** The lab's SessionMaker: a new session on the least-loaded host (the first of equals). */
  readonly make: SessionMaker = (id, send, onLost) => {
    const host = this.hosts.reduce((best, h) => (h.sessions.size < best.sessions.size ? h : best));
    const s = new PooledSession(this, host, { sid: String(++this.sids), id }, send, onLost);
    host.sessions.set(s.hosted.sid, s);
    return s;
  };

  /** The host's process, started now if it has none (a stopped one is replaced by a fresh one). */
  processOf(host: Host): SessionProcess {
    if (host.process?.alive) return host.process;
    host.started++;
    const p: SessionProcess = new SessionProcess({
      entry: this.options.entry ?? SESSION_WORKER_ENTRY,
      init: {
        sessionId: `host-${host.index}`,
        lessons: this.lessons,
        backend: this.options.backend,
        backendModule: this.options.backendModule,
        kernelOptions: this.options.kernelOptions,
      },
      memoryMb: this.options.memoryMb ?? DEFAULT_HOST_MEMORY_MB,
      wording: POOL_WORDING,
      onOut: (m, sid) => sid !== undefined && host.sessions.get(sid)?.out(m),
      onStop: (why) => {
        // Every session that lived on the host is lost; the host's next session starts a fresh process.
        const lost = [...host.sessions.values()];
        host.sessions.clear();
        if (host.process === p) host.process = undefined;
        for (const s of lost) s.lost(why);
      },
    });
    host.process = p;
    return p;
  }

  stats(): PoolStats {
    return { hosts: this.hosts.map((h) => ({ sessions: h.sessions.size, started: h.started, alive: h.process?.alive ?? false })) };
  }

  /** End every host process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.hosts.map((h) => h.process?.close()));
  }
}
