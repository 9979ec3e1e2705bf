// Lint rules about the cluster: the workstation and every node reference must name a node in cluster.nodes.
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { Lesson } from './model.ts';

function error(code: string, message: string, pos: SourcePos): Diagnostic {
  return { severity: 'error', code, message, pos };
}

function firstLine(lesson: Lesson): SourcePos {
  return { file: lesson.file, line: 1, column: 1 };
}

/** cluster.workstation.node must be one of the nodes. */
export function workstationNode(lesson: Lesson): Diagnostic[] {
  const { workstation, nodes } = lesson.cluster;
  if (nodes.length === 0 || nodes.some((n) => n.name === workstation.node)) return [];
  const pos = workstation.pos ?? nodes[0].pos ?? firstLine(lesson);
  return [error('lint-workstation-node', `workstation node '${workstation.node}' is not in cluster.nodes`, pos)];
}

/** Pins, faults and `on=` cells must name nodes of the cluster (a fault's `to` may be a CIDR instead). */
export function unknownNodes(lesson: Lesson): Diagnostic[] {
  const { nodes, pins, faults } = lesson.cluster;
  if (nodes.length === 0) return [];
  const names = new Set(nodes.map((n) => n.name));
  const out: Diagnostic[] = [];
  const check = (node: string | undefined, what: string, pos: SourcePos | undefined) => {
    if (node !== undefined && !names.has(node))
      out.push(error('lint-unknown-node', `${what} names node '${node}', which is not in cluster.nodes`, pos ?? firstLine(lesson)));
  };
  for (const p of pins) check(p.node, 'pin', p.pos);
  for (const f of faults) {
    check(f.node, `fault ${f.kind}`, f.pos);
    if (f.kind === 'drop-route' && !f.to.includes('/')) check(f.to, `fault ${f.kind}`, f.pos);
  }
  for (const c of lesson.cells) if (c.kind === 'run' && c.target.kind === 'node') check(c.target.node, 'cell', c.pos);
  return out;
}
