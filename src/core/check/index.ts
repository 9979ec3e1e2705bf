// Checks: expectations evaluated against a backend; verdicts and the reachability matrix.
export { evaluateCell, evaluateOutput, evaluateReach } from './evaluate.ts';
export type { CellTranscript } from './evaluate.ts';
export { computeMatrix, MATRIX_MAX_PODS } from './matrix.ts';
export { endpointFor, endpointLabel } from './endpoints.ts';
export { VERDICT_ACCEPTS, verdictAccepts } from './verdicts.ts';
