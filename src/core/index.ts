// podlab's core public API: what runs the same in Node and in the browser. Named exports only.
export { PodlabError, ERROR_CODES, formatDiagnostic, formatPos, errorMessage } from './errors.ts';
export type { Diagnostic, ErrorCode, SourcePos } from './errors.ts';

export { parseLesson, lintLesson, createMarkdown } from './lesson/index.ts';
export type { Cell, ClusterSpec, Expectation, FileCell, Lesson, RunCell, Section } from './lesson/index.ts';

export type {
  Backend,
  ClusterView,
  Endpoint,
  Hop,
  LineResult,
  Probe,
  ProbeOutcome,
  ShellTarget,
  StartOptions,
  Target,
  Terminal,
  TypeOptions,
} from './backend.ts';

export { computeMatrix, verdictAccepts } from './check/index.ts';

export { Kernel, summarize, DEFAULT_CELL_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES } from './runtime/kernel.ts';
export type { KernelOptions } from './runtime/kernel.ts';
export { Session } from './runtime/session.ts';
export type { SessionDeps } from './runtime/session.ts';
export { PROTOCOL_VERSION, isClientMessage } from './runtime/protocol.ts';
export type { ClientMessage, ServerMessage } from './runtime/protocol.ts';
export type { CellOutcome, CheckResult, KernelEvent, MatrixCell, ReachMatrix, RunReport, RunSummary } from './runtime/types.ts';

export { SimBackend } from './sim/sim-backend.ts';
