// Results of running a lesson: plain objects that the CLI, the page, the grader and the lab server each render.
import type { CheckResult, ReachMatrix } from '../check/types.ts';

// The check layer's results are part of a run's results; they are defined below runtime/, in check/types.ts.
export type { CheckResult, MatrixCell, ReachMatrix } from '../check/types.ts';

/** The outcome of one cell. */
export interface CellOutcome {
  cellId: string;
  section: string;
  kind: 'file' | 'run';
  /** The cell's input: a file cell's content, a run cell's lines joined by \n. */
  input: string;
  /** What the terminal showed: each line after its prompt, then its output. Empty for file cells. */
  output: string;
  exitCode: number;
  durationMs: number;
  timedOut: boolean;
  truncated: boolean;
  checks: CheckResult[];
  /** A problem running the cell itself (not a failed check): e.g. the backend died. */
  error?: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  /** `[simulator]` checks not evaluated on a real cluster. */
  skipped: number;
  /** Cells that timed out or errored. */
  cellErrors: number;
}

/** Everything `podlab run --json` prints. */
export interface RunReport {
  lesson: { id: string; title: string; lang: string; file: string };
  backend: string;
  seed: number;
  cells: CellOutcome[];
  matrix: ReachMatrix;
  summary: RunSummary;
}

/** Events the kernel emits while it runs, for progress displays and live pages. */
export type KernelEvent =
  | { type: 'cell-start'; cellId: string; index: number; total: number }
  | { type: 'cell-output'; cellId: string; chunk: string }
  | { type: 'cell-done'; outcome: CellOutcome; index: number; total: number };
