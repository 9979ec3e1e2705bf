// Messages between the grading pool (main thread) and its workers.
import type { Lesson, StudentGrade, Submission } from '../../core/index.ts';

/** What every worker is started with (structured-cloned once per worker). */
export interface WorkerInit {
  lesson: Lesson;
  /** A backend name from the backend table (src/node/backends). */
  backend: string;
  /** Instead of the table: a module URL exporting `createBackend(): Backend` (tests use a fake). */
  backendModule?: string;
  cellTimeoutMs?: number;
  maxOutputBytes?: number;
}

export type ToWorker = { type: 'grade'; job: number; submission: Submission };

export type FromWorker = { type: 'ready' } | { type: 'done'; job: number; grade: StudentGrade; ms: number };
