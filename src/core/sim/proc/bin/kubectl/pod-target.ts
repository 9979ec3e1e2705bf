// Finding the pod a command acts on: `POD`, `pod/POD`, or the first good pod of `deploy/x`, `rs/x`, `svc/x`
// (polymorphichelpers.AttachablePodForObject), and choosing its container (podcmd.FindOrDefaultContainerByName).
import type { ApiStatus } from '../../../api/api.ts';
import type { LabelSelector } from '../../../api/types.ts';
import type { KObject } from '../../../api/types.ts';
import type { Kube } from './kube.ts';
import { resolveType } from './resolve.ts';

/** `matched`: how many pods the selector of a `TYPE/NAME` found (kubectl logs says so when more than one). */
export type PodLookup = { ok: true; pod: KObject; matched?: number } | { ok: false; status?: ApiStatus; error?: string };

function isReady(p: KObject): boolean {
  return ((p.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** When the pod became Ready ('' when it is not). */
function readySince(p: KObject): string {
  const c = ((p.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find(
    (x) => x.type === 'Ready' && x.status === 'True',
  );
  return c?.lastTransitionTime ?? '';
}

/**
 * podutils.ByLogging (and, for the first pick, the reversed ActivePods that attach/exec use): scheduled, running,
 * ready, ready for longer, then older first.
 */
function bestPod(pods: KObject[]): KObject | undefined {
  const score = (p: KObject) => [p.spec?.nodeName ? 0 : 1, p.status?.phase === 'Running' ? 0 : 1, isReady(p) ? 0 : 1];
  return [...pods].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] - sb[i];
    const ra = readySince(a);
    const rb = readySince(b);
    if (ra && rb && ra !== rb) return ra < rb ? -1 : 1;
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    return ta < tb ? -1 : ta > tb ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
  })[0];
}

/** Resolve `name` or `type/name` to a pod in the command's namespace. */
export function findPod(k: Kube, arg: string): PodLookup {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const r = k.api.get({ kind: 'Pod', namespace: k.namespace, name: arg });
    return r.ok ? { ok: true, pod: r.object } : { ok: false, status: r.status };
  }
  const t = resolveType(arg.slice(0, slash));
  if (!t.ok) return { ok: false, error: t.error };
  const type = t.types[0];
  const name = arg.slice(slash + 1);
  const r = k.api.get({ kind: type.kind, namespace: type.namespaced ? k.namespace : undefined, name });
  if (!r.ok) return { ok: false, status: r.status };
  const obj = r.object;
  if (type.kind === 'Pod') return { ok: true, pod: obj };
  let selector: LabelSelector | undefined;
  if (type.kind === 'Service') selector = obj.spec?.selector ? { matchLabels: obj.spec.selector } : undefined;
  else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(type.kind)) selector = obj.spec?.selector;
  if (!selector) return { ok: false, error: `cannot attach to ${type.kind}: selector for ${type.kind} not implemented` };
  const pods = k.api.list('Pod', { namespace: k.namespace, selector });
  const pod = bestPod(pods);
  if (!pod) return { ok: false, error: `no pods found for ${type.singular}/${name}` };
  return { ok: true, pod, matched: pods.length };
}

/** All container names as kubectl lists them: containers, then init containers marked "(init)". */
export function allContainerNames(pod: KObject): string {
  const names = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  for (const c of (pod.spec?.initContainers ?? []) as { name: string }[]) names.push(`${c.name} (init)`);
  return names.join(', ');
}

/**
 * The container to use when -c is not given: the kubectl.kubernetes.io/default-container annotation, else the
 * first container, with `Defaulted container "a" out of: a, b` on stderr when there was a choice.
 */
export function defaultContainer(k: Kube, pod: KObject, quiet = false): string | undefined {
  const containers = (pod.spec?.containers ?? []) as { name: string }[];
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  if (annotated && !quiet) {
    k.err(`Found invalid container name "${annotated}" in pod annotation "kubectl.kubernetes.io/default-container"\n`);
  }
  const first = containers[0]?.name;
  const total = containers.length + ((pod.spec?.initContainers ?? []) as unknown[]).length;
  if (first && total > 1 && !quiet) k.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}
