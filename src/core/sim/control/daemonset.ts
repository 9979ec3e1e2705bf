// The DaemonSet controller: one pod per eligible node (pinned there by node affinity, bound by the scheduler),
// pods of an old template replaced one at a time, status counts.
import type { KObject, NodeObj, Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
import { podTemplateHash } from './pod-template-hash.ts';
import { compareObjects } from '../api/kind-table.ts';
import { isPodActive, isPodReady, podFromTemplate } from './pods.ts';
import { keyOf } from './work-queue.ts';
import { tolerates } from './scheduler-filters.ts';

const SOURCE = { component: 'daemonset-controller' };
export const REVISION_LABEL = 'controller-revision-hash';

/** Tolerations the DaemonSet controller adds to its pods so they survive node conditions. */
export function daemonTolerations(hostNetwork: boolean): { key: string; operator: 'Exists'; effect: string }[] {
  const t = [
    'not-ready:NoExecute',
    'unreachable:NoExecute',
    'disk-pressure:NoSchedule',
    'memory-pressure:NoSchedule',
    'pid-pressure:NoSchedule',
    'unschedulable:NoSchedule',
  ];
  if (hostNetwork) t.push('network-unavailable:NoSchedule');
  return t.map((s) => {
    const [k, effect] = s.split(':');
    return { key: `node.kubernetes.io/${k}`, operator: 'Exists', effect };
  });
}

/** A DaemonSet pod for `node`: the template plus the daemon tolerations and a node-name affinity. */
export function daemonPod(ds: KObject, node: string, hash: string): Pod {
  const pod = podFromTemplate(ds, ds.spec.template ?? {}, `${ds.metadata.name}-`);
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [REVISION_LABEL]: hash,
    'pod-template-generation': String(ds.metadata.generation ?? 1),
  };
  const spec = pod.spec as Pod['spec'] & { affinity?: unknown };
  spec.tolerations = [...(spec.tolerations ?? []), ...daemonTolerations(spec.hostNetwork === true)];
  spec.affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
  return pod;
}

function eligible(ds: KObject, node: NodeObj): boolean {
  const spec = ds.spec?.template?.spec ?? {};
  const tol = [...(spec.tolerations ?? []), ...daemonTolerations(spec.hostNetwork === true)];
  const labels = node.metadata.labels ?? {};
  if (!Object.entries((spec.nodeSelector ?? {}) as Record<string, string>).every(([k, v]) => labels[k] === v)) return false;
  return (node.spec?.taints ?? []).every((t) => !(t.effect === 'NoSchedule' || t.effect === 'NoExecute') || tolerates(tol, t));
}

/** The pods a DaemonSet controls, in list order. */
function ownedPods(ctx: ControlContext, ds: KObject): Pod[] {
  return ctx.informers.podsByOwner.get(`${ds.metadata.namespace ?? ''}/${ds.metadata.uid}`).sort(compareObjects);
}

function syncDaemonSet(ctx: ControlContext, ds: KObject): void {
  const w = ctx.world;
  const hash = podTemplateHash(ds.spec?.template).slice(0, 10);
  const pods = ownedPods(ctx, ds).filter(isPodActive);
  const nodes = w.store.scan<NodeObj>('Node').filter((n) => eligible(ds, n));
  const nodeOf = (p: Pod): string | undefined =>
    p.spec.nodeName ??
    (
      p.spec as {
        affinity?: {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] };
          };
        };
      }
    ).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
  for (const n of nodes) {
    if (pods.some((p) => nodeOf(p) === n.metadata.name)) continue;
    const r = w.api.create(daemonPod(ds, n.metadata.name, hash), { fieldManager: 'kube-controller-manager' });
    if (r.ok)
      ctx.events.record(ds, SOURCE, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${r.object.metadata.name}` });
    // A refused create (it draws a generated name first) is tried again on every run, as a full pass would.
    else ctx.informers.queues.daemonSets.add(ds.metadata.namespace, ds.metadata.name);
  }
  const wanted = new Set(nodes.map((n) => n.metadata.name));
  const stale = pods.filter((p) => !wanted.has(nodeOf(p) ?? ''));
  const outdated = pods.filter((p) => wanted.has(nodeOf(p) ?? '') && p.metadata.labels?.[REVISION_LABEL] !== hash);
  // Rolling update with maxUnavailable 1: replace one outdated pod only while every other pod is ready.
  if (outdated.length && pods.every((p) => isPodReady(p))) stale.push(outdated[0]);
  for (const p of stale) {
    const r = w.api.delete({ kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name });
    if (r.ok) ctx.events.record(ds, SOURCE, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
  }
  const now = ownedPods(ctx, ds).filter(isPodActive);
  const scheduled = now.filter((p) => p.spec.nodeName && wanted.has(p.spec.nodeName));
  const ready = scheduled.filter(isPodReady).length;
  const status: Record<string, unknown> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: nodes.length,
    numberMisscheduled: now.filter((p) => p.spec.nodeName && !wanted.has(p.spec.nodeName)).length,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[REVISION_LABEL] === hash).length,
  };
  if (ready) status.numberAvailable = ready;
  if (nodes.length - ready > 0) status.numberUnavailable = nodes.length - ready;
  const fresh = w.store.peek('DaemonSet', ds.metadata.namespace, ds.metadata.name);
  if (fresh) writeIfChanged(w, { ...fresh, status });
}

/** The DaemonSets whose pods, nodes or own object changed, in list order. */
export function runDaemonSets(ctx: ControlContext): void {
  const w = ctx.world;
  ctx.informers.queues.daemonSets.drain(
    () => w.store.scan('DaemonSet').map(keyOf),
    (k) => {
      const ds = w.store.peek('DaemonSet', k.namespace, k.name);
      if (ds && !ds.metadata.deletionTimestamp) syncDaemonSet(ctx, ds);
    },
  );
}
