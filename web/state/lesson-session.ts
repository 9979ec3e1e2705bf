// LessonSession: the page's controller of one open lesson — cell runs, the cluster picture's data, progress, terminals.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CellOutcome, CheckResult, ClusterView, KernelEvent, Lesson, LineResult, ReachMatrix } from '../../src/core/page.ts';
import { SessionClient, type ClientLink } from '../session/session-client.ts';
import { AnswerSync } from './answer-sync.ts';
import { CellRun, type RunContext } from './cell-run.ts';
import { coalesced } from './coalesce.ts';
import type { DraftStore } from './draft-store.ts';
import { LessonAnswers } from './lesson-answers.ts';
import type { ProgressStore } from './progress-store.ts';
import { lastProbeOf } from './last-probe.ts';

/** `reconnecting`: the served page lost its server and retries (see `link`). */
export type SessionStatus = 'connecting' | 'ready' | 'failed' | 'reconnecting';

export interface LessonSessionOptions {
  client: SessionClient;
  lesson: Lesson;
  progress: ProgressStore;
  /** Ask the runner to keep a lesson it already has open (served pages survive reloads this way). */
  resume: boolean;
  /** Told the runner's session id once the lesson is open (the served page stores it to resume). */
  onSessionId?: (id: string) => void;
  /** Where the learner's drafts of exercise cells are kept across reloads. */
  drafts?: DraftStore;
}

export class LessonSession implements ReactiveController {
  readonly lesson: Lesson;
  readonly runs = new Map<string, CellRun>();
  /** The learner's texts of exercise cells. */
  readonly answers: LessonAnswers;
  status: SessionStatus = 'connecting';
  error?: string;
  /** While reconnecting: which attempt is next and when. */
  link?: Extract<ClientLink, { kind: 'lost' }>;
  /** Set for a few seconds after the page found its server again. */
  reconnected = false;
  view?: ClusterView;
  matrix?: ReachMatrix;
  /** The reach check whose path the picture draws: the latest failed one, else the latest. */
  lastProbe?: CheckResult;
  /** Requests in flight that run cells (Run, Run all, Reset, replay). */
  busy = 0;
  /** Bumped whenever the runner's kernel is replaced (open, reset): terminals must reopen. */
  epoch = 0;
  private readonly host: ReactiveControllerHost;
  private readonly options: LessonSessionOptions;
  private readonly client: SessionClient;
  private unsubscribe?: () => void;
  private unlink?: () => void;
  private readonly sync: AnswerSync;
  /** The cells run on the current cluster, in the order they ran (emptied by a fresh cluster). */
  private history: string[] = [];
  /**
   * Whether the page shows the matrix. It is the costliest request (every pair probed; a few hundred ms on a phone)
   * and the runner answers one request at a time, so while nobody looks at it it is not computed: a Run clicked
   * right after the page opens does not wait behind it. Shown again, it is fetched if the cluster changed since.
   */
  private matrixShown = true;
  /** The cluster may have changed since `matrix` was fetched. */
  private matrixStale = true;

  constructor(host: ReactiveControllerHost, options: LessonSessionOptions) {
    this.host = host;
    this.options = options;
    this.client = options.client;
    this.lesson = options.lesson;
    for (const c of this.cells()) this.runs.set(c.id, new CellRun(c.id));
    this.answers = new LessonAnswers(this.lesson, options.drafts);
    this.sync = new AnswerSync(async (cellId) => {
      const content = this.answers.text(cellId);
      if (this.status === 'ready' && content !== undefined) await this.client.request({ type: 'answer', cellId, content }, 'answer-saved');
    });
    host.addController(this);
  }

  /** The cells the page shows and runs, in order. */
  cells(): Lesson['cells'] {
    return this.lesson.cells.filter((c) => !c.hidden);
  }

  hostConnected(): void {
    this.unsubscribe ??= this.client.onEvent((e) => this.onEvent(e));
    this.unlink ??= this.client.onLink((l) => this.onLink(l));
  }

  hostDisconnected(): void {
    this.dispose();
  }

  /** Open the lesson in the runner, then restore progress: the runner's own (resume) or a replay of the stored one. */
  async open(): Promise<void> {
    this.hostConnected();
    try {
      const { lesson } = this;
      const reply = await this.client.request(
        { type: 'open', lessonId: lesson.id, lang: lesson.lang, resume: this.options.resume },
        'opened',
      );
      this.options.onSessionId?.(reply.sessionId);
      this.status = 'ready';
      this.error = undefined;
      this.epoch++;
      this.answers.adopt(reply.answers);
      this.changed();
      if (reply.outcomes && reply.outcomes.length > 0) {
        for (const o of reply.outcomes) this.runs.get(o.cellId)?.finish(o);
        this.history = reply.outcomes.map((o) => o.cellId);
        for (const o of reply.outcomes) this.answers.ran(o.cellId, reply.answers?.[o.cellId]);
        this.record();
      } else {
        // A fresh cluster (first open, or a runner that forgot this page): replay what ran, with today's drafts.
        for (const r of this.runs.values()) r.clear();
        this.answers.forgetRuns();
        this.history = [];
        const stored = this.options.progress.load(lesson.id, lesson.lang)?.ran ?? [];
        for (const id of stored.filter((x) => this.runs.has(x))) await this.runOne(id);
      }
    } catch (e: unknown) {
      if (this.status === 'reconnecting') return; // the link was lost: open() runs again when it is back
      this.status = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      this.changed();
      return;
    }
    await this.refresh();
  }

  /**
   * Run a cell; earlier cells that never ran (files to write, pods to create) run first, in order, and so
   * do earlier exercise cells whose text changed since they ran.
   */
  async runCell(cellId: string): Promise<void> {
    const cells = this.cells();
    const index = cells.findIndex((c) => c.id === cellId);
    if (index < 0) return;
    const before = cells.slice(0, index).filter((c) => this.runs.get(c.id)?.status === 'initial' || this.answers.stale(c.id));
    for (const c of [...before, cells[index]]) await this.runOne(c.id);
    await this.refresh();
  }

  /** Run the whole lesson on a fresh cluster (after a reset when anything ran), so every run is reproducible. */
  async runAll(): Promise<void> {
    if ([...this.runs.values()].some((r) => r.status !== 'initial')) await this.reset();
    const runs = this.cells()
      .map((c) => this.runs.get(c.id))
      .filter((r): r is CellRun => r !== undefined);
    const signals = runs.map((r) => r.begin());
    this.history = runs.map((r) => r.cellId);
    const answers = this.answers.all();
    await this.track(async () => {
      try {
        await this.client.request({ type: 'run-all', answers }, 'outcomes');
        for (const [id, text] of Object.entries(answers)) this.answers.ran(id, text);
      } catch (e: unknown) {
        runs.forEach((r, i) => (!signals[i].aborted && r.status === 'pending' ? r.fail(messageOf(e)) : undefined));
      }
    });
    await this.refresh();
  }

  /** A fresh cluster: every cell back to INITIAL, stored progress forgotten. */
  async reset(): Promise<void> {
    for (const r of this.runs.values()) r.clear();
    this.history = [];
    this.lastProbe = undefined;
    this.answers.forgetRuns();
    this.options.progress.clear(this.lesson.id, this.lesson.lang);
    await this.track(async () => {
      await this.client.request({ type: 'reset' }, 'reset-done');
      this.epoch++;
    });
    await this.refresh();
  }

  /** Reset and run to here: a fresh cluster, then every cell up to this one, in order (with today's drafts). */
  async resetAndRunTo(cellId: string): Promise<void> {
    const cells = this.cells();
    const index = cells.findIndex((c) => c.id === cellId);
    if (index < 0) return;
    await this.reset();
    for (const c of cells.slice(0, index + 1)) await this.runOne(c.id);
    await this.refresh();
  }

  /**
   * Whether a cell about to run starts from the cluster the lesson means: every earlier cell ran exactly
   * once, in lesson order, and this one not yet. Otherwise why not.
   */
  contextFor(cellId: string): RunContext | undefined {
    if (this.history.includes(cellId)) return 'rerun';
    const ids = this.cells().map((c) => c.id);
    const expected = ids.slice(0, ids.indexOf(cellId));
    const same = this.history.length === expected.length && this.history.every((id, i) => id === expected[i]);
    return same ? undefined : 'earlier';
  }

  private async runOne(cellId: string): Promise<void> {
    const run = this.runs.get(cellId);
    if (!run) return;
    const signal = run.begin(this.contextFor(cellId));
    this.history.push(cellId);
    const content = this.answers.text(cellId);
    await this.track(async () => {
      try {
        await this.client.request({ type: 'run-cell', cellId, ...(content === undefined ? {} : { content }) }, 'cell-outcome');
        this.answers.ran(cellId, content);
        this.sync.delivered(cellId);
      } catch (e: unknown) {
        if (!signal.aborted) run.fail(messageOf(e));
      }
    });
  }

  /** The learner edited an exercise cell: keep the draft here at once, and in the runner's session shortly. */
  setAnswer(cellId: string, text: string): void {
    if (!this.answers.set(cellId, text)) return;
    this.sync.changed(cellId);
    this.changed();
  }

  /** Put an exercise cell's starting text back. */
  startOver(cellId: string): void {
    if (!this.answers.startOver(cellId)) return;
    this.sync.changed(cellId);
    this.changed();
  }

  /** The channel to the runner was lost, came back, or closed for good. */
  private onLink(l: ClientLink): void {
    if (l.kind === 'lost') {
      this.status = 'reconnecting';
      this.link = l;
      this.reconnected = false;
    } else if (l.kind === 'restored') {
      this.link = undefined;
      this.status = 'connecting';
      this.reconnected = true;
      setTimeout(() => {
        this.reconnected = false;
        this.changed();
      }, 5000);
      void this.open();
    } else {
      this.status = 'failed';
      this.error = l.reason;
    }
    this.changed();
  }

  private async track(work: () => Promise<void>): Promise<void> {
    this.busy++;
    this.changed();
    try {
      await work();
    } finally {
      this.busy--;
      this.changed();
    }
  }

  private onEvent(e: KernelEvent): void {
    if (e.type === 'cell-start') this.runs.get(e.cellId)?.started();
    else if (e.type === 'cell-output') this.runs.get(e.cellId)?.append(e.chunk);
    else this.cellDone(e.outcome);
  }

  private cellDone(outcome: CellOutcome): void {
    this.runs.get(outcome.cellId)?.finish(outcome);
    this.lastProbe = lastProbeOf(outcome) ?? this.lastProbe;
    this.record();
    this.changed();
  }

  /** Save which cells ran and how their checks went. */
  private record(): void {
    const { lesson, options } = this;
    const previous = options.progress.load(lesson.id, lesson.lang)?.ran ?? [];
    // Keep the stored order (a replay in progress has not reached every stored id yet), then add new ones.
    const ran = [
      ...previous,
      ...this.cells()
        .map((c) => c.id)
        .filter((id) => this.runs.get(id)?.outcome && !previous.includes(id)),
    ];
    const checks = [...this.runs.values()].flatMap((r) => r.outcome?.checks ?? []);
    options.progress.save(lesson.id, lesson.lang, {
      ran,
      passed: checks.filter((c) => c.passed).length,
      failed: checks.filter((c) => !c.passed).length,
      total: this.cells().length,
    });
  }

  /** Fetch the picture's data again; calls during a refresh coalesce into one more. */
  async refresh(): Promise<void> {
    if (this.status === 'ready') await this.refreshPicture();
  }

  private readonly refreshPicture = coalesced(async () => {
    try {
      this.matrixStale = true;
      this.view = (await this.client.request({ type: 'view' }, 'view')).view;
      this.changed();
      if (!this.matrixShown) return;
      this.matrix = (await this.client.request({ type: 'matrix' }, 'matrix')).matrix;
      this.matrixStale = false;
      this.changed();
    } catch {
      // The picture is secondary: a failed refresh leaves the last one up.
    }
  });

  /** The page shows the matrix, or stopped showing it (see matrixShown); shown and out of date, it is fetched. */
  async showMatrix(shown: boolean): Promise<void> {
    this.matrixShown = shown;
    if (shown && this.matrixStale) await this.refresh();
  }

  /** Open (or reopen) a free terminal; resolves to its prompt. */
  async openTerminal(terminalId: string): Promise<string> {
    return (await this.client.request({ type: 'terminal-open', terminalId }, 'terminal-opened')).prompt;
  }

  /** Type one line into a free terminal; the picture refreshes afterwards. */
  async typeLine(terminalId: string, line: string): Promise<{ result: LineResult; prompt: string; depth: number }> {
    const r = await this.client.request({ type: 'terminal-line', terminalId, line }, 'terminal-result');
    void this.refresh();
    return { result: r.result, prompt: r.prompt, depth: r.depth };
  }

  async complete(terminalId: string, partial: string): Promise<string[]> {
    return (await this.client.request({ type: 'terminal-complete', terminalId, partial }, 'terminal-completions')).candidates;
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unlink?.();
    this.unlink = undefined;
    this.sync.dispose();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
