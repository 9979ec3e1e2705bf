// DELETE: graceful pod deletion (deletionTimestamp, the kubelet finishes it), namespaces that terminate,
// orphaning of dependents on request; everything else goes at once and the garbage collector cascades.
import type { ApiResult, DeleteOptions, ObjectRef } from './api.ts';
import { namespaceOf, PROTECTED_NAMESPACES, resolveKind, unknownResource, type ApiContext } from './context.ts';
import { fail, forbiddenStatus, notFound } from './status.ts';
import type { KObject } from './types.ts';

/** Drop ownerReferences to `uid` from every object (propagationPolicy Orphan). */
function orphanDependents(ctx: ApiContext, uid: string | undefined): void {
  if (!uid) return;
  const store = ctx.world.store;
  for (const kind of ['ReplicaSet', 'Pod', 'EndpointSlice', 'Deployment', 'DaemonSet']) {
    for (const o of store.scan(kind)) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      const metadata = { ...o.metadata, ownerReferences: refs.filter((r) => r.uid !== uid) };
      if (!metadata.ownerReferences.length) delete (metadata as Partial<typeof metadata>).ownerReferences;
      store.update({ ...o, metadata });
    }
  }
}

/** A pod can skip the graceful path when no kubelet runs it or it has already finished. */
function deletesAtOnce(pod: KObject, grace: number): boolean {
  const phase = pod.status?.phase;
  return grace <= 0 || !pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed';
}

function deletePod(ctx: ApiContext, pod: KObject, options: DeleteOptions): ApiResult {
  const store = ctx.world.store;
  const grace = options.gracePeriodSeconds ?? pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  if (deletesAtOnce(pod, grace)) {
    const gone = store.delete('Pod', pod.metadata.namespace, pod.metadata.name) ?? pod;
    return { ok: true, object: gone };
  }
  const deadline = ctx.world.clock.now() + grace * 1000;
  const current = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : Infinity;
  if (deadline >= current) return { ok: true, object: pod };
  pod.metadata.deletionTimestamp = ctx.world.clock.iso(deadline);
  pod.metadata.deletionGracePeriodSeconds = grace;
  return { ok: true, object: store.update(pod) };
}

/** The delete verb. Returns the object as it was deleted (or, for graceful deletion, as it now is). */
export function deleteObject(ctx: ApiContext, ref: ObjectRef, options: DeleteOptions = {}): ApiResult {
  const t = resolveKind(ref.kind);
  if (!t) return fail(unknownResource(ref.kind));
  const ns = namespaceOf(t, ref.namespace);
  const store = ctx.world.store;
  const existing = store.get(t.kind, ns, ref.name);
  if (!existing) return fail(notFound(t, ref.name));
  if (t.kind === 'Namespace' && PROTECTED_NAMESPACES.has(ref.name))
    return fail(forbiddenStatus(t, ref.name, 'this namespace may not be deleted'));
  if (options.dryRun) return { ok: true, object: existing };
  if (options.propagationPolicy === 'Orphan') orphanDependents(ctx, existing.metadata.uid);
  if (t.kind === 'Pod') return deletePod(ctx, existing, options);
  if (t.kind === 'Namespace') {
    if (existing.metadata.deletionTimestamp) return { ok: true, object: existing };
    existing.metadata.deletionTimestamp = ctx.world.clock.iso();
    existing.status = { ...(existing.status ?? {}), phase: 'Terminating' };
    return { ok: true, object: store.update(existing) };
  }
  return { ok: true, object: store.delete(t.kind, ns, ref.name) ?? existing };
}
