// lintLesson: the parse diagnostics plus a table of named lint rules over a parsed Lesson.
import type { Diagnostic } from '../errors.ts';
import type { Lesson } from './model.ts';
import { createdNames, type CreatedNames } from './created-names.ts';
import { missingExpect, unusedFiles } from './lint-cells.ts';
import { rerunUnsafe, valueBeforeCapture } from './lint-checks.ts';
import { unknownNodes, workstationNode } from './lint-cluster.ts';
import { unterminatedFences } from './lint-fences.ts';
import { pinUnknownPod, unknownNames } from './lint-names.ts';
import { policySelectsNothing } from './lint-netpol.ts';

/** What a rule may read besides the lesson: the names it creates, worked out on first read. */
export interface LintContext {
  readonly names: CreatedNames;
}

/** One lint rule: a name, a line for the docs, and a check over the lesson (and the names it creates). */
export interface LintRule {
  name: string;
  doc: string;
  /** The rule reports warnings only: a lint for errors alone (what stops `podlab run`) skips it. */
  warningsOnly?: boolean;
  check(lesson: Lesson, context: LintContext): Diagnostic[];
}

/** Every lint rule, in report order. Add a row to add a rule. */
export const LINT_RULES: readonly LintRule[] = [
  {
    name: 'parse',
    doc: 'Everything parseLesson found: front matter, attributes, expectation lines, duplicate ids, limits.',
    check: (l) => l.diagnostics,
  },
  {
    name: 'file-manifest',
    doc: 'A YAML/JSON file cell that is not valid manifests (warning: a lesson may show a broken file on purpose).',
    warningsOnly: true,
    check: (_l, c) => c.names.fileDiagnostics,
  },
  {
    name: 'unknown-name',
    doc: 'An expectation or `in=` names a pod, node, Service, workload or label selector nothing creates, or a `$VALUE` no earlier cell captures.',
    warningsOnly: true,
    check: (l, c) => unknownNames(l, c.names),
  },
  {
    name: 'rerun-unsafe',
    doc: 'An `output contains \"… created\"` check after `kubectl apply`: it fails on a re-run; use `applied KIND/NAME`.',
    warningsOnly: true,
    check: rerunUnsafe,
  },
  {
    name: 'value-order',
    doc: 'A run cell uses `$NAME` that only this or a later cell captures.',
    warningsOnly: true,
    check: valueBeforeCapture,
  },
  { name: 'unused-file', doc: 'A file cell whose path no run cell line mentions.', warningsOnly: true, check: unusedFiles },
  {
    name: 'missing-expect',
    doc: 'A run cell runs curl, ping, wget, nc or nslookup but has no expect block.',
    warningsOnly: true,
    check: missingExpect,
  },
  { name: 'pin-unknown-pod', doc: 'A pin names a pod nothing creates.', warningsOnly: true, check: (l, c) => pinUnknownPod(l, c.names) },
  { name: 'workstation-node', doc: 'cluster.workstation.node is not one of cluster.nodes.', check: workstationNode },
  { name: 'unknown-node', doc: 'A pin, fault or `on=` cell names a node not in cluster.nodes.', check: unknownNodes },
  {
    name: 'policy-selects-nothing',
    doc: 'A NetworkPolicy whose podSelector matches no pod the lesson creates in its namespace.',
    warningsOnly: true,
    check: policySelectsNothing,
  },
  {
    name: 'unterminated-fence',
    doc: 'A code fence that is never closed (it swallows the rest of the file; warning).',
    warningsOnly: true,
    check: unterminatedFences,
  },
];

/**
 * All problems of a parsed lesson: its parse diagnostics followed by every lint rule's findings,
 * sorted by position (stable within a line). Errors mean the lesson must not run; warnings may.
 * With `errorsOnly`, the errors alone: the same list as the full lint's errors, in the same order.
 */
export function lintLesson(lesson: Lesson, rules: readonly LintRule[] = LINT_RULES, options: { errorsOnly?: boolean } = {}): Diagnostic[] {
  // errorsOnly: what `podlab run` (and grading, the server) asks, which stops on errors and prints no warning. The
  // warnings-only rules and the created names only they read (every manifest parsed again) are then not worked out.
  const active = options.errorsOnly ? rules.filter((r) => !r.warningsOnly) : rules;
  let names: CreatedNames | undefined;
  const context: LintContext = {
    get names() {
      return (names ??= createdNames(lesson));
    },
  };
  const all = active.flatMap((r) => r.check(lesson, context));
  const found = options.errorsOnly ? all.filter((d) => d.severity === 'error') : all;
  return found
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.pos.line - b.d.pos.line || (a.d.pos.column ?? 0) - (b.d.pos.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}
