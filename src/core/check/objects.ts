// Object-state checks (`object svc/web exists`, `object deploy/web ready 3`) and capture fields, read off the Backend's view.
import type { ClusterView } from '../backend.ts';
import type { ObjectExpectation, ObjectKind } from '../lesson/model.ts';
import { refLabel, type ObjectRef } from '../lesson/object-refs.ts';

type ViewPod = ClusterView['pods'][number];
type ViewService = ClusterView['services'][number];
type ViewNode = ClusterView['nodes'][number];
type ViewWorkload = NonNullable<ClusterView['workloads']>[number];

/** One object of the view, by kind. */
export type FoundObject =
  | { resource: 'pod'; pod: ViewPod }
  | { resource: 'service'; service: ViewService }
  | { resource: 'node'; node: ViewNode }
  | { resource: 'deployment' | 'replicaset'; workload: ViewWorkload };

/** Find the object a ref names; `unlisted` when the backend's view does not carry that kind. */
export function findObject(ref: ObjectRef, view: ClusterView): FoundObject | 'unlisted' | undefined {
  const home = view.defaultNamespace ?? 'default';
  const ns = ref.namespace === undefined || ref.namespace === 'default' ? home : ref.namespace;
  const finders: Record<ObjectKind, () => FoundObject | 'unlisted' | undefined> = {
    pod: () => {
      const pod = view.pods.find((p) => p.namespace === ns && p.name === ref.name);
      return pod && { resource: 'pod', pod };
    },
    service: () => {
      const service = view.services.find((s) => s.namespace === ns && s.name === ref.name);
      return service && { resource: 'service', service };
    },
    node: () => {
      const node = view.nodes.find((n) => n.name === ref.name);
      return node && { resource: 'node', node };
    },
    deployment: () => workload('deployment'),
    replicaset: () => workload('replicaset'),
  };
  const workload = (kind: 'deployment' | 'replicaset'): FoundObject | 'unlisted' | undefined => {
    if (!view.workloads) return 'unlisted';
    const w = view.workloads.find((x) => x.kind === kind && x.namespace === ns && x.name === ref.name);
    return w && { resource: kind, workload: w };
  };
  return finders[ref.resource]();
}

/** How ready an object is, in words and as a count where one applies. */
function readiness(o: FoundObject): { ready: boolean; count?: number; words: string } {
  switch (o.resource) {
    case 'pod': {
      const [up, total] = o.pod.ready.split('/').map(Number);
      const ready = o.pod.phase === 'Running' && total > 0 && up === total;
      return { ready, words: `${o.pod.phase}, ${o.pod.ready} containers ready` };
    }
    case 'node':
      return { ready: o.node.ready, words: o.node.ready ? 'Ready' : 'NotReady' };
    case 'service': {
      const n = o.service.endpoints.length;
      return { ready: n > 0, count: n, words: `${n} ready endpoint${n === 1 ? '' : 's'}` };
    }
    default: {
      const w = o.workload;
      return {
        ready: w.replicas > 0 && w.readyReplicas >= w.replicas,
        count: w.readyReplicas,
        words: `${w.readyReplicas}/${w.replicas} replicas ready`,
      };
    }
  }
}

/** The verdict of an object check against the view: expected and observed in words, and why. */
export function judgeObject(
  exp: ObjectExpectation,
  view: ClusterView,
  backendName: string,
): { passed: boolean; expected: string; observed: string; reason: string } {
  const label = refLabel(exp);
  const expected = exp.state === 'ready' ? (exp.count === undefined ? 'ready' : `ready ${exp.count}`) : exp.state;
  const found = findObject(exp, view);
  if (found === 'unlisted')
    return { passed: false, expected, observed: 'unknown', reason: `the ${backendName} backend does not list ${exp.resource}s` };
  if (!found) return { passed: exp.state === 'absent', expected, observed: 'absent', reason: `${label} does not exist` };
  if (exp.state === 'absent') return { passed: false, expected, observed: 'exists', reason: `${label} exists` };
  if (exp.state === 'exists') return { passed: true, expected, observed: 'exists', reason: `${label} exists` };
  const r = readiness(found);
  const passed = exp.count === undefined ? r.ready : r.count === exp.count;
  return {
    passed,
    expected,
    observed: r.count === undefined ? (r.ready ? 'ready' : 'not ready') : `ready ${r.count}`,
    reason: `${label}: ${r.words}`,
  };
}

/** Fields a capture may read, per kind; workloads and selectors read their first pod. */
const FIELDS: {
  pod: Record<string, (p: ViewPod) => string | undefined>;
  service: Record<string, (s: ViewService) => string | undefined>;
  node: Record<string, (n: ViewNode) => string | undefined>;
} = {
  pod: {
    '.metadata.name': (p) => p.name,
    '.metadata.namespace': (p) => p.namespace,
    '.status.podIP': (p) => p.ip,
    '.spec.nodeName': (p) => p.node,
    '.status.phase': (p) => p.phase,
  },
  service: {
    '.metadata.name': (s) => s.name,
    '.spec.clusterIP': (s) => s.clusterIP,
    '.spec.type': (s) => s.type,
    '.spec.ports[0].port': (s) => (s.ports[0] ? String(s.ports[0].port) : undefined),
    '.spec.ports[0].nodePort': (s) => (s.ports[0]?.nodePort === undefined ? undefined : String(s.ports[0].nodePort)),
  },
  node: {
    '.metadata.name': (n) => n.name,
    '.spec.podCIDR': (n) => n.podCIDR,
    '.status.addresses[?(@.type=="InternalIP")].address': (n) => n.ip || undefined,
  },
};

/** The fields a capture of this kind may read (for messages and lint). */
export function captureFields(kind: 'pod' | 'service' | 'node'): string[] {
  return Object.keys(FIELDS[kind]);
}

/** A pod field by name (`.metadata.labels.KEY` too), or an error message. */
export function podField(p: ViewPod, field: string): { value: string } | { error: string } {
  const label = /^\.metadata\.labels\.(.+)$/.exec(field);
  const read = label ? (x: ViewPod) => x.labels[label[1]] : FIELDS.pod[field];
  if (!read) return { error: `a pod has no capturable field ${field} (known: ${captureFields('pod').join(', ')}, .metadata.labels.KEY)` };
  const value = read(p);
  return value === undefined || value === '' ? { error: `${p.name} has no ${field} yet` } : { value };
}

/** A Service's or node's field, or an error message. */
export function otherField(
  o: { resource: 'service'; service: ViewService } | { resource: 'node'; node: ViewNode },
  field: string,
): { value: string } | { error: string } {
  const value = o.resource === 'service' ? FIELDS.service[field]?.(o.service) : FIELDS.node[field]?.(o.node);
  const has = o.resource === 'service' ? field in FIELDS.service : field in FIELDS.node;
  if (!has) return { error: `a ${o.resource} has no capturable field ${field} (known: ${captureFields(o.resource).join(', ')})` };
  return value === undefined || value === ''
    ? { error: `${o.resource === 'service' ? o.service.name : o.node.name} has no ${field}` }
    : { value };
}
