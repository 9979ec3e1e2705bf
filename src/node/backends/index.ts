// The table of backends the CLI and server can run lessons on.
import { type Backend, PodlabError, SimBackend } from '../../core/index.ts';
import { LazyBackend } from './kube/lazy-backend.ts';

export interface BackendOptions {
  kubeconfig?: string;
  namespace?: string;
  keep?: boolean;
}

export interface BackendEntry {
  name: string;
  summary: string;
  create(options: BackendOptions): Backend;
}

export const BACKENDS: BackendEntry[] = [
  { name: 'simulator', summary: 'the built-in cluster simulator (default; no cluster needed)', create: () => new SimBackend() },
  {
    name: 'kind',
    summary: 'a kind cluster shaped like the lesson, created and deleted by podlab (needs docker, kind, kubectl)',
    create: (o) =>
      new LazyBackend(
        'kind',
        async () => new (await import('./kube/kind/kind-backend.ts')).KindBackend({ keep: o.keep, namespace: o.namespace }),
      ),
  },
  {
    name: 'netns',
    summary: 'the simulator, with reachability checked by real packets in Linux network namespaces (root)',
    create: () => new LazyBackend('netns', async () => new (await import('./netns/netns-backend.ts')).NetnsBackend()),
  },
  {
    name: 'kube',
    summary: 'an existing cluster (--kubeconfig FILE --namespace NS; needs kubectl)',
    create: (o) =>
      new LazyBackend(
        'kube',
        async () => new (await import('./kube/kube-backend.ts')).KubeBackend({ kubeconfig: o.kubeconfig, namespace: o.namespace }),
      ),
  },
];

export function createBackend(name: string, options: BackendOptions = {}): Backend {
  const entry = BACKENDS.find((b) => b.name === name);
  if (!entry) {
    throw new PodlabError('usage', `unknown backend "${name}"; choose one of: ${BACKENDS.map((b) => b.name).join(', ')}`);
  }
  return entry.create(options);
}
