// The simulated network: topology resolution, IPAM, interfaces/routes per CNI, kube-proxy, CoreDNS, packet walk.
import type { ClusterSpec } from '../../lesson/model.ts';
import type { Dataplane, ResolvedCluster, World } from '../contracts.ts';
import type { Rng } from '../rng.ts';

/** Resolve the lesson's cluster spec: defaults, node IPs, per-node pod blocks (pinned ones honoured). */
export function resolveCluster(_spec: ClusterSpec, _rng: Rng): ResolvedCluster {
  throw new Error('not implemented yet: sim/net resolveCluster');
}

/** Create the dataplane of a world. */
export function createDataplane(_world: World): Dataplane {
  throw new Error('not implemented yet: sim/net');
}
