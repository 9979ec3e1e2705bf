// Lint rules about names: expectations, cells and pins that name pods, Services or nodes nothing creates.
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { Lesson } from './model.ts';
import { isKnownPod, nameKey, type CreatedNames } from './created-names.ts';
import { isIpv4 } from './net-syntax.ts';

function warn(code: string, message: string, pos: SourcePos): Diagnostic {
  return { severity: 'warning', code, message, pos };
}

/** IPs and names with a dot (DNS names) are always accepted, and so is localhost. */
function alwaysAllowed(host: string): boolean {
  return isIpv4(host) || (!host.includes('/') && host.includes('.')) || host === 'localhost';
}

/** A source must be a node or a pod; a target may also be a Service, a DNS name or an IP. */
export function unknownNames(lesson: Lesson, names: CreatedNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = (ref: string, asTarget: boolean) =>
    names.nodes.has(ref) || isKnownPod(names, ref) || (asTarget && (alwaysAllowed(ref) || names.services.has(nameKey(ref))));
  for (const cell of lesson.cells) {
    if (cell.kind === 'run' && cell.target.kind === 'pod') {
      const ref = cell.target.namespace ? `${cell.target.namespace}/${cell.target.pod}` : cell.target.pod;
      if (!isKnownPod(names, ref)) out.push(warn('lint-unknown-name', `cell runs in pod '${ref}', which nothing in the lesson creates`, cell.pos));
    }
    for (const e of cell.expectations) {
      if (e.kind !== 'reach') continue;
      if (!known(e.from, false)) out.push(warn('lint-unknown-name', `'${e.from}' is not a node or a pod the lesson creates`, e.pos));
      if (!known(e.to, true)) out.push(warn('lint-unknown-name', `'${e.to}' is not a node, pod or Service the lesson creates`, e.pos));
    }
  }
  return out;
}

/** A pin should name a pod the lesson creates (by name, not by workload prefix). */
export function pinUnknownPod(lesson: Lesson, names: CreatedNames): Diagnostic[] {
  return lesson.cluster.pins
    .filter((p) => !names.pods.has(`${p.namespace ?? 'default'}/${p.pod}`))
    .map((p) => warn('lint-pin-unknown-pod', `pin names pod '${p.pod}', which nothing in the lesson creates`, p.pos ?? { file: lesson.file, line: 1 }));
}
