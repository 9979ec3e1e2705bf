// One learner's simulator session in a lab: an isolated session process (as `podlab serve` runs them) whose every
// state-changing input is written to the database before it runs. A session is (lesson, seed, ordered inputs):
// after a crash or a restart, replaying the stored inputs in order rebuilds it — cluster, transcript and progress.
import type { CellOutcome, ClientMessage, ServerMessage } from '../../core/index.ts';
import { LeaseLost, type LearnerRow, type LabStore } from './store.ts';

/** Rebuilds of one session in a row that may meet a stopped host before the lab gives up on the message. */
const MAX_ATTEMPTS = 3;

/** What the lab keeps of a learner's session for the dashboard and a reconnecting page. */
export interface TranscriptEntry {
  /** What the learner did: a typed line, "run cell X", "run all"… */
  input: string;
  /** What came back: terminal output, a cell's output, or an error. */
  output: string;
}

/** Inputs that change the session: stored before they run, replayed after a restart. Others (view, report…) only read. */
const RECORDED = new Set<ClientMessage['type']>([
  'open',
  'run-cell',
  'run-all',
  'answer',
  'reset',
  'terminal-open',
  'terminal-line',
  'terminal-close',
]);

export function isRecorded(m: ClientMessage): boolean {
  return RECORDED.has(m.type);
}

/** A session whose process was stopped while it handled a message (a pooled session: its host was killed). */
export interface SessionLost {
  /** What the learner whose message was running reads. */
  reason: string;
  /** This message was the one running when the process was stopped: the one to blame. */
  culprit: boolean;
}

/**
 * The part of a session the lab talks to: a session in a shared host (session-pool.ts), an IsolatedSession (a process
 * of its own), or an in-process Session (tests). `handle` resolves once the message was answered, or with a
 * SessionLost when the session's process was stopped meanwhile: the lab then rebuilds the session by replay.
 */
export interface RunnableSession {
  handle(m: ClientMessage): Promise<void | SessionLost>;
  dispose(): Promise<void>;
}

/** `onLost`: the session was lost while idle (its host was stopped by another learner's line). */
export type SessionMaker = (id: string, send: (m: ServerMessage) => void, onLost?: () => void) => RunnableSession;

export const DB_UNAVAILABLE = 'podlab lab: the database is unavailable, so this input was not saved and did not run; try again in a moment';

function describeInput(m: ClientMessage): string {
  switch (m.type) {
    case 'terminal-line':
      return `$ ${m.line}`;
    case 'run-cell':
      return `run cell ${m.cellId}`;
    case 'run-all':
      return 'run all cells';
    case 'open':
      return `open ${m.lessonId}`;
    case 'reset':
      return 'reset';
    default:
      return m.type;
  }
}

function describeOutput(replies: ServerMessage[]): string {
  const parts: string[] = [];
  for (const r of replies) {
    if (r.type === 'terminal-result') parts.push(r.result.output);
    else if (r.type === 'cell-outcome') parts.push(r.outcome.output);
    else if (r.type === 'outcomes') parts.push(r.outcomes.map((o) => o.output).join(''));
    else if (r.type === 'error') parts.push(`error: ${r.message}\n`);
  }
  return parts.join('');
}

function notRebuilt(why: string): string {
  return `podlab lab: your session could not be rebuilt yet (${why}); what you sent is saved, and runs when it is: try again in a moment`;
}

/** How a session in a lab of several instances stays on one: its writes are fenced by the instance's lease. */
export interface LeaseFence {
  /** This instance's id: inputs are written only while it holds the learner's lease. */
  instanceId: string;
  /** Called once when a write finds the lease gone (another instance took the session over). */
  onLost(): void;
}

export class LearnerSession {
  readonly transcript: TranscriptEntry[] = [];
  /** The lesson open in the session and its terminals (what a reconnecting page needs to know). */
  lessonId?: string;
  readonly terminals = new Set<string>();
  private session: RunnableSession;
  /** Its process was stopped: the session must be rebuilt by replay before it runs anything. */
  private stale = false;
  /** Inputs of this epoch that stopped a host (also marked in the database, which may be out when it happens). */
  private readonly stoppedSeqs = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  private sink?: (m: ServerMessage) => void;
  private capture: ServerMessage[] = [];
  private disposed = false;

  private constructor(
    public row: LearnerRow,
    private readonly store: LabStore,
    private readonly make: SessionMaker,
    private readonly onChange: () => void,
    private readonly fence?: LeaseFence,
  ) {
    this.session = this.newSession();
  }

  /** A fresh session; only the current one's replies reach the page (a rebuild's replay is silent). */
  private newSession(): RunnableSession {
    const s: RunnableSession = this.make(
      `${this.row.id}-${this.row.epoch}`,
      (m) => {
        if (s !== this.session) return;
        this.capture.push(m);
        this.sink?.(m);
      },
      () => {
        if (s !== this.session) return;
        // Lost while idle: rebuild it now, so that the learner's next input does not wait for the replay.
        this.stale = true;
        // A failure (the database out) leaves it to the next input, which rebuilds first.
        this.enqueue(() => (this.stale ? this.rebuild(Infinity) : undefined)).catch(() => undefined);
      },
    );
    return s;
  }

  /** Run `work` after everything queued before it (one thing at a time per learner). */
  private enqueue<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rebuild the learner's session by replaying its stored inputs in order (nothing is sent to any page). */
  static async restore(
    row: LearnerRow,
    store: LabStore,
    make: SessionMaker,
    onChange: () => void,
    fence?: LeaseFence,
  ): Promise<LearnerSession> {
    const s = new LearnerSession(row, store, make, onChange, fence);
    await s.enqueue(async () => {
      for (const input of await store.replayLog(row.id, row.epoch)) {
        const m = JSON.parse(input.message) as ClientMessage;
        if (input.stopped === null) await s.run(m, false, input.seq);
        else s.noteStopped(m, input.seq, input.stopped);
      }
    });
    return s;
  }

  /** The page that receives this session's replies now (one at a time; undefined when none is attached). */
  attach(sink: ((m: ServerMessage) => void) | undefined): void {
    this.sink = sink;
  }

  /** A learner's message, in order: recorded ones are written to the database first, and refused if that fails. */
  submit(m: ClientMessage): Promise<void> {
    return this.enqueue(async () => {
      let seq: number | undefined;
      if (isRecorded(m)) {
        try {
          seq = await this.store.appendInput(this.row.id, this.row.epoch, JSON.stringify(m), this.fence?.instanceId);
        } catch (e) {
          if (e instanceof LeaseLost) {
            this.sink?.({ type: 'error', id: m.id, code: 'moved', message: e.message });
            this.fence?.onLost();
            return;
          }
          this.sink?.({ type: 'error', id: m.id, code: 'db-unavailable', message: DB_UNAVAILABLE });
          return;
        }
      }
      await this.run(m, true, seq);
    });
  }

  /**
   * Run one message. When the session's process is stopped meanwhile (a pooled session's host was killed), the
   * session is rebuilt by replaying the stored inputs before this one, and the message is run again — unless it was
   * the message running then: that one is recorded as stopped, its learner is told, and it is never replayed.
   */
  private async run(m: ClientMessage, live: boolean, seq: number | undefined): Promise<void> {
    let replies: ServerMessage[] = [];
    for (let attempt = 1; ; attempt++) {
      if (this.stale) {
        try {
          await this.rebuild(seq ?? Infinity);
        } catch (e) {
          if (live) this.sink?.({ type: 'error', id: m.id, code: 'session-stopped', message: (e as Error).message });
          return;
        }
      }
      this.capture = [];
      const lost = await this.session.handle(m);
      replies = this.capture;
      this.capture = [];
      if (!lost) break;
      this.stale = true;
      if (lost.culprit) return this.stopped(m, live, seq, lost.reason);
      if (attempt >= MAX_ATTEMPTS) {
        // Not this input's fault: it stays in the log, and the next rebuild replays it.
        if (live) this.sink?.({ type: 'error', id: m.id, code: 'session-stopped', message: notRebuilt(lost.reason) });
        return;
      }
    }
    if (!isRecorded(m)) return;
    if (m.type === 'open') {
      this.lessonId = m.lessonId;
      this.terminals.clear();
    } else if (m.type === 'reset') this.terminals.clear();
    else if (m.type === 'terminal-open' && replies.some((r) => r.type === 'terminal-opened')) this.terminals.add(m.terminalId);
    else if (m.type === 'terminal-close') this.terminals.delete(m.terminalId);
    if (m.type !== 'answer') this.transcript.push({ input: describeInput(m), output: describeOutput(replies) });
    const outcomes: CellOutcome[] = replies.flatMap((r) =>
      r.type === 'cell-outcome' ? [r.outcome] : r.type === 'outcomes' ? r.outcomes : [],
    );
    if (live && this.lessonId !== undefined) {
      for (const o of outcomes) {
        await this.store
          .recordOutcome(
            this.row.id,
            this.lessonId,
            o.cellId,
            JSON.stringify(o),
            o.checks.map((c) => ({ id: c.id, passed: c.passed, reason: c.reason })),
          )
          .catch(() => undefined);
      }
    }
    if (live) this.onChange();
  }

  /** The message that stopped its host: recorded as stopped (never replayed), the learner told, the session rebuilt. */
  private async stopped(m: ClientMessage, live: boolean, seq: number | undefined, why: string): Promise<void> {
    if (seq !== undefined) {
      this.stoppedSeqs.add(seq);
      await this.store.markStopped(this.row.id, this.row.epoch, seq, why).catch(() => undefined);
      this.noteStopped(m, seq, why);
    }
    if (live) {
      this.sink?.({ type: 'error', id: m.id, code: 'session-stopped', message: why });
      this.onChange();
    }
    // At once, so that the learner's next input does not wait for the replay (a failure leaves it to that input).
    await this.rebuild(Infinity).catch(() => undefined);
  }

  /** A stopped input in the transcript, as the learner saw it (after a restart too: the reason is stored). */
  private noteStopped(m: ClientMessage, seq: number, why: string): void {
    this.stoppedSeqs.add(seq);
    if (m.type !== 'answer') this.transcript.push({ input: describeInput(m), output: `error: ${why}\n` });
  }

  /**
   * A fresh session with the stored inputs before `before` (a sequence number) replayed into it, the stopped ones
   * skipped: the same path as a restart's. A replay that meets a stopped host again starts over (a few times).
   */
  private async rebuild(before: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const log = await this.store.replayLog(this.row.id, this.row.epoch);
      const fresh = this.newSession();
      let lost: SessionLost | void = undefined;
      for (const input of log) {
        if (input.seq >= before) break;
        if (input.stopped !== null || this.stoppedSeqs.has(input.seq)) continue;
        lost = await fresh.handle(JSON.parse(input.message) as ClientMessage);
        if (lost?.culprit) {
          // A replayed input that stops a host now (a slower machine): stopped too, so that replays end.
          this.stoppedSeqs.add(input.seq);
          await this.store.markStopped(this.row.id, this.row.epoch, input.seq, lost.reason).catch(() => undefined);
        }
        if (lost) break;
      }
      if (!lost && this.disposed) return void (await fresh.dispose());
      if (!lost) {
        const old = this.session;
        this.session = fresh;
        this.stale = false;
        await old.dispose();
        return;
      }
      await fresh.dispose();
      if (attempt >= MAX_ATTEMPTS) throw new Error(notRebuilt(lost.reason));
    }
  }

  /** The instructor's reset: a new epoch in the database, a fresh session, an empty transcript. */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      this.row = { ...this.row, epoch: await this.store.resetLearner(this.row.id) };
      const old = this.session;
      this.session = this.newSession();
      this.stale = false;
      this.stoppedSeqs.clear();
      await old.dispose();
      this.transcript.length = 0;
      this.lessonId = undefined;
      this.terminals.clear();
      this.onChange();
    });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return this.session.dispose();
  }
}
