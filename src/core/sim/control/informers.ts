// The control plane's view of store changes, as client-go's informers give it: shared indexes (pods by node, by
// owner ...) and one work queue per controller, filled by change handlers, so a settle pass after one pod changed
// looks at that pod's Services and owners instead of every object in the cluster.
import { jsonEqual } from '../api/json-equal.ts';
import { RESOURCES } from '../api/resources.ts';
import { matchesSelector } from '../api/selector.ts';
import type { Store, StoreChange } from '../api/store.ts';
import type { KObject, LabelSelector, Pod, Service } from '../api/types.ts';
import { ObjectIndex } from './object-index.ts';
import { controllerOf, isPodReady } from './pods.ts';
import { WorkQueue } from './work-queue.ts';

/** Kinds that carry ownerReferences in podlab (what the garbage collector looks at), in its order. */
export const DEPENDENT_KINDS = ['ReplicaSet', 'Pod', 'EndpointSlice', 'DaemonSet', 'Deployment'];

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';

export interface Informers {
  /** Pods by `namespace/uid` of their controller. */
  podsByOwner: ObjectIndex<Pod>;
  /** Pods without a controller, by namespace (ReplicaSets may adopt them). */
  orphanPods: ObjectIndex<Pod>;
  /** Pods by each of their labels, under `namespace`, `key` and `value` (see labelKey). */
  podsByLabel: ObjectIndex<Pod>;
  /** Pods by spec.nodeName. */
  podsByNode: ObjectIndex<Pod>;
  /** Pods not bound to a node, under ''. */
  unscheduled: ObjectIndex<Pod>;
  /** ReplicaSets by `namespace/uid` of their controller. */
  replicaSetsByOwner: ObjectIndex;
  /** EndpointSlices the EndpointSlice controller manages, by `namespace/service`. */
  managedSlices: ObjectIndex;
  /** Objects with ownerReferences, by each owner's `kind/namespace/name` (namespace '' for cluster-scoped owners). */
  dependents: ObjectIndex;
  /** Events by what the event recorder aggregates on (see eventKey). */
  events: ObjectIndex;
  /**
   * The kind whose own controller is writing it now: those writes do not queue that controller's work again, as
   * upstream's EndpointSlice controller skips its own writes (endpointSliceTracker.ShouldSync in
   * pkg/controller/endpointslice) — the pass they would start finds what it just wrote. Endpoints and EndpointSlice
   * (their Service is not queued again), Pod for the kubelets' status writes (the pod is not queued for the kubelets
   * again; the other controllers still see the change). Set only through ownWrites().
   */
  writing: string | undefined;
  /** Deployments still progressing, by `namespace/name`: when their progress deadline passes (simulated ms). */
  deadlines: Map<string, { namespace: string; name: string; at: number }>;
  queues: {
    endpoints: WorkQueue;
    endpointSlices: WorkQueue;
    replicaSets: WorkQueue;
    deployments: WorkQueue;
    daemonSets: WorkQueue;
    /** Pods whose object changed, for the kubelets. */
    kubelet: WorkQueue;
    /** Per dependent kind, objects whose owners may have gone. */
    garbage: Map<string, WorkQueue>;
  };
}

const NAMESPACED = new Map(RESOURCES.map((r) => [r.kind, r.namespaced]));

/** The key an owner reference is looked up under: the garbage collector looks for a namespaced owner in the dependent's namespace. */
export function ownerKey(kind: string, dependentNamespace: string | undefined, name: string): string {
  return `${kind}/${NAMESPACED.get(kind) ? (dependentNamespace ?? '') : ''}/${name}`;
}

/** What the event recorder treats as "the same event": involved object uid, reason, message, field path, component. */
export function eventKey(
  namespace: string,
  uid: unknown,
  reason: unknown,
  message: unknown,
  fieldPath: unknown,
  component: unknown,
): string {
  return JSON.stringify([namespace, uid, reason, message, fieldPath, component]);
}

function ownerIndexKey(o: KObject): string[] {
  const c = controllerOf(o);
  return c ? [`${o.metadata.namespace ?? ''}/${c.uid}`] : [];
}

/** The index key of one label (or selector term) `key=value` in a namespace. */
export function labelKey(namespace: string | undefined, key: string, value: string): string {
  const ns = namespace ?? '';
  // Length-prefixed, so no two triples share a key, whatever characters they hold.
  return `${ns.length}:${ns}${key.length}:${key}${value}`;
}

function selectorPairs(namespace: string | undefined, m: Record<string, string> | undefined): string[] {
  return Object.entries(m ?? {}).map(([k, v]) => labelKey(namespace, k, v));
}

// What an update cannot have moved an object's index keys by: the same (shared, frozen) part as before. The store
// shares the parts a write did not replace, so a status write keeps its labels, owners and spec objects; a part
// rebuilt with the same content merely recomputes the keys. An update never changes an object's namespace or name.
const sameOwners = (a: KObject, b: KObject): boolean => a.metadata.ownerReferences === b.metadata.ownerReferences;
const sameLabels = (a: KObject, b: KObject): boolean => a.metadata.labels === b.metadata.labels;
const sameNode = (a: Pod, b: Pod): boolean => a.spec?.nodeName === b.spec?.nodeName;

/** Same spec, labels, owners and deletion: what selection, ownership and every pod-reading controller depend on. */
function sameSpecAndLabels(a: Pod, b: Pod): boolean {
  const ma = a.metadata;
  const mb = b.metadata;
  return (
    ma.uid === mb.uid &&
    ma.deletionTimestamp === mb.deletionTimestamp &&
    ma.creationTimestamp === mb.creationTimestamp &&
    (a.spec === b.spec || jsonEqual(a.spec, b.spec)) &&
    (ma.labels === mb.labels || jsonEqual(ma.labels, mb.labels)) &&
    (ma.ownerReferences === mb.ownerReferences || jsonEqual(ma.ownerReferences, mb.ownerReferences))
  );
}

/** Same status as the endpoint controllers read it (service-backends.ts): phase, address, readiness. */
function sameForEndpoints(a: Pod, b: Pod): boolean {
  return a.status?.phase === b.status?.phase && a.status?.podIP === b.status?.podIP && isPodReady(a) === isPodReady(b);
}

/** Run `write` as the controller of `kind`: its writes of that kind queue nothing for it (Informers.writing). */
export function ownWrites<T>(inf: Informers, kind: 'Endpoints' | 'EndpointSlice' | 'Pod', write: () => T): T {
  const outer = inf.writing;
  inf.writing = kind;
  try {
    return write();
  } finally {
    inf.writing = outer;
  }
}

/** Same status as the ReplicaSet, DaemonSet and Deployment controllers read it (pods.ts): phase, readiness. */
function sameForOwners(a: Pod, b: Pod): boolean {
  return a.status?.phase === b.status?.phase && isPodReady(a) === isPodReady(b);
}

export function createInformers(store: Store): Informers {
  const servicesBySelector = new ObjectIndex<Service>(
    store,
    'Service',
    (s) => selectorPairs(s.metadata.namespace, s.spec?.selector),
    (a, b) => a.spec?.selector === b.spec?.selector,
  );
  const inf: Informers = {
    podsByOwner: new ObjectIndex<Pod>(store, 'Pod', ownerIndexKey, sameOwners),
    orphanPods: new ObjectIndex<Pod>(store, 'Pod', (p) => (controllerOf(p) ? [] : [p.metadata.namespace ?? '']), sameOwners),
    podsByLabel: new ObjectIndex<Pod>(store, 'Pod', (p) => selectorPairs(p.metadata.namespace, p.metadata.labels), sameLabels),
    podsByNode: new ObjectIndex<Pod>(store, 'Pod', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []), sameNode),
    unscheduled: new ObjectIndex<Pod>(store, 'Pod', (p) => (p.spec?.nodeName ? [] : ['']), sameNode),
    replicaSetsByOwner: new ObjectIndex(store, 'ReplicaSet', ownerIndexKey, sameOwners),
    managedSlices: new ObjectIndex(
      store,
      'EndpointSlice',
      (s) => {
        const l = s.metadata.labels;
        const svc = l?.[MANAGED_BY] === SLICE_CONTROLLER ? l[SERVICE_NAME_LABEL] : undefined;
        return svc === undefined ? [] : [`${s.metadata.namespace ?? ''}/${svc}`];
      },
      sameLabels,
    ),
    dependents: new ObjectIndex(
      store,
      DEPENDENT_KINDS,
      (o) => (o.metadata.ownerReferences ?? []).map((r) => ownerKey(r.kind, o.metadata.namespace, r.name)),
      sameOwners,
    ),
    events: new ObjectIndex(
      store,
      'Event',
      (e) => {
        const io = e.involvedObject as Record<string, unknown> | undefined;
        if (!io) return [];
        return [
          eventKey(
            e.metadata.namespace ?? '',
            io.uid,
            e.reason,
            e.message,
            io.fieldPath ?? '',
            (e.source as { component?: unknown } | undefined)?.component,
          ),
        ];
      },
      (a, b) => a.involvedObject === b.involvedObject && a.reason === b.reason && a.message === b.message && a.source === b.source,
    ),
    writing: undefined,
    deadlines: new Map(),
    queues: {
      endpoints: new WorkQueue(),
      endpointSlices: new WorkQueue(),
      replicaSets: new WorkQueue(),
      deployments: new WorkQueue(),
      daemonSets: new WorkQueue(),
      kubelet: new WorkQueue(),
      garbage: new Map(DEPENDENT_KINDS.map((k) => [k, new WorkQueue()])),
    },
  };
  const q = inf.queues;

  /** Services whose selector matches the pod's labels: they list the pod (before or after a change). */
  const servicesOf = (pod: KObject): void => {
    const ns = pod.metadata.namespace;
    for (const pair of selectorPairs(ns, pod.metadata.labels)) {
      for (const svc of servicesBySelector.get(pair)) {
        if (!matchesSelector({ matchLabels: svc.spec.selector }, pod.metadata.labels)) continue;
        q.endpoints.add(svc.metadata.namespace, svc.metadata.name);
        q.endpointSlices.add(svc.metadata.namespace, svc.metadata.name);
      }
    }
  };

  /** The pod's owners: its ReplicaSet or DaemonSet, a Recreate Deployment above its ReplicaSet, or would-be adopters. */
  const ownersOf = (pod: KObject): void => {
    const ns = pod.metadata.namespace;
    const ctl = controllerOf(pod);
    if (!ctl) {
      for (const rs of store.scan('ReplicaSet', ns)) {
        if (matchesSelector(rs.spec?.selector as LabelSelector | undefined, pod.metadata.labels)) q.replicaSets.add(ns, rs.metadata.name);
      }
      return;
    }
    if (ctl.kind === 'DaemonSet') q.daemonSets.add(ns, ctl.name);
    if (ctl.kind !== 'ReplicaSet') return;
    q.replicaSets.add(ns, ctl.name);
    // Only a Recreate rollout waits for old pods; other Deployments see their pods through the ReplicaSet's status.
    const rs = store.peek('ReplicaSet', ns, ctl.name);
    const d = rs && controllerOf(rs);
    if (d?.kind === 'Deployment' && store.peek('Deployment', ns, d.name)?.spec?.strategy?.type === 'Recreate')
      q.deployments.add(ns, d.name);
  };

  const HANDLERS: Record<string, (o: KObject) => void> = {
    Service: (s) => {
      q.endpoints.add(s.metadata.namespace, s.metadata.name);
      q.endpointSlices.add(s.metadata.namespace, s.metadata.name);
    },
    Endpoints: (e) => q.endpoints.add(e.metadata.namespace, e.metadata.name),
    EndpointSlice: (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc !== undefined) q.endpointSlices.add(s.metadata.namespace, svc);
    },
    ReplicaSet: (rs) => {
      q.replicaSets.add(rs.metadata.namespace, rs.metadata.name);
      const d = controllerOf(rs);
      if (d?.kind === 'Deployment') q.deployments.add(rs.metadata.namespace, d.name);
    },
    Deployment: (d) => q.deployments.add(d.metadata.namespace, d.metadata.name),
    DaemonSet: (ds) => q.daemonSets.add(ds.metadata.namespace, ds.metadata.name),
    Node: () => {
      for (const ds of store.scan('DaemonSet')) q.daemonSets.add(ds.metadata.namespace, ds.metadata.name);
    },
  };

  store.observe((c: StoreChange) => {
    const o = c.object;
    const handle = HANDLERS[o.kind];
    if (o.kind === 'Pod') {
      // A pod's Services and owners are queued only when it changed in what they read of it: most pod writes are
      // the kubelet's status updates (container states, conditions), which change neither list nor count.
      const prev = c.previous as Pod | undefined;
      const moved = c.type !== 'MODIFIED' || !prev;
      const spec = moved || !sameSpecAndLabels(prev, o as Pod);
      if (spec || !sameForEndpoints(prev as Pod, o as Pod)) {
        if (prev) servicesOf(prev);
        servicesOf(o);
      }
      if (spec || !sameForOwners(prev as Pod, o as Pod)) {
        if (prev) ownersOf(prev);
        ownersOf(o);
      }
      if (inf.writing !== 'Pod') {
        if (prev) q.kubelet.add(prev.metadata.namespace, prev.metadata.name);
        q.kubelet.add(o.metadata.namespace, o.metadata.name);
      }
    } else if (handle && o.kind !== inf.writing) {
      if (c.previous) handle(c.previous);
      handle(o);
    }
    q.garbage.get(o.kind)?.add(o.metadata.namespace, o.metadata.name);
    // Most written objects own nothing (Events, Pods): no list built for them.
    const owned = ownerKey(o.kind, o.metadata.namespace, o.metadata.name);
    if (inf.dependents.has(owned))
      for (const d of inf.dependents.get(owned)) q.garbage.get(d.kind)?.add(d.metadata.namespace, d.metadata.name);
  });
  return inf;
}
