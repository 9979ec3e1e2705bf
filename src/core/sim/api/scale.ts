// The scale subresource of Deployments, ReplicaSets (and DaemonSet-less kinds refuse it).
import type { ApiResult, ObjectRef } from './api.ts';
import { namespaceOf, resolveKind, unknownResource, type ApiContext } from './context.ts';
import { invalid } from './field-errors.ts';
import { badRequest, fail, invalidStatus, notFound } from './status.ts';
import { updateObject } from './update.ts';

const SCALABLE = new Set(['Deployment', 'ReplicaSet']);

/** Set spec.replicas through the update path; errors read like the real `Scale.autoscaling` ones. */
export function scaleObject(ctx: ApiContext, ref: ObjectRef, replicas: number): ApiResult {
  const t = resolveKind(ref.kind);
  if (!t) return fail(unknownResource(ref.kind));
  if (!SCALABLE.has(t.kind))
    return fail({ ...badRequest('the server could not find the requested resource'), reason: 'NotFound', code: 404 });
  const ns = namespaceOf(t, ref.namespace);
  const existing = ctx.world.store.get(t.kind, ns, ref.name);
  if (!existing) return fail(notFound(t, ref.name));
  if (!Number.isInteger(replicas) || replicas < 0) {
    const scaleType = { ...t, kind: 'Scale', group: 'autoscaling' };
    return fail(invalidStatus(scaleType, ref.name, [invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]));
  }
  existing.spec = { ...(existing.spec ?? {}), replicas };
  delete existing.metadata.resourceVersion;
  return updateObject(ctx, existing, { fieldManager: 'kubectl' });
}
