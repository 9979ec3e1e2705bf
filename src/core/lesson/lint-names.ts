// Lint rules about names: expectations, cells and pins that name pods, Services or nodes nothing creates.
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { Lesson } from './model.ts';
import { isKnownPod, nameKey, type CreatedNames } from './created-names.ts';
import { isIpv4 } from './net-syntax.ts';
import { parseLabelRef, parseObjectRef, refLabel, type ObjectRef } from './object-refs.ts';

function warn(code: string, message: string, pos: SourcePos): Diagnostic {
  return { severity: 'warning', code, message, pos };
}

/** IPs and names with a dot (DNS names) are always accepted, and so is localhost. */
function alwaysAllowed(host: string): boolean {
  return isIpv4(host) || (!host.includes('/') && host.includes('.')) || host === 'localhost';
}

/** Does some pod the lesson creates carry every label of the selector, in its namespace? */
function labelsKnown(names: CreatedNames, labels: Record<string, string>, namespace: string): boolean {
  return names.podLabels.some((p) => p.namespace === namespace && Object.entries(labels).every(([k, v]) => p.labels[k] === v));
}

/** Is an object ref (`deploy/web`, `svc/web`, `kube-system/rs/x`) something the lesson creates? */
function refKnown(names: CreatedNames, ref: ObjectRef): boolean {
  const key = `${ref.namespace ?? 'default'}/${ref.name}`;
  const byKind: Record<ObjectRef['resource'], () => boolean> = {
    pod: () => isKnownPod(names, key),
    service: () => names.services.has(key),
    node: () => names.nodes.has(ref.name),
    deployment: () => names.workloads.has(key),
    // a ReplicaSet is created directly, or by a Deployment as `<deployment>-<hash>`
    replicaset: () => names.workloads.has(key) || [...names.workloads].some((w) => key.startsWith(`${w}-`)),
  };
  return byKind[ref.resource]();
}

/** Why a reach side names nothing the lesson creates, or undefined when it does (or cannot be known). */
function unknownSide(names: CreatedNames, word: string, asTarget: boolean, captured: Set<string>): string | undefined {
  const value = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word);
  if (value) return captured.has(value[1]) ? undefined : `'${word}' is not captured by an earlier cell (capture ${value[1]} = …)`;
  const ref = parseObjectRef(word);
  if (ref) return refKnown(names, ref) ? undefined : `'${word}' names a ${ref.resource} the lesson does not create`;
  const labels = parseLabelRef(word);
  if (labels && !('error' in labels)) {
    return labelsKnown(names, labels.labels, labels.namespace ?? 'default')
      ? undefined
      : `selector '${word}' matches no pod the lesson creates`;
  }
  const known =
    names.nodes.has(word) || isKnownPod(names, word) || (asTarget && (alwaysAllowed(word) || names.services.has(nameKey(word))));
  if (known) return undefined;
  return asTarget ? `'${word}' is not a node, pod or Service the lesson creates` : `'${word}' is not a node or a pod the lesson creates`;
}

/**
 * A source must be a node, a pod or a selector of pods; a target may also be a Service, a DNS name, an IP or a
 * captured `$VALUE`. Object checks (other than `absent`) must name something the lesson creates.
 */
export function unknownNames(lesson: Lesson, names: CreatedNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  const captured = new Set<string>();
  for (const cell of lesson.cells) {
    if (cell.kind === 'run' && cell.target.kind === 'pod') {
      const ref = cell.target.namespace ? `${cell.target.namespace}/${cell.target.pod}` : cell.target.pod;
      if (!isKnownPod(names, ref))
        out.push(warn('lint-unknown-name', `cell runs in pod '${ref}', which nothing in the lesson creates`, cell.pos));
    }
    // a cell's captures are taken before its checks run
    for (const c of cell.captures ?? []) captured.add(c.name);
    for (const e of cell.expectations) {
      if (e.kind === 'object') {
        if (e.state !== 'absent' && !refKnown(names, e))
          out.push(warn('lint-unknown-name', `'${refLabel(e)}' is not something the lesson creates`, e.pos));
        continue;
      }
      if (e.kind !== 'reach') continue;
      for (const [word, asTarget] of [
        [e.from, false],
        [e.to, true],
      ] as const) {
        const why = unknownSide(names, word, asTarget, captured);
        if (why) out.push(warn('lint-unknown-name', why, e.pos));
      }
    }
  }
  return out;
}

/** A pin should name a pod the lesson creates (by name, not by workload prefix). */
export function pinUnknownPod(lesson: Lesson, names: CreatedNames): Diagnostic[] {
  return lesson.cluster.pins
    .filter((p) => !names.pods.has(`${p.namespace ?? 'default'}/${p.pod}`))
    .map((p) =>
      warn(
        'lint-pin-unknown-pod',
        `pin names pod '${p.pod}', which nothing in the lesson creates`,
        p.pos ?? { file: lesson.file, line: 1 },
      ),
    );
}
