// Evaluating `capture NAME = …` lines once their cell has run: a value read off the cluster or the cell's output.
import type { Backend, ClusterView } from '../backend.ts';
import type { Capture } from '../lesson/model.ts';
import { parseObjectRef } from '../lesson/object-refs.ts';
import type { CellTranscript } from './evaluate.ts';
import { findObject, otherField, podField } from './objects.ts';
import { resolveSide } from './selectors.ts';
import { substituteValues, type Values } from './values.ts';

/** A captured value, or why there is none. */
export type CaptureOutcome = { name: string; value: string } | { name: string; error: string };

function fromView(c: Capture & { from: { kind: 'object' } }, view: ClusterView): { value: string } | { error: string } {
  const ref = parseObjectRef(c.from.ref);
  if (ref && ref.resource !== 'deployment' && ref.resource !== 'replicaset') {
    const found = findObject(ref, view);
    if (!found || found === 'unlisted') return { error: `${c.from.ref} does not exist` };
    if (found.resource === 'pod') return podField(found.pod, c.from.field);
    if (found.resource === 'service' || found.resource === 'node') return otherField(found, c.from.field);
  }
  // a workload or a label selector: its first pod by name
  const side = resolveSide(c.from.ref, false, view);
  if (side.kind === 'none') return { error: side.reason };
  if (side.kind === 'word') return { error: `${c.from.ref} is not a pod, Service, node, workload or selector` };
  const first = side.pods[0];
  const [ns, name] = first.includes('/') ? first.split('/', 2) : [view.defaultNamespace ?? 'default', first];
  const pod = view.pods.find((p) => p.namespace === ns && p.name === name);
  return pod ? podField(pod, c.from.field) : { error: `${first} vanished` };
}

function fromOutput(c: Capture & { from: { kind: 'output' } }, t: CellTranscript): { value: string } | { error: string } {
  const line = c.from.line;
  const text = line === undefined ? t.output : t.commands?.[line - 1]?.output;
  if (text === undefined) return { error: `command ${line} of the cell did not run` };
  const m = new RegExp(c.from.regex, c.from.flags).exec(text);
  if (!m) return { error: `the output does not match /${c.from.regex}/${c.from.flags ?? ''}` };
  return { value: m[1] ?? m[0] };
}

/** Capture a cell's values in order; a later capture may use an earlier one (`capture B = pod/$A .status.podIP`). */
export async function evaluateCaptures(
  captures: readonly Capture[],
  transcript: CellTranscript,
  backend: Backend,
  values: Values,
): Promise<CaptureOutcome[]> {
  const out: CaptureOutcome[] = [];
  const known = new Map(values);
  let view: ClusterView | undefined;
  for (const c of captures) {
    let r: { value: string } | { error: string };
    if (c.from.kind === 'output') r = fromOutput({ ...c, from: c.from }, transcript);
    else {
      view ??= await backend.view();
      r = fromView({ ...c, from: { ...c.from, ref: substituteValues(c.from.ref, known) } }, view);
    }
    if ('value' in r) known.set(c.name, r.value);
    out.push('value' in r ? { name: c.name, value: r.value } : { name: c.name, error: `capture ${c.name}: ${r.error}` });
  }
  return out;
}
