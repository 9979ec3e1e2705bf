// Lint = run: the cluster the simulator would build from the front matter, checked when linting. Every error
// `podlab run` raises while building the world (CIDR overlaps, exhausted pod CIDRs, pins, faults) and the size
// limit on nodes are found here first, with a file:line, by the same code (resolveCluster).
import { PodlabError, type Diagnostic, type SourcePos } from '../errors.ts';
import { LINT_RULES, type LintRule } from '../lesson/lint.ts';
import type { Lesson } from '../lesson/model.ts';
import { MAX_NODES, resolveCluster } from './net/topology.ts';
import { Rng } from './rng.ts';

/** Where a topology message points: the node it names, else the front matter key, else the `cluster:` line. */
function positionOf(lesson: Lesson, message: string): SourcePos {
  const named =
    /\bnodes? "?([\w.-]+)"?/.exec(message)?.[1] ??
    (/^cluster\.nodes has/.test(message) ? lesson.cluster.nodes[MAX_NODES]?.name : undefined);
  const node = lesson.cluster.nodes.find((n) => n.name === named);
  if (node?.pos) return node.pos;
  const key = /\bcluster\.(\w+)/.exec(message)?.[1] ?? 'cluster';
  const lines = lesson.source.split(/\r?\n/);
  const at = lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  return { file: lesson.file, line: at >= 0 ? at + 1 : 1, column: 1 };
}

/** The simulated cluster must be one the simulator can build. */
export function clusterModel(lesson: Lesson): Diagnostic[] {
  const { nodes } = lesson.cluster;
  if (nodes.length === 0) return []; // the front matter rule reports it
  try {
    resolveCluster(lesson.cluster, new Rng(lesson.seed).fork('topology'));
    return [];
  } catch (e: unknown) {
    if (!(e instanceof PodlabError) || e.code !== 'lesson-invalid') throw e;
    return [{ severity: 'error', code: 'lesson-invalid', message: e.message, pos: positionOf(lesson, e.message) }];
  }
}

/** The lesson rules plus the simulator's: what `podlab lint` reports and what stops `podlab run` before it starts. */
export const ALL_LINT_RULES: readonly LintRule[] = [
  ...LINT_RULES,
  {
    name: 'cluster-model',
    doc: 'The simulated cluster cannot be built: CIDR overlaps, no free pod block, bad pins or faults, more than 256 nodes.',
    check: clusterModel,
  },
];
