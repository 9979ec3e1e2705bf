// The Deployment controller: one ReplicaSet per pod template (`<deploy>-<pod-template-hash>`), scaled by the
// strategy (RollingUpdate or Recreate), old ones kept up to revisionHistoryLimit; status from the ReplicaSets.
import { compareObjects } from '../api/kind-table.ts';
import type { KObject } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
import { newRsTarget, oldRsTargets, surgeAndUnavailable, type RsView } from './deployment-rollout.ts';
import { deploymentStatus } from './deployment-status.ts';
import { ownerRefTo } from './pods.ts';
import { podTemplateHash } from './pod-template-hash.ts';
import { keyOf } from './work-queue.ts';

const SOURCE = { component: 'deployment-controller' };
const REVISION = 'deployment.kubernetes.io/revision';

function view(rs: KObject): RsView {
  return {
    name: rs.metadata.name,
    replicas: Number(rs.spec?.replicas ?? 0),
    available: Number(rs.status?.availableReplicas ?? 0),
    created: `${rs.metadata.creationTimestamp ?? ''}/${rs.metadata.name}`,
  };
}

function scale(ctx: ControlContext, d: KObject, rs: KObject, to: number, annotations: Record<string, string>): void {
  const from = Number(rs.spec?.replicas ?? 0);
  const meta = { ...rs.metadata, annotations: { ...(rs.metadata.annotations ?? {}), ...annotations } };
  const changed = writeIfChanged(ctx.world, { ...rs, metadata: meta, spec: { ...rs.spec, replicas: to } });
  if (changed && from !== to) {
    ctx.events.record(d, SOURCE, {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`,
    });
  }
}

/** The ReplicaSet a Deployment runs for template hash `hash` (`<deploy>-<hash>`, owned by the Deployment). */
export function replicaSetFor(d: KObject, hash: string, revision: number, replicas: number, maxReplicas: number): KObject {
  const template = JSON.parse(JSON.stringify(d.spec.template ?? {}));
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
  const selector = JSON.parse(JSON.stringify(d.spec.selector ?? {}));
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata.labels as Record<string, string>) },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(maxReplicas),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerRefTo(d)],
    },
    spec: { replicas, selector, template },
  };
}

function newReplicaSet(
  ctx: ControlContext,
  d: KObject,
  hash: string,
  revision: number,
  replicas: number,
  maxReplicas: number,
): KObject | undefined {
  const rs = replicaSetFor(d, hash, revision, replicas, maxReplicas);
  const r = ctx.world.api.create(rs, { fieldManager: 'kube-controller-manager' });
  if (!r.ok) return undefined;
  if (replicas > 0)
    ctx.events.record(d, SOURCE, {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${rs.metadata.name} to ${replicas} from 0`,
    });
  return r.object;
}

/** The ReplicaSets a Deployment controls, in list order. */
function ownedReplicaSets(ctx: ControlContext, d: KObject): KObject[] {
  return ctx.informers.replicaSetsByOwner.get(`${d.metadata.namespace ?? ''}/${d.metadata.uid}`).sort(compareObjects);
}

function syncDeployment(ctx: ControlContext, d: KObject): void {
  const w = ctx.world;
  const desired = Number(d.spec?.replicas ?? 1);
  const { surge, unavailable } = surgeAndUnavailable(d.spec?.strategy, desired);
  const owned = ownedReplicaSets(ctx, d);
  const ownedAt = w.store.version;
  const hash = podTemplateHash(d.spec?.template, d.status?.collisionCount);
  let newRs = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const olds = owned.filter((rs) => rs !== newRs);
  const maxRevision = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)));
  const recreate = d.spec?.strategy?.type === 'Recreate';
  const oldActive = olds.some((rs) => Number(rs.spec?.replicas ?? 0) > 0 || Number(rs.status?.replicas ?? 0) > 0);
  // Recreate waits until no pod of an old ReplicaSet is left, terminating ones included.
  const oldUids = new Set(olds.map((rs) => rs.metadata.uid));
  const oldPodsRunning =
    recreate &&
    [...oldUids].some((uid) =>
      ctx.informers.podsByOwner
        .get(`${d.metadata.namespace ?? ''}/${uid}`)
        .some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'),
    );
  const annotations = (n: number): Record<string, string> => ({
    'deployment.kubernetes.io/desired-replicas': String(desired),
    'deployment.kubernetes.io/max-replicas': String(desired + surge),
    [REVISION]: String(n),
  });
  if (!newRs) {
    const start = recreate
      ? oldPodsRunning
        ? 0
        : desired
      : oldActive
        ? newRsTarget(desired, surge, { name: '', replicas: 0, available: 0, created: '' }, olds.map(view))
        : desired;
    newRs = newReplicaSet(ctx, d, hash, maxRevision + 1, start, desired + surge);
    if (!newRs) return;
  }
  const revision = Number(newRs.metadata.annotations?.[REVISION] ?? maxRevision + 1);
  if (recreate) {
    for (const rs of olds) if (Number(rs.spec?.replicas ?? 0) > 0) scale(ctx, d, rs, 0, {});
    scale(ctx, d, newRs, oldPodsRunning ? Number(newRs.spec?.replicas ?? 0) : desired, annotations(revision));
  } else if (!oldActive) {
    scale(ctx, d, newRs, desired, annotations(revision));
  } else {
    const nv = view(newRs);
    const target = newRsTarget(desired, surge, nv, [nv, ...olds.map(view)]);
    scale(ctx, d, newRs, target, annotations(revision));
    const sizes = oldRsTargets(desired, unavailable, { ...nv, replicas: target }, olds.map(view));
    for (const rs of olds) scale(ctx, d, rs, sizes.get(rs.metadata.name) ?? 0, {});
  }
  cleanupHistory(ctx, d, olds);
  // Listed again only if something was written since (listing reads nothing but the store).
  const fresh = w.store.version === ownedAt ? owned : ownedReplicaSets(ctx, d);
  const freshNew = fresh.find((rs) => rs.metadata.name === newRs?.metadata.name) as KObject;
  const meta = { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), [REVISION]: String(revision) } };
  writeIfChanged(w, { ...d, metadata: meta, status: deploymentStatus(ctx, d, freshNew, fresh, unavailable) });
}

/** Keep at most revisionHistoryLimit old, empty ReplicaSets (the oldest go first). */
function cleanupHistory(ctx: ControlContext, d: KObject, olds: KObject[]): void {
  const limit = Number(d.spec?.revisionHistoryLimit ?? 10);
  const empty = olds
    .filter((rs) => Number(rs.spec?.replicas ?? 0) === 0 && Number(rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => view(a).created.localeCompare(view(b).created));
  for (const rs of empty.slice(0, Math.max(0, empty.length - limit)))
    ctx.world.api.delete({ kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name });
}

/**
 * The Deployments whose object or ReplicaSets changed, and those whose progress deadline has come (the only way
 * time alone changes a Deployment's status), in list order.
 */
export function runDeployments(ctx: ControlContext): void {
  const w = ctx.world;
  const queue = ctx.informers.queues.deployments;
  const now = w.clock.now();
  for (const due of ctx.informers.deadlines.values()) if (due.at <= now) queue.add(due.namespace, due.name);
  queue.drain(
    () => w.store.scan('Deployment').map(keyOf),
    (k) => {
      ctx.informers.deadlines.delete(`${k.namespace}/${k.name}`);
      const d = w.store.peek('Deployment', k.namespace, k.name);
      if (d && !d.metadata.deletionTimestamp && !d.spec?.paused) syncDeployment(ctx, d);
    },
  );
}
