// Grading one submission: a fresh backend, the exercise with the student's answers, every cell and check (hidden too).
import type { Backend } from '../backend.ts';
import { errorMessage } from '../errors.ts';
import type { Lesson } from '../lesson/model.ts';
import { Kernel } from '../runtime/kernel.ts';
import type { CellOutcome } from '../runtime/types.ts';
import { checkColumns } from './columns.ts';
import { failedSubmission, gradeStudent } from './score.ts';
import { prepareSubmission, type ManifestChecker, type Submission } from './submission.ts';
import type { StudentGrade } from './types.ts';

export interface GradeOptions {
  /** A fresh backend for this submission; it is started and stopped here. */
  backend: Backend;
  parseLesson(source: string, file: string): Lesson;
  checkManifest?: ManifestChecker;
  /** Per-cell time budget (simulated on the simulator); the Kernel's default when absent. */
  cellTimeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * Grade one submission from the exercise's starting state. Never throws: a submission that cannot run
 * (refused by a limit, or the backend fails) is a `failed` grade with the reason.
 */
export async function gradeSubmission(lesson: Lesson, submission: Submission, options: GradeOptions): Promise<StudentGrade> {
  const columns = checkColumns(lesson);
  let prepared;
  try {
    prepared = prepareSubmission(lesson, submission, options);
  } catch (e: unknown) {
    return failedSubmission(submission.student, columns, `the submission could not be read: ${errorMessage(e)}`, submission.notes);
  }
  if (prepared.refused !== undefined) return failedSubmission(submission.student, columns, prepared.refused, prepared.notes);
  const kernel = new Kernel(lesson, options.backend, {
    includeHidden: true,
    overrides: prepared.overrides,
    seed: lesson.seed,
    cellTimeoutMs: options.cellTimeoutMs,
    maxOutputBytes: options.maxOutputBytes,
  });
  let outcomes: CellOutcome[];
  try {
    await kernel.start();
    outcomes = await kernel.runAll();
  } catch (e: unknown) {
    return failedSubmission(submission.student, columns, `the exercise could not run: ${errorMessage(e)}`, prepared.notes);
  } finally {
    await kernel.stop().catch(() => undefined);
  }
  return gradeStudent(submission.student, columns, outcomes, prepared.notes);
}
