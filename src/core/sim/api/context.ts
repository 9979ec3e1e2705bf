// What every API verb needs: the world, the API's own random streams, and kind resolution.
import type { World } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import type { ApiStatus } from './api.ts';
import { lookupResource, resourceForKind, type ResourceType } from './resources.ts';
import { badRequest, notFound } from './status.ts';
import type { KObject } from './types.ts';

export interface ApiContext {
  readonly world: World;
  /** Name suffixes (generateName, kube-api-access-xxxxx). */
  readonly names: Rng;
  /** ClusterIP and NodePort picks. */
  readonly ips: Rng;
  /** Object uids (random-looking v4 UUIDs, same sequence for the same seed). */
  readonly uids: Rng;
}

/** A v4 UUID from the seeded stream. */
export function newUid(rng: Rng): string {
  let hex = '';
  while (hex.length < 32)
    hex += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  const variant = '89ab'[rng.int(4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Kinds whose metadata.generation counts spec changes (as their real REST strategies do). */
export const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'NetworkPolicy']);

/** Namespaces the apiserver refuses to delete. */
export const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Resolve an ObjectRef/list kind: an exact kind first, then anything lookupResource understands. */
export function resolveKind(kind: string): ResourceType | undefined {
  return resourceForKind(kind) ?? lookupResource(kind);
}

export function unknownResource(kind: string): ApiStatus {
  return { ...badRequest(`the server doesn't have a resource type "${kind.toLowerCase()}"`), reason: 'NotFound', code: 404 };
}

/** The namespace an object of type `t` lives in: its own, else "default"; undefined for cluster-scoped kinds. */
export function namespaceOf(t: ResourceType, ns: string | undefined): string | undefined {
  return t.namespaced ? ns || 'default' : undefined;
}

/** NotFound for a missing namespace, Forbidden if it is terminating; undefined if the namespace can take objects. */
export function checkNamespace(ctx: ApiContext, t: ResourceType, ns: string | undefined, name: string): ApiStatus | undefined {
  if (!t.namespaced || ns === undefined) return undefined;
  const nsObj = ctx.world.store.get('Namespace', undefined, ns);
  const nsType = resourceForKind('Namespace') as ResourceType;
  if (!nsObj) return notFound(nsType, ns);
  if (nsObj.metadata.deletionTimestamp) {
    return {
      ...badRequest(`${t.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`),
      reason: 'Forbidden',
      code: 403,
    };
  }
  return undefined;
}

/** Record who wrote the object, keeping one entry per manager and operation. */
export function touchManagedFields(ctx: ApiContext, obj: KObject, manager: string | undefined, operation: 'Update' | 'Apply'): void {
  const entry = {
    manager: manager ?? 'kubectl',
    operation,
    apiVersion: obj.apiVersion,
    time: ctx.world.clock.iso(),
    fieldsType: 'FieldsV1',
  };
  const others = (obj.metadata.managedFields ?? []).filter((m) => !(m.manager === entry.manager && m.operation === operation));
  obj.metadata.managedFields = [...others, entry];
}
