// Deployment status: replica counts from its ReplicaSets, and the Available / Progressing conditions with
// their reasons, timestamps and the progress deadline.
import type { KObject } from '../api/types.ts';
import type { ControlContext } from './context.ts';

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const num = (v: unknown): number => Number(v ?? 0);

function condition(
  prev: Condition | undefined,
  now: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  touched: boolean,
): Condition {
  const same = prev && prev.status === status && prev.reason === reason && prev.message === message;
  return {
    type: prev?.type ?? '',
    status,
    lastUpdateTime: same && !touched ? prev.lastUpdateTime : now,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
    reason,
    message,
  };
}

/** Make sure the controllers run again when a Progressing condition's deadline passes. */
function wakeAtDeadline(ctx: ControlContext, d: KObject, lastUpdate: string): void {
  const deadline = Date.parse(lastUpdate) + num(d.spec?.progressDeadlineSeconds ?? 600) * 1000;
  const ns = d.metadata.namespace ?? '';
  ctx.informers.deadlines.set(`${ns}/${d.metadata.name}`, { namespace: ns, name: d.metadata.name, at: deadline });
  const key = `deadline/${d.metadata.uid}`;
  if (ctx.lastFailure.get(key) === String(deadline)) return;
  ctx.lastFailure.set(key, String(deadline));
  ctx.world.clock.schedule(Math.max(1, deadline - ctx.world.clock.now() + 1), () => undefined);
}

export function deploymentStatus(
  ctx: ControlContext,
  d: KObject,
  newRs: KObject | undefined,
  all: KObject[],
  maxUnavailable: number,
): Record<string, unknown> {
  const now = ctx.world.clock.iso();
  const desired = num(d.spec?.replicas ?? 1);
  const replicas = all.reduce((n, rs) => n + num(rs.status?.replicas), 0);
  const updated = num(newRs?.status?.replicas);
  const ready = all.reduce((n, rs) => n + num(rs.status?.readyReplicas), 0);
  const available = all.reduce((n, rs) => n + num(rs.status?.availableReplicas), 0);
  const specTotal = all.reduce((n, rs) => n + num(rs.spec?.replicas), 0);
  const prev = (d.status ?? {}) as Record<string, unknown>;
  const prevConds = (prev.conditions ?? []) as Condition[];
  const find = (t: string): Condition | undefined => prevConds.find((c) => c.type === t);
  const avail =
    available >= desired - maxUnavailable
      ? condition(find('Available'), now, 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', false)
      : condition(find('Available'), now, 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', false);
  avail.type = 'Available';
  const rsName = newRs?.metadata.name ?? '';
  const oldReplicas = replicas - updated;
  const prevOld = num(prev.replicas) - num(prev.updatedReplicas);
  const progressed =
    updated > num(prev.updatedReplicas) ||
    oldReplicas < prevOld ||
    ready > num(prev.readyReplicas) ||
    available > num(prev.availableReplicas);
  const complete = updated === desired && replicas === desired && available === desired;
  const p = find('Progressing');
  let progressing: Condition;
  if (complete)
    progressing = condition(p, now, 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, false);
  else if (!p) progressing = condition(p, now, 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, true);
  else if (progressed || p.message.indexOf(`"${rsName}"`) < 0)
    progressing = condition(p, now, 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, true);
  else if (
    p.status === 'True' &&
    Date.parse(p.lastUpdateTime) + num(d.spec?.progressDeadlineSeconds ?? 600) * 1000 <= ctx.world.clock.now()
  ) {
    progressing = condition(p, now, 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, false);
  } else progressing = { ...p };
  progressing.type = 'Progressing';
  if (!complete && progressing.status === 'True') wakeAtDeadline(ctx, d, progressing.lastUpdateTime);
  const status: Record<string, unknown> = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
  };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (!status[k]) delete status[k];
  const unavailable = Math.max(0, specTotal - available);
  if (unavailable) status.unavailableReplicas = unavailable;
  status.conditions = [avail, progressing];
  if (prev.collisionCount) status.collisionCount = prev.collisionCount;
  return status;
}
