// The ReplicaSet controller: keep spec.replicas active pods (`<rs>-xxxxx`), adopt matching orphans,
// delete the cheapest extras first, report status.
import { matchesSelector } from '../api/selector.ts';
import type { KObject, LabelSelector, Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { writeIfChanged } from './context.ts';
import { compareObjects } from '../api/kind-table.ts';
import { keyOf } from './work-queue.ts';
import { controllerOf, deletionRank, isPodActive, isPodReady, ownerRefTo, podFromTemplate } from './pods.ts';

const SOURCE = { component: 'replicaset-controller' };

/** Pods the ReplicaSet controls, adopting orphans that match its selector. */
export function claimPods(ctx: ControlContext, owner: KObject, selector: LabelSelector): Pod[] {
  const w = ctx.world;
  const out: Pod[] = [];
  const ns = owner.metadata.namespace ?? '';
  // Its own pods and the namespace's orphans it may adopt, in list order (adoptions are writes, so their order shows).
  const orphans = ctx.informers.orphanPods
    .get(ns)
    .filter((p) => !p.metadata.deletionTimestamp && matchesSelector(selector, p.metadata.labels));
  const pods = [...ctx.informers.podsByOwner.get(`${ns}/${owner.metadata.uid}`), ...orphans].sort(compareObjects);
  for (const p of pods) {
    const ctl = controllerOf(p);
    if (ctl) {
      if (ctl.uid === owner.metadata.uid) out.push(p);
      continue;
    }
    if (p.metadata.deletionTimestamp || !matchesSelector(selector, p.metadata.labels)) continue;
    const ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefTo(owner)];
    out.push(w.store.updateFrozen({ ...p, metadata: { ...p.metadata, ownerReferences } }));
  }
  return out;
}

function syncStatus(ctx: ControlContext, rs: KObject, active: Pod[]): void {
  const ready = active.filter(isPodReady).length;
  const status: Record<string, unknown> = { replicas: active.length };
  if (active.length) status.fullyLabeledReplicas = active.length;
  if (ready) {
    status.readyReplicas = ready;
    status.availableReplicas = ready;
  }
  status.observedGeneration = rs.metadata.generation ?? 1;
  writeIfChanged(ctx.world, { ...rs, status });
}

function syncReplicaSet(ctx: ControlContext, rs: KObject, selector: LabelSelector): void {
  const w = ctx.world;
  const active = claimPods(ctx, rs, selector).filter(isPodActive);
  const claimedAt = w.store.version;
  const want = Number(rs.spec?.replicas ?? 1);
  if (active.length < want) {
    for (let i = active.length; i < want; i++) {
      const r = w.api.create(podFromTemplate(rs, rs.spec.template ?? {}, `${rs.metadata.name}-`), {
        fieldManager: 'kube-controller-manager',
      });
      if (r.ok) {
        ctx.lastFailure.delete(rs.metadata.uid as string);
        ctx.events.record(rs, SOURCE, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${r.object.metadata.name}` });
        continue;
      }
      const message = `Error creating: ${r.status.message}`;
      if (ctx.lastFailure.get(rs.metadata.uid as string) !== message)
        ctx.events.record(rs, SOURCE, { type: 'Warning', reason: 'FailedCreate', message });
      ctx.lastFailure.set(rs.metadata.uid as string, message);
      // A refused create (it draws a generated name first) is tried again on every run, as a full pass would.
      ctx.informers.queues.replicaSets.add(rs.metadata.namespace, rs.metadata.name);
      break;
    }
  } else if (active.length > want) {
    for (const p of [...active].sort(deletionRank).slice(0, active.length - want)) {
      const r = w.api.delete({ kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name });
      if (r.ok) ctx.events.record(rs, SOURCE, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
    }
  }
  const fresh = w.store.peek('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  if (!fresh) return;
  // Claimed again only if something was written since: claiming reads nothing but the store.
  syncStatus(ctx, fresh, fresh === rs && w.store.version === claimedAt ? active : claimPods(ctx, fresh, selector).filter(isPodActive));
}

/** The ReplicaSets whose pods (or would-be adopted orphans) or own object changed, in list order. */
export function runReplicaSets(ctx: ControlContext): void {
  const w = ctx.world;
  ctx.informers.queues.replicaSets.drain(
    () => w.store.scan('ReplicaSet').map(keyOf),
    (k) => {
      const rs = w.store.peek('ReplicaSet', k.namespace, k.name);
      if (!rs || rs.metadata.deletionTimestamp) return;
      const selector = rs.spec?.selector as LabelSelector | undefined;
      if (selector) syncReplicaSet(ctx, rs, selector);
    },
  );
}
