// Grade results: plain objects that the gradebook writers (CSV, JSON, JUnit, feedback) each render.
import type { Hop, ReasonCode } from '../backend.ts';

/** One column of the gradebook: a check of the exercise (hidden ones too), in lesson order. */
export interface CheckColumn {
  /** The expectation's id (`[id=...]`) or `<cellId>#<n>`; the CSV column name. */
  id: string;
  cellId: string;
  section: string;
  kind: 'reach' | 'output' | 'object';
  /** The expectation as written, e.g. "busybox -> web:80 ok". */
  text: string;
  /** Points it is worth (default 1). */
  points: number;
  hidden: boolean;
}

/** How one check went for one student. */
export interface CheckGrade {
  id: string;
  kind: 'reach' | 'output' | 'object';
  passed: boolean;
  /** Points earned: the column's points when passed, else 0. */
  points: number;
  /** The column's points. */
  max: number;
  hidden: boolean;
  text: string;
  expected: string;
  observed: string;
  /** Why it failed (or what happened when it passed). */
  reason: string;
  /** The packet's path as far as it got (reach checks). */
  hops: Hop[];
  /** Parts of `reason` as codes (NetworkPolicy verdicts), so feedback can say them in the lesson's language. */
  reasonCodes?: ReasonCode[];
  /** For a failed output check: the end of what its cell printed (see TRANSCRIPT_TAIL), so the student sees why. */
  transcript?: string;
}

/**
 * `graded`: the submission ran (some checks may have failed);
 * `failed`: it could not be run at all (refused by a limit, stopped by the watchdog) and scores 0.
 */
export type SubmissionStatus = 'graded' | 'failed';

/** One student's grade. */
export interface StudentGrade {
  /** The student id: the submission folder's name. */
  student: string;
  status: SubmissionStatus;
  score: number;
  max: number;
  checks: CheckGrade[];
  /** Things worth telling the student that are not checks: ignored files, YAML errors with line:column, timeouts. */
  notes: string[];
  /** For `failed`: why, in one sentence. */
  error?: string;
}

/** Everything one `podlab grade` run found; what grades.json holds. */
export interface GradeReport {
  /** `lang`: the exercise's language (feedback is written in it); absent in reports made before it was carried. */
  exercise: { id: string; title: string; file: string; lang?: string };
  /** The gradebook columns, in lesson order. */
  checks: CheckColumn[];
  /** Sum of every check's points. */
  max: number;
  /** Sorted by student id (code-point order), whatever order they were graded in. */
  students: StudentGrade[];
}
