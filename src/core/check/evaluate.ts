// Evaluate a cell's expectations: reachability through Backend.probe, output matchers on the transcript.
import type { Backend, Target } from '../backend.ts';
import type { Cell, Expectation, Lesson, OutputExpectation, ReachExpectation } from '../lesson/model.ts';
import type { CheckResult } from './types.ts';
import { endpointFor } from './endpoints.ts';
import { verdictAccepts } from './verdicts.ts';

/** What a run cell produced, as far as output matchers care. */
export interface CellTranscript {
  output: string;
  exitCode: number;
}

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
  const from = endpointFor(exp.from, lesson);
  // The expected verdict lets a real backend retry while observed differs (kubernetes/kubernetes#115283).
  const target: Target = { host: exp.to, port: exp.port, protocol: exp.protocol, expect: exp.expect };
  const probe = await backend.probe(from, target);
  const passed = verdictAccepts(exp.expect, probe.outcome);
  // The reason is the backend's own sentence; `expected` and `observed` carry the verdicts, so renderers
  // (CLI, page, feedback) can put them in their own words and language without repeating them.
  return { ...base(exp, cell, index), expected: exp.expect, observed: probe.outcome, passed, reason: probe.reason, hops: probe.hops };
}

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Output matchers as a table: name → test and a description of the expectation. */
const OUTPUT_MATCHERS: Record<
  OutputExpectation['matcher'],
  { test: (t: CellTranscript, value: string, flags?: string) => boolean; describe: (value: string, flags?: string) => string }
> = {
  contains: { test: (t, v) => t.output.includes(v), describe: (v) => `output contains ${JSON.stringify(v)}` },
  'not-contains': { test: (t, v) => !t.output.includes(v), describe: (v) => `output does not contain ${JSON.stringify(v)}` },
  regex: { test: (t, v, f) => new RegExp(v, f).test(t.output), describe: (v, f) => `output matches /${v}/${f ?? ''}` },
  'exit-code': { test: (t, v) => t.exitCode === Number(v), describe: (v) => `exit code ${v}` },
};

export function evaluateOutput(exp: OutputExpectation, cell: Cell, index: number, transcript: CellTranscript): CheckResult {
  const m = OUTPUT_MATCHERS[exp.matcher];
  const passed = m.test(transcript, exp.value, exp.flags);
  const observed = exp.matcher === 'exit-code' ? `exit code ${transcript.exitCode}` : excerpt(transcript.output);
  const described = m.describe(exp.value, exp.flags);
  const reason = passed ? `${described}: yes` : `expected ${described}, but got ${observed || '(no output)'}`;
  return { ...base(exp, cell, index), expected: described, observed, passed, reason, hops: [] };
}

/** A `[simulator]` check on a real cluster: reported, not evaluated. */
function skipped(exp: Expectation, cell: Cell, index: number, backendName: string): CheckResult {
  const reason = `simulator only: not checked on the ${backendName} backend (it depends on what only the simulator pins)`;
  return { ...base(exp, cell, index), expected: exp.kind === 'reach' ? exp.expect : exp.text, observed: 'skipped', passed: true, skipped: true, reason, hops: [] };
}

/** Evaluate every expectation of a cell, in order; hidden ones only when asked. */
export async function evaluateCell(
  cell: Cell,
  transcript: CellTranscript,
  backend: Backend,
  lesson: Pick<Lesson, 'cluster'>,
  includeHidden: boolean,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const [i, exp] of cell.expectations.entries()) {
    if (exp.hidden && !includeHidden) continue;
    if (exp.simulatorOnly && backend.name !== 'simulator') {
      out.push(skipped(exp, cell, i, backend.name));
      continue;
    }
    out.push(exp.kind === 'reach' ? await evaluateReach(exp, cell, i, backend, lesson) : evaluateOutput(exp, cell, i, transcript));
  }
  return out;
}
