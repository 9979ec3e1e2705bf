// The lesson format's public API: parse, lint, render, and the tables that define the format.
export { parseLesson } from './parse.ts';
export { lintLesson, LINT_RULES } from './lint.ts';
export type { LintContext, LintRule } from './lint.ts';
export { createMarkdown, podlabPlugin } from './markdown.ts';
export { parseInfoString } from './info-string.ts';
export type { InfoAttr, InfoString } from './info-string.ts';
export { parseExpectation, parseCapture, isCaptureLine, REACH_VERDICTS, EXPECTATION_FORMS } from './expectation.ts';
export type { CaptureResult, ExpectationResult } from './expectation.ts';
export { OBJECT_KINDS, parseLabelRef, parseObjectRef } from './object-refs.ts';
export type { LabelRef, ObjectRef } from './object-refs.ts';
export { CELL_ATTRIBUTES } from './cell-attributes.ts';
export { durationMs } from '../duration.ts';
export type { AttributeRule, BlockKind } from './cell-attributes.ts';
export { splitRunLines } from './run-lines.ts';
export { LESSON_LIMITS } from './limits.ts';
export { FRONT_MATTER_DEFAULTS } from './cluster.ts';
export type { FenceMeta } from './collect.ts';
export type {
  Capture,
  Cell,
  CellTarget,
  ClusterSpec,
  CniModel,
  Expectation,
  FaultSpec,
  FileCell,
  Lesson,
  NodeSpec,
  ObjectExpectation,
  ObjectKind,
  OutputExpectation,
  Quantifier,
  PinSpec,
  ReachExpectation,
  ReachVerdict,
  RunCell,
  Section,
  SetupStep,
} from './model.ts';
