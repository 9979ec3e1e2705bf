// Facts about the simulated cluster that kubectl reports: API server URL, client versions, kubeconfig names.
import type { ToolCluster } from '../tool.ts';

/** The client version the simulated kubectl reports (kubectl v1.32, as in the reference transcripts). */
export const CLIENT_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.4' } as const;
export const KUSTOMIZE_VERSION = 'v5.5.0';

/** The API server URL: the first control-plane node's address, port 6443 (kubeadm's default). */
export function serverUrl(cluster: Pick<ToolCluster, 'nodes'>): string {
  const cp = cluster.nodes.find((n) => n.role === 'control-plane') ?? cluster.nodes[0];
  return `https://${cp?.ip ?? '127.0.0.1'}:6443`;
}
