// A grading run: load the exercise, read every student's folder, grade them in the pool, assemble the report.
import { availableParallelism } from 'node:os';
import {
  ALL_LINT_RULES,
  buildGradeReport,
  checkColumns,
  duplicateIds,
  errorMessage,
  failedSubmission,
  formatDiagnostic,
  type GradeReport,
  type Lesson,
  lintLesson,
  PodlabError,
  type StudentGrade,
  type Submission,
} from '../../core/index.ts';
import { loadLesson } from '../lessons.ts';
import { GradePool } from './pool.ts';
import { DEFAULT_WATCHDOG_MS } from './defaults.ts';
import { listStudents, readSubmission } from './read-submissions.ts';

export { DEFAULT_WATCHDOG_MS };

export interface GradeRunOptions {
  exercise: string;
  submissions: string;
  /** Worker threads; default: the machine's available parallelism. */
  jobs?: number;
  watchdogMs?: number;
  backend?: string;
  /** Tests: a module exporting createBackend() used instead of the backend table. */
  backendModule?: string;
  cellTimeoutMs?: number;
  /** Also grade the exercise's own solution, as a check of the exercise (default true). */
  checkReference?: boolean;
  onGraded?(student: string, ok: boolean): void;
  /** Called once the students are known, before grading starts. */
  onStart?(total: number): void;
}

export interface GradeRun {
  report: GradeReport;
  /** Entries of the submissions folder that are not student folders. */
  skipped: string[];
  /** The reference solution's grade, when checked. */
  reference?: StudentGrade;
  /** Wall-clock ms per graded submission (in worker), for the bench; not in any output file. */
  timings: number[];
  jobs: number;
}

/**
 * The exercise, refused when it has errors or its checks' ids collide (they are the gradebook's columns). The errors
 * are `podlab lint`'s (parse diagnostics and every lint rule): an exercise lint refuses would fail every submission
 * the same way, so nothing is graded.
 */
export async function loadExercise(file: string): Promise<Lesson> {
  const lesson = await loadLesson(file);
  const errors = lintLesson(lesson, ALL_LINT_RULES, { errorsOnly: true });
  if (errors.length > 0) {
    throw new PodlabError(
      'lesson-invalid',
      `${file}: ${errors.length} error(s) in the exercise:\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  const dups = duplicateIds(checkColumns(lesson));
  if (dups.length > 0)
    throw new PodlabError('lesson-invalid', `${file}: check ids must be unique (they are gradebook columns): ${dups.join(', ')}`);
  if (!lesson.cells.some((c) => c.exercise))
    throw new PodlabError('lesson-invalid', `${file}: has no exercise cells (mark the cells students write with 'exercise')`);
  return lesson;
}

/** Grade every submission; one bad submission never stops the batch. Output files are the caller's. */
export async function runGrading(options: GradeRunOptions): Promise<GradeRun> {
  const lesson = await loadExercise(options.exercise);
  const columns = checkColumns(lesson);
  const { students, skipped } = await listStudents(options.submissions);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), Math.max(1, students.length)));
  options.onStart?.(students.length);
  const pool = new GradePool({
    size: jobs,
    watchdogMs: options.watchdogMs ?? DEFAULT_WATCHDOG_MS,
    init: { lesson, backend: options.backend ?? 'simulator', backendModule: options.backendModule, cellTimeoutMs: options.cellTimeoutMs },
  });
  const grades: StudentGrade[] = [];
  const timings: number[] = [];
  let reference: StudentGrade | undefined;
  try {
    const referenceRun =
      options.checkReference === false
        ? undefined
        : pool.run({ student: '(reference)', files: [{ path: 'reference.md', content: lesson.source }], notes: [] });
    const queue = [...students];
    // Readers stay a little ahead of the workers; each reads one folder at a time (bounded open files).
    const feeders = Array.from({ length: jobs * 2 }, async () => {
      for (let folder = queue.shift(); folder; folder = queue.shift()) {
        let submission: Submission;
        try {
          submission = await readSubmission(folder, lesson);
        } catch (e: unknown) {
          submission = { student: folder.student, files: [], notes: [], refused: `the folder could not be read: ${errorMessage(e)}` };
        }
        const r = await pool.run(submission);
        const grade = r.ok ? r.grade : failedSubmission(submission.student, columns, r.error, submission.notes);
        if (r.ok) timings.push(r.ms);
        grades.push(grade);
        options.onGraded?.(grade.student, grade.status === 'graded');
      }
    });
    await Promise.all(feeders);
    if (referenceRun) {
      const r = await referenceRun;
      reference = r.ok ? r.grade : failedSubmission('(reference)', columns, r.error);
    }
  } finally {
    await pool.close();
  }
  return { report: buildGradeReport(lesson, grades), skipped, reference, timings, jobs };
}
