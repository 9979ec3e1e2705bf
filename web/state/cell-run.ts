// CellRun: one cell's run state, INITIAL → PENDING → COMPLETE | ERROR, with an AbortSignal that a re-run aborts.
import type { CellOutcome } from '../../src/core/page.ts';

export type CellRunStatus = 'initial' | 'pending' | 'complete' | 'error';

/**
 * Why a run did not start from the cluster the lesson expects at this cell: `rerun` — this cell already ran
 * on this cluster (a second `kubectl apply` says "configured", a second `create` fails); `earlier` — cells
 * before it ran again or out of order (an earlier wrong attempt, an edited exercise) so the cluster differs.
 */
export type RunContext = 'rerun' | 'earlier';

/**
 * The page's state of one cell. A run is requested (`begin`), starts in the runner (`started`),
 * streams output (`append`) and ends (`finish` or `fail`). Runs queue in the runner, so a cell may
 * be requested again while pending: the older request's signal is aborted and only the newest
 * run's end leaves PENDING.
 */
export class CellRun {
  readonly cellId: string;
  status: CellRunStatus = 'initial';
  /** True between the runner's cell-start and cell-done (PENDING covers queued and running). */
  running = false;
  output = '';
  outcome?: CellOutcome;
  error?: string;
  /** Set when the latest run started on a cluster that earlier runs changed (see RunContext). */
  context?: RunContext;
  private controller?: AbortController;
  private queued = 0;
  private readonly listeners = new Set<() => void>();

  constructor(cellId: string) {
    this.cellId = cellId;
  }

  /** A run was requested: abort the previous request's signal; returns the new one. */
  begin(context?: RunContext): AbortSignal {
    this.context = context;
    this.controller?.abort();
    this.controller = new AbortController();
    this.queued++;
    this.status = 'pending';
    this.error = undefined;
    this.notify();
    return this.controller.signal;
  }

  /** The runner started one of the queued runs: its output replaces the last. */
  started(): void {
    this.running = true;
    this.output = '';
    this.notify();
  }

  append(chunk: string): void {
    this.output += chunk;
    this.notify();
  }

  /** The runner finished a run; the cell completes when no newer request is queued. */
  finish(outcome: CellOutcome): void {
    this.running = false;
    this.queued = Math.max(0, this.queued - 1);
    this.outcome = outcome;
    this.output = outcome.output;
    if (this.queued === 0) this.status = outcome.error ? 'error' : 'complete';
    if (outcome.error) this.error = outcome.error;
    this.notify();
  }

  /** The request failed before the runner could finish it. */
  fail(message: string): void {
    this.running = false;
    this.queued = Math.max(0, this.queued - 1);
    if (this.queued === 0) {
      this.status = 'error';
      this.error = message;
    }
    this.notify();
  }

  /** Back to INITIAL (Reset); aborts any pending request. */
  clear(): void {
    this.controller?.abort();
    this.controller = undefined;
    Object.assign(this, {
      status: 'initial',
      running: false,
      output: '',
      outcome: undefined,
      error: undefined,
      queued: 0,
      context: undefined,
    });
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
