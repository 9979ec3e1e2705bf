// What checks produce: the verdict of one expectation and the reachability matrix. Plain objects; runtime/types.ts
// re-exports them as part of a run's results (check/ sits below runtime/ and never imports it).
import type { Hop, ProbeOutcome, ReasonCode } from '../backend.ts';
import type { SourcePos } from '../errors.ts';

/** The verdict of one expectation. */
export interface CheckResult {
  /** The expectation's id (`id=` modifier) or `<cellId>#<n>`. */
  id: string;
  cellId: string;
  section: string;
  kind: 'reach' | 'output' | 'object';
  /** The expectation as written, e.g. "busybox -> nginx-pod:80 ok". */
  text: string;
  /** What was expected, in words: "ok", "refused", "output contains \"Welcome\"". */
  expected: string;
  /** What was observed: a probe outcome ("ok", "refused", "timeout" ...) or for output matchers a short excerpt. */
  observed: string;
  passed: boolean;
  /** Why it failed (or, for passes, what happened), one sentence from the backend's answer. */
  reason: string;
  /** The packet's path as far as it got (reach checks). */
  hops: Hop[];
  /** Parts of `reason` as codes with parameters (NetworkPolicy verdicts), for renderers that translate; absent if none. */
  reasonCodes?: ReasonCode[];
  pos: SourcePos;
  hidden: boolean;
  points: number;
  /**
   * A `[simulator]` check on another backend: not evaluated. It counts neither as passed nor as failed
   * (`passed` is true so that nothing treats it as a failure).
   */
  skipped?: boolean;
}

/** One square of the reachability matrix. */
export interface MatrixCell {
  from: string;
  to: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  port?: number;
  observed: ProbeOutcome;
  /** The lesson's expectation for this pair, when it states one. */
  expected?: string;
  /** Observed agrees with expected (undefined when nothing was expected). */
  agrees?: boolean;
  /** The probe was dropped by NetworkPolicy (a `timeout` a renderer may show apart); absent otherwise. */
  policyDrop?: true;
  /** The probe's policy reason codes, when NetworkPolicy had a say. */
  reasonCodes?: ReasonCode[];
  /** The probe's sentence and path, for a learner who opens the square. */
  reason?: string;
  hops?: Hop[];
}

export interface ReachMatrix {
  /** Row labels: the lesson's pods and nodes. */
  sources: string[];
  /** Column labels: the lesson's pods (and what was probed for each: "nginx-pod:80", "busybox icmp"). */
  targets: { name: string; protocol: 'tcp' | 'udp' | 'icmp'; port?: number; kind?: 'pod' | 'service' | 'cluster-ip' | 'name' }[];
  cells: MatrixCell[];
}
