// Worlds for tests, built by the simulator's own wiring (assembleWorld, what createWorld uses) with some layers
// replaced by fakes: no test casts an object literal to World.
import type { ControlPlane, Dataplane, ImageCatalog, ResolvedCluster, TraceAnswer } from '../../../src/core/sim/contracts.ts';

export { assembleWorld } from '../../../src/core/sim/world.ts';

/** A resolved two-node Calico cluster (cp1 10.1.0.11, wk1 10.1.0.12), with `over` on top. */
export function testCluster(over: Partial<ResolvedCluster> = {}): ResolvedCluster {
  return {
    cni: 'calico',
    podCIDR: '10.244.0.0/16',
    serviceCIDR: '10.96.0.0/12',
    nodeCIDR: '10.1.0.0/24',
    domain: 'cluster.local',
    kubernetesVersion: 'v1.32.0',
    nodes: [
      { name: 'cp1', role: 'control-plane', ip: '10.1.0.11', podCIDR: '10.244.0.0/24', labels: {}, taints: [] },
      { name: 'wk1', role: 'worker', ip: '10.1.0.12', podCIDR: '10.244.1.0/24', labels: {}, taints: [] },
    ],
    workstation: { node: 'cp1', cwd: '/root', user: 'root' },
    pins: [],
    faults: [],
    ...over,
  };
}

/** A catalog that knows no image (lookup says none exists; a started container listens on nothing and logs nothing). */
export const NO_IMAGES: ImageCatalog = {
  lookup: () => undefined,
  start: () => ({ listeners: [], logs: [] }),
};

/** What a fake control plane that runs no containers answers: no logs to read, nothing a full pass would change. */
export const NO_CONTAINER_LOGS: Pick<ControlPlane, 'logs' | 'logTimes' | 'resync'> = {
  logs: () => undefined,
  logTimes: () => undefined,
  resync: () => 0,
};

/**
 * What a fake dataplane that models no traffic answers: no /etc/hosts entries of its own, no neighbours, zero
 * counters, no traceroute answer (every probe `*`), no network class (each pod is probed on its own).
 */
export const NO_TRAFFIC: Pick<Dataplane, 'hosts' | 'trace' | 'neighbours' | 'deviceCounters' | 'networkClass'> = {
  hosts: () => [],
  trace: (): TraceAnswer => ({ kind: 'none', rttMs: 0, hops: [] }),
  neighbours: () => [],
  deviceCounters: () => ({ rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0 }),
  networkClass: () => undefined,
};

/** CNI ADD with the failure as a value, for a fake whose attachPod throws the plugin's error. */
export function tryAttachBy(attach: Dataplane['attachPod']): Dataplane['tryAttachPod'] {
  return (pod, node) => {
    try {
      return { ok: true, ip: attach(pod, node) };
    } catch (e: unknown) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  };
}
