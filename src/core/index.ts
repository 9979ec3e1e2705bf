// podlab's core public API: what runs the same in Node and in the browser. Named exports only.
// src/node and web/ import core through this file and sim/index.ts only (lint: no-restricted-imports).
export { PodlabError, ERROR_CODES, formatDiagnostic, formatPos, errorMessage } from './errors.ts';
export type { Diagnostic, ErrorCode, SourcePos } from './errors.ts';

export { parseLesson, lintLesson, createMarkdown } from './lesson/index.ts';
export { shellWords, simpleCommandWords, type ShellWords } from './shell-words.ts';
export { LESSON_LIMITS } from './lesson/index.ts';
export type {
  Cell,
  ClusterSpec,
  CniModel,
  Expectation,
  FileCell,
  Lesson,
  NodeSpec,
  ReachVerdict,
  RunCell,
  Section,
  SetupStep,
} from './lesson/index.ts';

export type {
  Backend,
  ClusterView,
  Endpoint,
  Hop,
  LineResult,
  Probe,
  ProbeClass,
  ProbeClassifier,
  ProbeOutcome,
  ShellTarget,
  SourceClass,
  StartOptions,
  Target,
  Terminal,
  TypeOptions,
} from './backend.ts';

export {
  computeMatrix,
  matrixCounts,
  matrixSquares,
  type MatrixOptions,
  type MatrixSquares,
  verdictAccepts,
  VERDICT_ACCEPTS,
} from './check/index.ts';

export { Kernel, summarize, DEFAULT_CELL_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES } from './runtime/kernel.ts';
export type { KernelOptions } from './runtime/kernel.ts';
export { Session } from './runtime/session.ts';
export type { SessionDeps } from './runtime/session.ts';
export { PROTOCOL_VERSION, isClientMessage } from './runtime/protocol.ts';
export { checkClientMessage, type CheckedMessage } from './runtime/protocol-check.ts';
export type { ClientMessage, PtyClientMessage, PtyServerMessage, ServerMessage } from './runtime/protocol.ts';
export { cellWithAnswer } from './runtime/answers.ts';
export type { CellOutcome, CheckResult, KernelEvent, MatrixCell, ReachMatrix, RunReport, RunSummary } from './runtime/types.ts';

export { checkColumns, duplicateIds } from './grade/columns.ts';
export { gradesCsv } from './grade/csv.ts';
export { feedbackMarkdown } from './grade/feedback.ts';
export { gradeSubmission } from './grade/grade-submission.ts';
export { gradesJunit } from './grade/junit.ts';
export { releaseExercise, placeholderText } from './grade/release.ts';
export { buildGradeReport, byCodePoint } from './grade/report.ts';
export { failedSubmission, gradeStudent } from './grade/score.ts';
export { summaryText } from './grade/summary.ts';
export type { ManifestChecker, Submission, SubmittedFile } from './grade/submission.ts';
export type { GradeReport, StudentGrade } from './grade/types.ts';

export { TerminalSet } from './terminal-set.ts';
export { SimBackend } from './sim/sim-backend.ts';
export { parseDuration } from './duration.ts';
export { parseManifests } from './sim/api/manifest.ts';
export { MANIFEST_MAX_BYTES } from './sim/api/manifest-limits.ts';
export { apiVersionOf, RESOURCES, resourceForKind, type ResourceType } from './sim/api/resources.ts';

// Sentences in the lesson's language (checks, the backend's reasons): the CLI and grading feedback use the page's words.
export {
  checkSentence,
  checkSentenceParts,
  ruleText,
  translateReason,
  reasonCodeText,
  baseLang,
  outcomeWord,
  type SentencePart,
} from './i18n/index.ts';
// Lint = run: every rule, including the one that builds the cluster with the simulator's own code.
export { ALL_LINT_RULES } from './sim/lint-cluster-model.ts';
