// Kernel: runs a lesson's cells in order against one Backend and evaluates their checks.
import type { Backend, ShellTarget, Terminal } from '../backend.ts';
import { evaluateCaptures } from '../check/capture.ts';
import { evaluateCell, type CellTranscript } from '../check/evaluate.ts';
import { substituteValues } from '../check/values.ts';
import { computeMatrix, type MatrixOptions } from '../check/matrix.ts';
import { errorMessage, PodlabError } from '../errors.ts';
import type { Cell, FileCell, Lesson, RunCell } from '../lesson/model.ts';
import type { CellOutcome, KernelEvent, ReachMatrix, RunReport, RunSummary } from './types.ts';

export interface KernelOptions {
  /** Seed for the backend's random choices; default the lesson's. */
  seed?: number;
  /** Per-cell time budget (simulated time on the simulator), default 30 s. */
  cellTimeoutMs?: number;
  /** Per-cell output cap, default 256 KiB. */
  maxOutputBytes?: number;
  /** Run hidden cells and evaluate hidden checks (grading); default false. */
  includeHidden?: boolean;
  /** Replace cells' content before running (a student's answers to exercise cells), by cell id. */
  overrides?: Map<string, Cell>;
}

export const DEFAULT_CELL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

type Listener = (event: KernelEvent) => void;

/**
 * Lifecycle: `await kernel.start()`, then `runAll()` or `runCell()` one by one, then `stop()`.
 * Cells run strictly in order; a cell that times out is reported and the session goes on.
 */
export class Kernel {
  readonly lesson: Lesson;
  readonly backend: Backend;
  private readonly options: Required<Omit<KernelOptions, 'overrides'>> & { overrides: Map<string, Cell> };
  private readonly listeners = new Set<Listener>();
  private started = false;
  /** Outcomes so far, by cell id (a re-run replaces). */
  readonly outcomes = new Map<string, CellOutcome>();
  /** Values captured so far (`capture NAME = …`), by name; a later capture of the same name replaces it. */
  readonly values = new Map<string, string>();

  constructor(lesson: Lesson, backend: Backend, options: KernelOptions = {}) {
    this.lesson = lesson;
    this.backend = backend;
    this.options = {
      seed: options.seed ?? lesson.seed,
      cellTimeoutMs: options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS,
      maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      includeHidden: options.includeHidden ?? false,
      // A copy: setOverride() must not change the caller's map.
      overrides: new Map(options.overrides ?? []),
    };
  }

  get seed(): number {
    return this.options.seed;
  }

  /** Subscribe to progress events; returns the unsubscribe function. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: KernelEvent): void {
    for (const l of this.listeners) l(event);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.backend.start(this.lesson.cluster, { seed: this.options.seed, lessonId: this.lesson.id });
    this.started = true;
  }

  /** The cells this kernel runs, in order (hidden ones only when grading), with overrides applied. */
  cells(): Cell[] {
    return this.lesson.cells.filter((c) => this.options.includeHidden || !c.hidden).map((c) => this.options.overrides.get(c.id) ?? c);
  }

  /**
   * Run `cell` in place of the lesson's cell with the same id from now on (the page's exercise editor sends
   * the learner's text this way). Outcomes already recorded stay as they are.
   */
  setOverride(cell: Cell): void {
    if (!this.lesson.cells.some((c) => c.id === cell.id)) throw new PodlabError('usage', `no cell with id ${cell.id}`);
    this.options.overrides.set(cell.id, cell);
  }

  /** Run one cell by id; cells before it are not run implicitly (the page decides). */
  async runCell(cellId: string): Promise<CellOutcome> {
    const cells = this.cells();
    const index = cells.findIndex((c) => c.id === cellId);
    if (index < 0) throw new PodlabError('usage', `no cell with id ${cellId}`);
    return this.runAt(cells, index);
  }

  private async runAt(cells: Cell[], index: number): Promise<CellOutcome> {
    await this.start();
    const cell = cells[index];
    this.emit({ type: 'cell-start', cellId: cell.id, index, total: cells.length });
    let outcome: CellOutcome;
    try {
      outcome = cell.kind === 'file' ? await this.runFile(cell) : await this.runRun(cell);
    } catch (e: unknown) {
      outcome = { ...emptyOutcome(cell), exitCode: 1, error: errorMessage(e) };
    }
    this.outcomes.set(cell.id, outcome);
    this.emit({ type: 'cell-done', outcome, index, total: cells.length });
    return outcome;
  }

  /** Run every cell in order; optionally stop after the cells of a section (e.g. "2.2"). */
  async runAll(options: { untilSection?: string } = {}): Promise<CellOutcome[]> {
    const cells = this.cells();
    const out: CellOutcome[] = [];
    const last = options.untilSection === undefined ? cells.length - 1 : lastIndexOfSection(cells, options.untilSection);
    for (let i = 0; i <= last; i++) out.push(await this.runAt(cells, i));
    return out;
  }

  private async runFile(cell: FileCell): Promise<CellOutcome> {
    await this.backend.writeFile(cell.path, cell.content);
    const checks = await evaluateCell(
      cell,
      { output: '', exitCode: 0 },
      this.backend,
      this.lesson,
      this.options.includeHidden,
      this.values,
    );
    return { ...emptyOutcome(cell), checks };
  }

  private async runRun(cell: RunCell): Promise<CellOutcome> {
    const terminal = await this.backend.openTerminal(cell.target);
    const budget = cell.timeoutMs ?? this.options.cellTimeoutMs;
    let spent = 0;
    let bytes = 0;
    let output = '';
    let exitCode = 0;
    let timedOut = false;
    let truncated = false;
    const commands: CellTranscript['commands'] = [];
    // captured values are typed as the learner would type what they read off the screen
    const lines = cell.lines.map((l) => substituteValues(l, this.values));
    try {
      for (const line of lines) {
        const echo = `${terminal.prompt()}${line}\n`;
        output += echo;
        this.emit({ type: 'cell-output', cellId: cell.id, chunk: echo });
        const r = await terminal.type(line, {
          timeoutMs: Math.max(0, budget - spent),
          maxOutputBytes: Math.max(0, this.options.maxOutputBytes - bytes),
          onOutput: (chunk) => this.emit({ type: 'cell-output', cellId: cell.id, chunk }),
        });
        output += r.output;
        commands.push({ output: r.output, exitCode: r.exitCode });
        bytes += r.output.length;
        spent += r.durationMs;
        exitCode = r.exitCode;
        if (r.timedOut || spent >= budget) {
          timedOut = r.timedOut || spent > budget;
          if (timedOut) break;
        }
        if (r.truncated || bytes >= this.options.maxOutputBytes) {
          truncated = true;
          break;
        }
      }
    } finally {
      await terminal.dispose();
    }
    const transcript = { output, exitCode, commands };
    // captures first, so the cell's own checks may use them
    const captured = await evaluateCaptures(cell.captures ?? [], transcript, this.backend, this.values);
    for (const c of captured) if ('value' in c) this.values.set(c.name, c.value);
    const errors = captured.flatMap((c) => ('error' in c ? [c.error] : []));
    const checks = await evaluateCell(cell, transcript, this.backend, this.lesson, this.options.includeHidden, this.values);
    return {
      cellId: cell.id,
      section: cell.section,
      kind: 'run',
      input: lines.join('\n'),
      output,
      exitCode,
      durationMs: spent,
      timedOut,
      truncated,
      checks,
      ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
    };
  }

  /** A free terminal tied to this session (the page's terminal pane, `podlab shell`). */
  async openTerminal(where: ShellTarget = { kind: 'workstation' }): Promise<Terminal> {
    await this.start();
    return this.backend.openTerminal(where);
  }

  /** The reachability matrix as the cluster is now: `podlab run`'s excerpt unless options widen it. */
  async matrix(options?: MatrixOptions): Promise<ReachMatrix> {
    await this.start();
    return computeMatrix(this.backend, this.lesson, options);
  }

  /** The report of everything run so far, in lesson order, with the matrix as the cluster is now. */
  async report(): Promise<RunReport> {
    const cells = this.cells()
      .map((c) => this.outcomes.get(c.id))
      .filter((o): o is CellOutcome => o !== undefined);
    return {
      lesson: { id: this.lesson.id, title: this.lesson.title, lang: this.lesson.lang, file: this.lesson.file },
      backend: this.backend.name,
      seed: this.options.seed,
      cells,
      matrix: await this.matrix(),
      summary: summarize(cells),
    };
  }

  async stop(): Promise<void> {
    await this.backend.stop();
    this.started = false;
  }
}

function emptyOutcome(cell: Cell): CellOutcome {
  return {
    cellId: cell.id,
    section: cell.section,
    kind: cell.kind,
    input: cell.kind === 'file' ? cell.content : cell.lines.join('\n'),
    output: '',
    exitCode: 0,
    durationMs: 0,
    timedOut: false,
    truncated: false,
    checks: [],
  };
}

function lastIndexOfSection(cells: Cell[], section: string): number {
  let last = -1;
  cells.forEach((c, i) => {
    if (c.section === section || c.section.startsWith(`${section}.`)) last = i;
  });
  if (last < 0) {
    const known = [...new Set(cells.map((c) => c.section))].join(', ');
    throw new PodlabError('usage', `no cells in section ${section} (sections with cells: ${known})`);
  }
  return last;
}

export function summarize(cells: CellOutcome[]): RunSummary {
  const checks = cells.flatMap((c) => c.checks);
  return {
    passed: checks.filter((c) => c.passed && !c.skipped).length,
    failed: checks.filter((c) => !c.passed).length,
    skipped: checks.filter((c) => c.skipped).length,
    cellErrors: cells.filter((c) => c.timedOut || c.error !== undefined).length,
  };
}
