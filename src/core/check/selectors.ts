// Selector sides of reach checks: `deploy/api`, `rs/x`, `svc/x` (as a source), `app=api`, `ns/app=api` → the pods they select.
import type { ClusterView } from '../backend.ts';
import { formatLabels, parseLabelRef, parseObjectRef } from '../lesson/object-refs.ts';

/** What a reach side names once read against the cluster: a word the backend resolves itself, or a set of pods. */
export type ResolvedSide =
  { kind: 'word'; word: string } | { kind: 'pods'; selector: string; pods: string[] } | { kind: 'none'; selector: string; reason: string };

type ViewPod = ClusterView['pods'][number];

function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
  const terms = Object.entries(selector);
  return terms.length > 0 && terms.every(([k, v]) => labels[k] === v);
}

/** Does this side need the cluster's view to be resolved (a workload, a selector)? */
export function isSelectorSide(word: string, asTarget: boolean): boolean {
  const ref = parseObjectRef(word);
  if (ref) return ref.resource === 'deployment' || ref.resource === 'replicaset' || (!asTarget && ref.resource === 'service');
  const labels = parseLabelRef(word);
  return labels !== undefined && !('error' in labels);
}

/**
 * Resolve one side. Pods come back in the lesson's terms (`name` in the lesson's default namespace, else
 * `ns/name`), sorted by name. Plain words — pods, nodes, `svc/x` targets, `pod/x`, DNS names — pass through.
 */
export function resolveSide(word: string, asTarget: boolean, view: ClusterView): ResolvedSide {
  if (!isSelectorSide(word, asTarget)) {
    const ref = parseObjectRef(word);
    // `node/x` and a source `pod/x` mean the plain name
    if (ref && (ref.resource === 'node' || (!asTarget && ref.resource === 'pod')))
      return { kind: 'word', word: ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name };
    return { kind: 'word', word };
  }
  const home = view.defaultNamespace ?? 'default';
  const realNs = (ns: string | undefined) => (ns === undefined || ns === 'default' ? home : ns);
  const lessonName = (p: ViewPod) => (p.namespace === home ? p.name : `${p.namespace}/${p.name}`);
  let namespace: string;
  let selector: Record<string, string> | undefined;
  let what = word;
  const ref = parseObjectRef(word);
  if (ref) {
    namespace = realNs(ref.namespace);
    if (ref.resource === 'service') {
      selector = view.services.find((s) => s.namespace === namespace && s.name === ref.name)?.selector;
      if (!selector)
        return { kind: 'none', selector: word, reason: `there is no Service ${ref.name} in namespace ${ref.namespace ?? 'default'}` };
    } else {
      if (!view.workloads) return { kind: 'none', selector: word, reason: 'this backend does not list Deployments and ReplicaSets' };
      const w = view.workloads.find((x) => x.kind === ref.resource && x.namespace === namespace && x.name === ref.name);
      if (!w)
        return {
          kind: 'none',
          selector: word,
          reason: `there is no ${ref.resource} ${ref.name} in namespace ${ref.namespace ?? 'default'}`,
        };
      selector = w.selector;
    }
    what = `${word} (${formatLabels(selector)})`;
  } else {
    const labels = parseLabelRef(word);
    if (!labels || 'error' in labels) return { kind: 'none', selector: word, reason: `'${word}' is not a selector` };
    namespace = realNs(labels.namespace);
    selector = labels.labels;
  }
  const pods = view.pods
    .filter((p) => p.namespace === namespace && p.phase !== 'Terminating' && matches(p.labels, selector))
    .map(lessonName)
    .sort();
  if (pods.length === 0) return { kind: 'none', selector: word, reason: `${what} selects no pods` };
  return { kind: 'pods', selector: word, pods };
}
