// The simulated apiserver: admission (defaults, validation, ClusterIP/NodePort allocation) over the Store.
// Each verb lives in its own file; this one wires them to a world.
import type { Api } from './api.ts';
import type { World } from '../contracts.ts';
import type { ApiContext } from './context.ts';
import { createObject } from './create.ts';
import { deleteObject } from './delete.ts';
import { podLogs } from './logs.ts';
import { getObject, listObjects } from './read.ts';
import { scaleObject } from './scale.ts';
import { patchObject, updateObject } from './update.ts';

/**
 * Create the API layer of a world. Called once by createWorld, before the control plane.
 * Writes do not run controllers: call world.control.settle() (or advance) afterwards to let them react.
 */
export function createApi(world: World): Api {
  const ctx: ApiContext = { world, names: world.rng.fork('api-names'), ips: world.rng.fork('api-ips'), uids: world.rng.fork('api-uids') };
  return {
    get: (ref) => getObject(ctx, ref),
    list: (kind, options) => listObjects(ctx, kind, options),
    create: (obj, options) => createObject(ctx, obj, options),
    update: (obj, options) => updateObject(ctx, obj, options),
    patch: (ref, patch, type, options) => patchObject(ctx, ref, patch, type, options),
    delete: (ref, options) => deleteObject(ctx, ref, options),
    scale: (ref, replicas) => scaleObject(ctx, ref, replicas),
    logs: (ref, container, options) => podLogs(ctx, ref, container, options),
  };
}
