// The API server's version (what /version and `kubectl version` report): the cluster's kubernetesVersion.
import type { World } from '../contracts.ts';

/** The server's gitVersion, `v1.32.0` style. */
export function serverVersion(world: World): string {
  const v = world.cluster.kubernetesVersion || 'v1.32.0';
  return v.startsWith('v') ? v : `v${v}`;
}
