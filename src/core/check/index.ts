// Checks: expectations evaluated against a backend; verdicts and the reachability matrix.
export { appliedLine, evaluateCell, evaluateObject, evaluateOutput, evaluateReach, MAX_SELECTOR_PROBES } from './evaluate.ts';
export { evaluateCaptures } from './capture.ts';
export type { CaptureOutcome } from './capture.ts';
export { resolveSide } from './selectors.ts';
export type { ResolvedSide } from './selectors.ts';
export { substituteValues } from './values.ts';
export type { Values } from './values.ts';
export type { CellTranscript } from './evaluate.ts';
export { computeMatrix, MATRIX_MAX_PODS, matrixCounts, matrixSquares, type MatrixOptions, type MatrixSquares } from './matrix.ts';
export { endpointFor, endpointLabel } from './endpoints.ts';
export { VERDICT_ACCEPTS, verdictAccepts } from './verdicts.ts';
