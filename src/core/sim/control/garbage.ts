// Clean-up controllers: the garbage collector (dependents whose owner is gone, background cascade), the namespace
// controller (a terminating namespace empties, then goes) and event expiry.
import { RESOURCES } from '../api/resources.ts';
import type { KObject } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { DEPENDENT_KINDS } from './informers.ts';
import { keyOf } from './work-queue.ts';

/** Delete a dependent none of whose owners is alive (background cascade: its own dependents follow later). */
function collect(ctx: ControlContext, kind: string, o: KObject): void {
  const w = ctx.world;
  const refs = o.metadata.ownerReferences ?? [];
  if (!refs.length || o.metadata.deletionTimestamp) return;
  const ownerAlive = refs.some((r) => {
    const t = RESOURCES.find((x) => x.kind === r.kind);
    const owner = w.store.peek(r.kind, t?.namespaced ? o.metadata.namespace : undefined, r.name);
    return owner !== undefined && owner.metadata.uid === r.uid;
  });
  if (!ownerAlive) w.api.delete({ kind, namespace: o.metadata.namespace, name: o.metadata.name }, { propagationPolicy: 'Background' });
}

/** Per dependent kind in turn, the objects whose ownerReferences or owners changed, in list order. */
export function runGarbageCollector(ctx: ControlContext): void {
  const w = ctx.world;
  for (const kind of DEPENDENT_KINDS) {
    ctx.informers.queues.garbage.get(kind)?.drain(
      () => w.store.scan(kind).map(keyOf),
      (k) => {
        const o = w.store.peek(kind, k.namespace || undefined, k.name);
        if (o) collect(ctx, kind, o);
      },
    );
  }
}

export function runNamespaces(ctx: ControlContext): void {
  const w = ctx.world;
  for (const ns of w.store.scan('Namespace')) {
    if (!ns.metadata.deletionTimestamp) continue;
    let left = 0;
    for (const t of RESOURCES) {
      if (!t.namespaced) continue;
      for (const o of [...w.store.scan(t.kind, ns.metadata.name)]) {
        if (t.kind === 'Pod') {
          // Pods go gracefully: the namespace waits until the kubelets have removed them.
          left++;
          if (!o.metadata.deletionTimestamp) w.api.delete({ kind: 'Pod', namespace: ns.metadata.name, name: o.metadata.name });
        } else w.store.delete(t.kind, ns.metadata.name, o.metadata.name);
      }
    }
    if (left === 0) w.store.delete('Namespace', undefined, ns.metadata.name);
  }
}

export function runEventExpiry(ctx: ControlContext): void {
  ctx.events.expire();
}
