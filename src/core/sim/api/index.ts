// The simulated apiserver: admission (defaults, validation, ClusterIP/NodePort allocation) over the Store.
import type { Api } from './api.ts';
import type { World } from '../contracts.ts';

/** Create the API layer of a world. Called once by createWorld. */
export function createApi(_world: World): Api {
  throw new Error('not implemented yet: sim/api (owned by the control-plane work)');
}
