// Controllers on the simulated clock: scheduler, ReplicaSet/Deployment, endpoints, pod lifecycle.
import type { ControlPlane, World } from '../contracts.ts';

/** Create the control plane of a world. Called once by createWorld, after the API layer. */
export function createControlPlane(_world: World): ControlPlane {
  throw new Error('not implemented yet: sim/control');
}
