// The kubeconfig `podlab apiserver` writes: one cluster at the facade's plain-http loopback URL, one context.
import { stringify } from 'yaml';

/** Cluster, user and context name in the generated kubeconfig. */
export const KUBECONFIG_NAME = 'podlab';

/** A kubeconfig for `server` (http://127.0.0.1:PORT) with `namespace` as the context's default. */
export function kubeconfigText(server: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node refuses plain http unless TLS verification is off; kubectl accepts either.
    clusters: [{ name: KUBECONFIG_NAME, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: KUBECONFIG_NAME, user: {} }],
    contexts: [{ name: KUBECONFIG_NAME, context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME, namespace } }],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}
