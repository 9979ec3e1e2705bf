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
  /**
   * It looks only at what its work queue or the informers' indexes say changed (the others pass over every
   * object each run): resync() checks these.
   */
  queued?: true;
}

/** In kube-controller-manager order, roughly: owners before the things they own, pods before endpoints. */
export const CONTROLLERS: Reconciler[] = [
  { name: 'namespace', run: runNamespaces },
  { name: 'root-ca-cert-publisher', run: runRootCa },
  { name: 'node-lifecycle', run: runNodeLifecycle, queued: true },
  { name: 'garbage-collector', run: runGarbageCollector, queued: true },
  { name: 'deployment', run: runDeployments, inputs: 'store-and-time', queued: true },
  { name: 'replicaset', run: runReplicaSets, queued: true },
  { name: 'daemonset', run: runDaemonSets, queued: true },
  { name: 'scheduler', run: runScheduler, queued: true },
  { name: 'kubelet', run: runKubelets, inputs: 'always', queued: true },
  { name: 'endpoints', run: runEndpoints, queued: true },
  { name: 'endpointslice', run: runEndpointSlices, queued: true },
  { name: 'event-ttl', run: runEventExpiry, inputs: 'store-and-time', queued: true },
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
  throw new PodlabError(
    'internal',
    `the simulated controllers did not settle after ${MAX_PASSES} passes (still changing: ${busy.join(', ')})`,
  );
}

/**
 * Mark every work queue for a full pass and run each queued controller once, as a restarted controller manager
 * would. Returns the changes that made (store writes plus pods the kubelets took up or let go). The namespace and
 * root CA controllers pass over everything on every run anyway, so they are left out.
 */
export function resync(ctx: ControlContext, controllers: readonly Reconciler[] = CONTROLLERS): number {
  const q = ctx.informers.queues;
  for (const queue of [q.endpoints, q.endpointSlices, q.replicaSets, q.deployments, q.daemonSets, q.kubelet, ...q.garbage.values()])
    queue.resync();
  ctx.kubelet.dirty = true;
  ctx.events.resync();
  const version = ctx.world.store.version;
  const pods = new Set(ctx.kubelet.pods.values());
  for (const c of controllers) if (c.queued) c.run(ctx);
  const after = new Set(ctx.kubelet.pods.values());
  const moved = [...after].filter((rt) => !pods.has(rt)).length + [...pods].filter((rt) => !after.has(rt)).length;
  return ctx.world.store.version - version + moved;
}
