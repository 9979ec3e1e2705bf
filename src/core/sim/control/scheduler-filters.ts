// The scheduler's filter plugins, in the default profile's order; each names why a node does not fit,
// in the words FailedScheduling events use.
import type { NodeObj, Pod } from '../api/types.ts';

type Taint = { key: string; value?: string; effect: string };
type Toleration = NonNullable<Pod['spec']['tolerations']>[number];

export interface FilterInput {
  pod: Pod;
  node: NodeObj;
  /** Pods already on the node (not terminating). */
  podsOnNode: Pod[];
}

/** A filter returns undefined when the node fits, else the reason ("node(s) ..."). */
export interface Filter {
  name: string;
  check(input: FilterInput): string | undefined;
}

export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  // Loops rather than closures here and below: the scheduler runs every filter for every pending pod on every node.
  if (!tolerations) return false;
  for (const t of tolerations) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (!t.key) {
      if (t.operator === 'Exists') return true;
      continue;
    }
    if (t.key !== taint.key) continue;
    if (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}

type Requirement = { key: string; operator: string; values?: string[] };
type Term = { matchExpressions?: Requirement[]; matchFields?: Requirement[] };

function requirementHolds(e: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, e.key);
  switch (e.operator) {
    case 'In':
      return has && (e.values ?? []).includes(labels[e.key]);
    case 'NotIn':
      return !has || !(e.values ?? []).includes(labels[e.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** Required node affinity: any term whose label expressions and field expressions (metadata.name) all hold. */
function requiredAffinityMatches(pod: Pod, node: NodeObj): boolean {
  const terms = (
    pod.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] } } } }
  ).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const labels = node.metadata.labels ?? {};
  const fields = { 'metadata.name': node.metadata.name };
  return terms.some(
    (t) =>
      (t.matchExpressions ?? []).every((e) => requirementHolds(e, labels)) &&
      (t.matchFields ?? []).every((e) => requirementHolds(e, fields)),
  );
}

/** Per stored (frozen, so unchanging) pod spec: the filter asks for every pod on every node. */
const hostPortsOf = new WeakMap<object, string[]>();

function hostPorts(pod: Pod): string[] {
  const cached = hostPortsOf.get(pod.spec);
  if (cached) return cached;
  const ports = pod.spec.containers.flatMap((c) =>
    (c.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`),
  );
  if (Object.isFrozen(pod.spec)) hostPortsOf.set(pod.spec, ports);
  return ports;
}

/** NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts — in the order the default profile runs them. */
export const FILTERS: Filter[] = [
  {
    name: 'NodeUnschedulable',
    check: ({ pod, node }) =>
      node.spec?.unschedulable && !tolerates(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
        ? 'node(s) were unschedulable'
        : undefined,
  },
  {
    name: 'TaintToleration',
    check: ({ pod, node }) => {
      const taints = node.spec?.taints;
      if (!taints) return undefined;
      for (const t of taints)
        if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t))
          return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
      return undefined;
    },
  },
  {
    name: 'NodeAffinity',
    check: ({ pod, node }) => {
      const selector = pod.spec.nodeSelector;
      let selectorOk = true;
      if (selector) {
        const labels = node.metadata.labels ?? {};
        for (const k in selector) if (labels[k] !== selector[k]) selectorOk = false;
      }
      return selectorOk && requiredAffinityMatches(pod, node) ? undefined : "node(s) didn't match Pod's node affinity/selector";
    },
  },
  {
    name: 'NodePorts',
    check: ({ pod, podsOnNode }) => {
      const wanted = hostPorts(pod);
      if (!wanted.length) return undefined;
      const used = new Set(podsOnNode.flatMap(hostPorts));
      return wanted.some((p) => used.has(p)) ? "node(s) didn't have free ports for the requested pod ports" : undefined;
    },
  },
];
