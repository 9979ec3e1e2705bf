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
  /**
   * What its work depends on, so a pass can skip it when that has not changed: the store (default), the store
   * and the clock (deadlines, expiry), or anything (the kubelet, whose timers change its memory).
   */
  inputs?: 'store' | 'store-and-time' | 'always';
}

/** In kube-controller-manager order, roughly: owners before the things they own, pods before endpoints. */
export const CONTROLLERS: Reconciler[] = [
  { name: 'namespace', run: runNamespaces },
  { name: 'root-ca-cert-publisher', run: runRootCa },
  { name: 'node-lifecycle', run: runNodeLifecycle },
  { name: 'garbage-collector', run: runGarbageCollector },
  { name: 'deployment', run: runDeployments, inputs: 'store-and-time' },
  { name: 'replicaset', run: runReplicaSets },
  { name: 'daemonset', run: runDaemonSets },
  { name: 'scheduler', run: runScheduler },
  { name: 'kubelet', run: runKubelets, inputs: 'always' },
  { name: 'endpoints', run: runEndpoints },
  { name: 'endpointslice', run: runEndpointSlices },
  { name: 'event-ttl', run: runEventExpiry, inputs: 'store-and-time' },
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
      const seen = ctx.lastRun.get(c.name);
      const now = ctx.world.clock.now();
      const inputs = c.inputs ?? 'store';
      if (seen && inputs !== 'always' && seen.version === store.version && (inputs === 'store' || seen.time === now)) continue;
      const before = store.version;
      c.run(ctx);
      if (store.version !== before) busy.push(c.name);
      ctx.lastRun.set(c.name, { version: store.version, time: now });
    }
    if (store.version === start) return;
  }
  throw new PodlabError('internal', `the simulated controllers did not settle after ${MAX_PASSES} passes (still changing: ${busy.join(', ')})`);
}
