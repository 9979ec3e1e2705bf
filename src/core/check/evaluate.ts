// Evaluate a cell's expectations: reachability through Backend.probe, output matchers on the transcript,
// object checks on the Backend's view.
import type { Backend, ClusterView, Probe, Target } from '../backend.ts';
import type { Cell, Expectation, Lesson, ObjectExpectation, OutputExpectation, ReachExpectation } from '../lesson/model.ts';
import type { CheckResult } from './types.ts';
import { endpointFor } from './endpoints.ts';
import { judgeObject } from './objects.ts';
import { isSelectorSide, resolveSide } from './selectors.ts';
import { withValues, type Values } from './values.ts';
import { verdictAccepts } from './verdicts.ts';
import { compileExpectRegex } from '../regex/expect.ts';

/** What a run cell produced, as far as output matchers care. */
export interface CellTranscript {
  output: string;
  exitCode: number;
  /** Each command of the cell that ran, in order: its output (without prompt and echo) and exit code. */
  commands?: { output: string; exitCode: number }[];
}

/** At most this many probes for one reach check between selectors (sources × targets). */
export const MAX_SELECTOR_PROBES = 64;

function base(exp: Expectation, cell: Cell, index: number): Omit<CheckResult, 'expected' | 'observed' | 'passed' | 'reason' | 'hops'> {
  return {
    id: exp.id ?? `${cell.id}#${index + 1}`,
    cellId: cell.id,
    section: cell.section,
    kind: exp.kind,
    text: exp.text,
    pos: exp.pos,
    hidden: exp.hidden,
    points: exp.points ?? 1,
  };
}

/** Probe once and compare; the reason comes from the backend's answer, never from the transcript. */
export async function evaluateReach(
  exp: ReachExpectation,
  cell: Cell,
  index: number,
  backend: Backend,
  lesson: Pick<Lesson, 'cluster'>,
): Promise<CheckResult> {
  if (isSelectorSide(exp.from, false) || isSelectorSide(exp.to, true) || /^node\//.test(exp.from) || /^pod\//.test(exp.from)) {
    return evaluateSelectorReach(exp, cell, index, backend, lesson, await backend.view());
  }
  const from = endpointFor(exp.from, lesson);
  // The expected verdict lets a real backend retry while observed differs (kubernetes/kubernetes#115283).
  const target: Target = { host: exp.to, port: exp.port, protocol: exp.protocol, expect: exp.expect };
  const probe = await backend.probe(from, target);
  const passed = verdictAccepts(exp.expect, probe.outcome);
  // The reason is the backend's own sentence; `expected` and `observed` carry the verdicts, so renderers
  // (CLI, page, feedback) can put them in their own words and language without repeating them.
  const codes = probe.reasonCodes?.length ? { reasonCodes: probe.reasonCodes } : {};
  return {
    ...base(exp, cell, index),
    expected: exp.expect,
    observed: probe.outcome,
    passed,
    reason: probe.reason,
    hops: probe.hops,
    ...codes,
  };
}

/**
 * A reach check with a selector side: every selected source probes every selected target (targets that are not
 * selectors are one). `any` passes when one pair agrees with the verdict, `all` when every pair does. A selector
 * that selects nothing fails the check, whatever the verdict.
 */
async function evaluateSelectorReach(
  exp: ReachExpectation,
  cell: Cell,
  index: number,
  backend: Backend,
  lesson: Pick<Lesson, 'cluster'>,
  view: ClusterView,
): Promise<CheckResult> {
  const head = { ...base(exp, cell, index), expected: exp.expect };
  const src = resolveSide(exp.from, false, view);
  const dst = resolveSide(exp.to, true, view);
  for (const [side, outcome] of [
    [src, 'no-source'],
    [dst, 'error'],
  ] as const) {
    if (side.kind === 'none')
      return { ...head, observed: outcome, passed: false, reason: `${side.reason}; a selector must select at least one pod`, hops: [] };
  }
  const sources = src.kind === 'pods' ? src.pods : src.kind === 'word' ? [src.word] : [];
  // target pods are named with their namespace, so a source in another namespace reaches the right pod
  const targets =
    dst.kind === 'pods' ? dst.pods.map((p) => `pod/${p.includes('/') ? p : `default/${p}`}`) : dst.kind === 'word' ? [dst.word] : [];
  const quantifier = exp.quantifier ?? 'any';
  const pairs = sources.flatMap((f) => targets.map((t) => [f, t] as const));
  if (pairs.length > MAX_SELECTOR_PROBES) {
    return {
      ...head,
      observed: 'error',
      passed: false,
      reason: `${pairs.length} pairs to probe, over the limit of ${MAX_SELECTOR_PROBES}; narrow the selector`,
      hops: [],
    };
  }
  let first: { probe: Probe; pair: readonly [string, string] } | undefined;
  let agreeing = 0;
  for (const pair of pairs) {
    const probe = await backend.probe(endpointFor(pair[0], lesson), {
      host: pair[1],
      port: exp.port,
      protocol: exp.protocol,
      expect: exp.expect,
    });
    const agrees = verdictAccepts(exp.expect, probe.outcome);
    if (agrees) agreeing++;
    // the probe the result shows: for `any`, the first that agrees; for `all`, the first that does not
    if (
      !first ||
      (quantifier === 'any'
        ? agrees && !verdictAccepts(exp.expect, first.probe.outcome)
        : !agrees && verdictAccepts(exp.expect, first.probe.outcome))
    )
      first = { probe, pair };
    if (quantifier === 'any' && agrees) break;
  }
  const passed = quantifier === 'any' ? agreeing > 0 : agreeing === pairs.length;
  const shown = first!;
  const pairText = `${shown.pair[0]} -> ${shown.pair[1].replace(/^pod\/default\//, '')}`;
  const tally =
    quantifier === 'all'
      ? `${agreeing} of ${pairs.length} pairs ${exp.expect}; ${pairText}`
      : passed
        ? pairText
        : `none of ${pairs.length} pairs ${exp.expect}; ${pairText}`;
  const head2 = `${quantifier} ${exp.from} -> ${exp.to}${exp.port === undefined ? '' : `:${exp.port}`}`;
  return { ...head, observed: shown.probe.outcome, passed, reason: `${head2}: ${tally}: ${shown.probe.reason}`, hops: shown.probe.hops };
}

/** Ask the cluster's view whether the object is there / ready; never the transcript. */
export async function evaluateObject(exp: ObjectExpectation, cell: Cell, index: number, backend: Backend): Promise<CheckResult> {
  const verdict = judgeObject(exp, await backend.view(), backend.name);
  return { ...base(exp, cell, index), ...verdict, hops: [] };
}

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** kubectl's short and plural resource names, to the singular it prints in `apply` lines (`deploy` → `deployment`). */
const APPLY_KINDS: Record<string, string> = {
  svc: 'service',
  services: 'service',
  deploy: 'deployment',
  deployments: 'deployment',
  rs: 'replicaset',
  replicasets: 'replicaset',
  po: 'pod',
  pods: 'pod',
  cm: 'configmap',
  configmaps: 'configmap',
  ns: 'namespace',
  namespaces: 'namespace',
  ds: 'daemonset',
  daemonsets: 'daemonset',
  sts: 'statefulset',
  statefulsets: 'statefulset',
  netpol: 'networkpolicy',
  networkpolicies: 'networkpolicy',
  sa: 'serviceaccount',
  serviceaccounts: 'serviceaccount',
  ing: 'ingress',
  ingresses: 'ingress',
  secrets: 'secret',
  jobs: 'job',
};

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * kubectl apply prints one line per object, `RESOURCE[.GROUP]/NAME created|configured|unchanged`
 * (kubernetes/kubectl: pkg/cmd/apply/apply.go, printObjects via PrintFlags.ToPrinter(operation)),
 * with ` (server dry run)` / ` (dry run)` after a dry run. `applied service/web` accepts any of the three.
 */
export function appliedLine(ref: string): RegExp {
  const slash = ref.indexOf('/');
  const [kind, group] = ((k) => [k.split('.')[0], k.includes('.') ? k.slice(k.indexOf('.')) : undefined])(ref.slice(0, slash));
  const singular = APPLY_KINDS[kind] ?? kind;
  const groupPart = group ? escapeRegex(group) : '(\\.[a-z0-9.-]+)?';
  return new RegExp(
    `^${escapeRegex(singular)}${groupPart}/${escapeRegex(ref.slice(slash + 1))} (created|configured|unchanged)( \\((server )?dry run\\))?$`,
    'm',
  );
}

/** Output matchers as a table: name → test and a description of the expectation. */
const OUTPUT_MATCHERS: Record<
  OutputExpectation['matcher'],
  { test: (t: CellTranscript, value: string, flags?: string) => boolean; describe: (value: string, flags?: string) => string }
> = {
  contains: { test: (t, v) => t.output.includes(v), describe: (v) => `output contains ${JSON.stringify(v)}` },
  'not-contains': { test: (t, v) => !t.output.includes(v), describe: (v) => `output does not contain ${JSON.stringify(v)}` },
  regex: { test: (t, v, f) => compileExpectRegex(v, f).test(t.output), describe: (v, f) => `output matches /${v}/${f ?? ''}` },
  'exit-code': { test: (t, v) => t.exitCode === Number(v), describe: (v) => `exit code ${v}` },
  applied: { test: (t, v) => appliedLine(v).test(t.output), describe: (v) => `${v} created, configured or unchanged` },
};

export function evaluateOutput(exp: OutputExpectation, cell: Cell, index: number, whole: CellTranscript): CheckResult {
  const m = OUTPUT_MATCHERS[exp.matcher];
  const described = (exp.line === undefined ? '' : `command ${exp.line}: `) + m.describe(exp.value, exp.flags);
  const transcript = exp.line === undefined ? whole : whole.commands?.[exp.line - 1];
  if (!transcript) {
    const reason = `expected ${described}, but command ${exp.line} of the cell did not run`;
    return { ...base(exp, cell, index), expected: described, observed: '(did not run)', passed: false, reason, hops: [] };
  }
  const passed = m.test(transcript, exp.value, exp.flags);
  const observed = exp.matcher === 'exit-code' ? `exit code ${transcript.exitCode}` : excerpt(transcript.output);
  const reason = passed ? `${described}: yes` : `expected ${described}, but got ${observed || '(no output)'}`;
  return { ...base(exp, cell, index), expected: described, observed, passed, reason, hops: [] };
}

/** A `[simulator]` check on a real cluster: reported, not evaluated. */
function skipped(exp: Expectation, cell: Cell, index: number, backendName: string): CheckResult {
  const reason = `simulator only: not checked on the ${backendName} backend (it depends on what only the simulator pins)`;
  return {
    ...base(exp, cell, index),
    expected: exp.kind === 'reach' ? exp.expect : exp.text,
    observed: 'skipped',
    passed: true,
    skipped: true,
    reason,
    hops: [],
  };
}

/** Evaluate every expectation of a cell, in order; hidden ones only when asked; captured values substituted. */
export async function evaluateCell(
  cell: Cell,
  transcript: CellTranscript,
  backend: Backend,
  lesson: Pick<Lesson, 'cluster'>,
  includeHidden: boolean,
  values: Values = new Map(),
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const [i, written] of cell.expectations.entries()) {
    if (written.hidden && !includeHidden) continue;
    if (written.simulatorOnly && backend.name !== 'simulator') {
      out.push(skipped(written, cell, i, backend.name));
      continue;
    }
    const exp = withValues(written, values);
    out.push(
      exp.kind === 'reach'
        ? await evaluateReach(exp, cell, i, backend, lesson)
        : exp.kind === 'object'
          ? await evaluateObject(exp, cell, i, backend)
          : evaluateOutput(exp, cell, i, transcript),
    );
  }
  return out;
}
