// One learner's simulator session in a lab: an isolated session process (as `podlab serve` runs them) whose every
// state-changing input is written to the database before it runs. A session is (lesson, seed, ordered inputs):
// after a crash or a restart, replaying the stored inputs in order rebuilds it — cluster, transcript and progress.
import type { CellOutcome, ClientMessage, ServerMessage } from '../../core/index.ts';
import { LeaseLost, type LearnerRow, type LabStore } from './store.ts';

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

/** The part of a session the lab talks to (an IsolatedSession; tests may use an in-process Session). */
export interface RunnableSession {
  handle(m: ClientMessage): Promise<void>;
  dispose(): Promise<void>;
}

export type SessionMaker = (id: string, send: (m: ServerMessage) => void) => RunnableSession;

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
  private queue: Promise<unknown> = Promise.resolve();
  private sink?: (m: ServerMessage) => void;
  private capture: ServerMessage[] = [];

  private constructor(
    public row: LearnerRow,
    private readonly store: LabStore,
    private readonly make: SessionMaker,
    private readonly onChange: () => void,
    private readonly fence?: LeaseFence,
  ) {
    this.session = this.newSession();
  }

  private newSession(): RunnableSession {
    return this.make(`${this.row.id}-${this.row.epoch}`, (m) => {
      this.capture.push(m);
      this.sink?.(m);
    });
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
    for (const text of await store.inputs(row.id, row.epoch)) await s.run(JSON.parse(text) as ClientMessage, false);
    return s;
  }

  /** The page that receives this session's replies now (one at a time; undefined when none is attached). */
  attach(sink: ((m: ServerMessage) => void) | undefined): void {
    this.sink = sink;
  }

  /** A learner's message, in order: recorded ones are written to the database first, and refused if that fails. */
  submit(m: ClientMessage): Promise<void> {
    const next = this.queue.then(async () => {
      if (isRecorded(m)) {
        try {
          await this.store.appendInput(this.row.id, this.row.epoch, JSON.stringify(m), this.fence?.instanceId);
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
      await this.run(m, true);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(m: ClientMessage, live: boolean): Promise<void> {
    this.capture = [];
    await this.session.handle(m);
    const replies = this.capture;
    this.capture = [];
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

  /** The instructor's reset: a new epoch in the database, a fresh session process, an empty transcript. */
  async reset(): Promise<void> {
    await this.queue;
    this.row = { ...this.row, epoch: await this.store.resetLearner(this.row.id) };
    await this.session.dispose();
    this.session = this.newSession();
    this.transcript.length = 0;
    this.lessonId = undefined;
    this.terminals.clear();
    this.onChange();
  }

  dispose(): Promise<void> {
    return this.session.dispose();
  }
}
