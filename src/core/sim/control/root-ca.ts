// The root CA publisher: every namespace gets the `kube-root-ca.crt` ConfigMap (`kubectl get cm` shows it).
import type { ControlContext } from './context.ts';

/** A certificate-shaped placeholder; nothing in the simulator verifies TLS. */
const CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIPodlabSimulatedCAwDQYJKoZIhvcNAQELBQAwFTETMBEG',
  'A1UEAxMKa3ViZXJuZXRlczAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBa',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export function runRootCa(ctx: ControlContext): void {
  const w = ctx.world;
  for (const ns of w.store.scan('Namespace')) {
    if (ns.metadata.deletionTimestamp || w.store.has('ConfigMap', ns.metadata.name, 'kube-root-ca.crt')) continue;
    const r = w.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: ns.metadata.name,
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': CA_PEM },
      },
      { fieldManager: 'kube-controller-manager' },
    );
    if (r.ok && ns.metadata.creationTimestamp) {
      const cm = r.object;
      cm.metadata.creationTimestamp = ns.metadata.creationTimestamp;
      w.store.updateFrozen(cm);
    }
  }
}
