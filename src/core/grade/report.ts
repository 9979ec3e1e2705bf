// The gradebook: every student's grade for one exercise, in a stable order.
import type { Lesson } from '../lesson/model.ts';
import { checkColumns, maxScore } from './columns.ts';
import type { GradeReport, StudentGrade } from './types.ts';

/** Code-point order: the same on every machine and locale (localeCompare is not). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Assemble the report; students are sorted by id so run order and parallelism change nothing. */
export function buildGradeReport(
  lesson: Pick<Lesson, 'id' | 'title' | 'file' | 'cells'> & Partial<Pick<Lesson, 'lang'>>,
  grades: StudentGrade[],
): GradeReport {
  const checks = checkColumns(lesson);
  return {
    exercise: { id: lesson.id, title: lesson.title, file: lesson.file, ...(lesson.lang ? { lang: lesson.lang } : {}) },
    checks,
    max: maxScore(checks),
    students: [...grades].sort((a, b) => byCodePoint(a.student, b.student)),
  };
}
