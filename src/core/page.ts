// What the page's main thread (web/, all but web/worker.ts) imports from core: the lesson parser and renderer,
// answers and placeholders of exercise cells, and the protocol and result types. Not the simulator nor the Kernel:
// they run in worker.js, and importing them here would load them with every page (lint keeps web/ to this file).
export { parseLesson } from './lesson/parse.ts';
export { createMarkdown } from './lesson/markdown.ts';
export { cellWithAnswer } from './runtime/answers.ts';
export { placeholderText } from './grade/release.ts';
export { yamlSyntaxErrors } from './lesson/manifests.ts';
export { splitRunLines } from './lesson/run-lines.ts';

export type { Cell, Expectation, FileCell, Lesson, RunCell } from './lesson/model.ts';
export type { ClusterView, LineResult } from './backend.ts';
export type { ClientMessage, PtyClientMessage, PtyServerMessage, ServerMessage } from './runtime/protocol.ts';
export type { CellOutcome, CheckResult, KernelEvent, MatrixCell, ReachMatrix } from './runtime/types.ts';

// The page's own language: checks as sentences, the backend's reasons translated.
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
