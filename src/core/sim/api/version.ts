// The API server's version (what /version and `kubectl version` report): the cluster's kubernetesVersion.
import type { ResolvedCluster } from '../contracts.ts';

/** The server's gitVersion, `v1.32.0` style. */
export function serverVersion(cluster: Pick<ResolvedCluster, 'kubernetesVersion'>): string {
  const v = cluster.kubernetesVersion || 'v1.32.0';
  return v.startsWith('v') ? v : `v${v}`;
}
