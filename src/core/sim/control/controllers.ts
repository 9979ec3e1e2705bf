// The controller table and the settle loop: named reconcilers run in order, pass after pass, until a pass
// changes nothing in the store.
import { PodlabError } from '../../errors.ts';
import type { ControlContext } from './context.ts';
import { runDaemonSets } from './daemonset.ts';
import { runDeployments } from './deployment.ts';
import { runEndpointSlices } from './endpointslices.ts';
import { runEndpoints } from './endpoints.ts';
import { runEventExpiry, runGarbageCollector, runNamespaces } from './garbage.ts';
import { runKubelets } from './kubelet.ts';
import { runNodeLifecycle } from './node-lifecycle.ts';
import { runReplicaSets } from './replicaset.ts';
import { runRootCa } from './root-ca.ts';
import { runScheduler } from './scheduler.ts';

export interface Reconciler {
  name: string;
  /** Bring actual state towards desired state once; must write nothing when there is nothing to do. */
  run(ctx: ControlContext): void;
}

/** In kube-controller-manager order, roughly: owners before the things they own, pods before endpoints. */
export const CONTROLLERS: Reconciler[] = [
  { name: 'namespace', run: runNamespaces },
  { name: 'root-ca-cert-publisher', run: runRootCa },
  { name: 'node-lifecycle', run: runNodeLifecycle },
  { name: 'garbage-collector', run: runGarbageCollector },
  { name: 'deployment', run: runDeployments },
  { name: 'replicaset', run: runReplicaSets },
  { name: 'daemonset', run: runDaemonSets },
  { name: 'scheduler', run: runScheduler },
  { name: 'kubelet', run: runKubelets },
  { name: 'endpoints', run: runEndpoints },
  { name: 'endpointslice', run: runEndpointSlices },
  { name: 'event-ttl', run: runEventExpiry },
];

/** More passes than any chain of reactions needs (deployment → rs → pod → kubelet → endpoints ...). */
export const MAX_PASSES = 50;

/** Run the controllers until a whole pass leaves the store unchanged; a bug if that never happens. */
export function settle(ctx: ControlContext, controllers: readonly Reconciler[] = CONTROLLERS): void {
  const store = ctx.world.store;
  let busy: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const start = store.version;
    busy = [];
    for (const c of controllers) {
      const before = store.version;
      c.run(ctx);
      if (store.version !== before) busy.push(c.name);
    }
    if (store.version === start) return;
  }
  throw new PodlabError('internal', `the simulated controllers did not settle after ${MAX_PASSES} passes (still changing: ${busy.join(', ')})`);
}
