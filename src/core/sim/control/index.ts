// Controllers on the simulated clock: scheduler, ReplicaSet/Deployment/DaemonSet, endpoints, kubelets (pod lifecycle).
import type { ControlPlane, ContainerRun, World } from '../contracts.ts';
import { bootstrap } from './bootstrap.ts';
import { createContext } from './context.ts';
import { resync, settle } from './controllers.ts';
import { netnsListeners } from './listeners.ts';

/**
 * Create the control plane of a world. Called once by createWorld, after the API layer: it boots the cluster
 * (namespaces, nodes, system Services and pods, all running) and returns the controllers' handle.
 */
export function createControlPlane(world: World): ControlPlane {
  const ctx = createContext(world);
  bootstrap(ctx);
  const container = (ns: string, pod: string, name: string) => ctx.kubelet.find(ns, pod)?.containers.find((c) => c.name === name);
  return {
    settle: () => settle(ctx),
    advance: (ms: number) => {
      settle(ctx);
      // One settle per simulated instant, after every timer due at it (a 3,000-pod build fires 6,000 timers at
      // 1,600 instants): controllers see the instant's changes together, as informers deliver a burst.
      world.clock.advance(ms, () => {
        const next = world.clock.nextAt();
        if (next === undefined || next > world.clock.now()) settle(ctx);
      });
      settle(ctx);
    },
    running: (ns: string, pod: string, name: string): ContainerRun | undefined => {
      const c = container(ns, pod, name);
      return c?.state === 'running' ? c.run : undefined;
    },
    listeners: (ns) => netnsListeners(ctx, ns),
    resync: () => resync(ctx),
    logs: (ns, pod, name, previous) => {
      const c = container(ns, pod, name);
      if (!c) return undefined;
      if (previous) return c.previousLogs;
      // a running process's logs are a live view (requests served, loop output) read at this instant
      return c.everStarted ? (c.run?.logs ?? c.logs ?? []) : undefined;
    },
    logTimes: (ns, pod, name, previous) => {
      const c = container(ns, pod, name);
      if (!c) return undefined;
      return previous ? c.previousLogTimes : c.run ? c.run.logTimes : c.logTimes;
    },
  };
}
