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

/** One lint rule: a name, a line for the docs, and a check over the lesson (and the names it creates). */
export interface LintRule {
  name: string;
  doc: string;
  check(lesson: Lesson, names: CreatedNames): Diagnostic[];
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
    check: (_l, n) => n.fileDiagnostics,
  },
  {
    name: 'unknown-name',
    doc: 'An expectation or `in=` names a pod, node, Service, workload or label selector nothing creates, or a `$VALUE` no earlier cell captures.',
    check: unknownNames,
  },
  {
    name: 'rerun-unsafe',
    doc: 'An `output contains \"… created\"` check after `kubectl apply`: it fails on a re-run; use `applied KIND/NAME`.',
    check: rerunUnsafe,
  },
  { name: 'value-order', doc: 'A run cell uses `$NAME` that only this or a later cell captures.', check: valueBeforeCapture },
  { name: 'unused-file', doc: 'A file cell whose path no run cell line mentions.', check: unusedFiles },
  { name: 'missing-expect', doc: 'A run cell runs curl, ping, wget, nc or nslookup but has no expect block.', check: missingExpect },
  { name: 'pin-unknown-pod', doc: 'A pin names a pod nothing creates.', check: pinUnknownPod },
  { name: 'workstation-node', doc: 'cluster.workstation.node is not one of cluster.nodes.', check: workstationNode },
  { name: 'unknown-node', doc: 'A pin, fault or `on=` cell names a node not in cluster.nodes.', check: unknownNodes },
  {
    name: 'policy-selects-nothing',
    doc: 'A NetworkPolicy whose podSelector matches no pod the lesson creates in its namespace.',
    check: policySelectsNothing,
  },
  {
    name: 'unterminated-fence',
    doc: 'A code fence that is never closed (it swallows the rest of the file; warning).',
    check: unterminatedFences,
  },
];

/**
 * All problems of a parsed lesson: its parse diagnostics followed by every lint rule's findings,
 * sorted by position (stable within a line). Errors mean the lesson must not run; warnings may.
 */
export function lintLesson(lesson: Lesson, rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  const names = createdNames(lesson);
  const all = rules.flatMap((r) => r.check(lesson, names));
  return all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.pos.line - b.d.pos.line || (a.d.pos.column ?? 0) - (b.d.pos.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}
