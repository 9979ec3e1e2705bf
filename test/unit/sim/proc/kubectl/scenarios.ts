// The situations the reference transcripts were captured in, rebuilt in a world (names, ages, IPs, nodes).
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { KubectlHarness } from './harness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A bare pod manifest. */
export function pod(name: string, image = 'nginx', labels?: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: name.split('-')[0], image }] },
  };
}

/** Empty cluster (no pods anywhere), kubernetes Service 3d4h old. */
export function emptyCluster(): KubectlHarness {
  const h = new KubectlHarness();
  h.advance(76 * HOUR);
  return h;
}

/**
 * The two-pod cluster of the get transcripts: nginx-7c5ddbdf54-x2v9q (143m, worker-2, 10.244.2.17) and
 * mypod (5m, worker-1, 10.244.1.5); the kubernetes Service is 3d4h old.
 */
export function twoPods(): KubectlHarness {
  const h = new KubectlHarness({
    pins: { mypod: { node: 'worker-1', ip: '10.244.1.5' }, 'nginx-7c5ddbdf54-x2v9q': { node: 'worker-2', ip: '10.244.2.17' } },
  });
  h.advance(76 * HOUR - 143 * MIN);
  h.seed(pod('nginx-7c5ddbdf54-x2v9q', 'nginx', { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' }));
  h.advance(138 * MIN);
  h.seed(pod('mypod', 'nginx'));
  h.advance(5 * MIN);
  return h;
}

/** mypod alone, running. */
export function onePod(): KubectlHarness {
  const h = new KubectlHarness({ pins: { mypod: { node: 'worker-1', ip: '10.244.1.5' } } });
  h.seed(pod('mypod', 'nginx'));
  h.advance(5 * MIN);
  return h;
}

export const POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: mypod
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
`;

export const WEB_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
`;

export const WEB_SVC_YAML = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

export const DEPLOY_X: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x', namespace: 'default', labels: { app: 'x' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'x' } },
    template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
};
