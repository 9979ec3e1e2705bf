// Worlds for tests, built by the simulator's own wiring (assembleWorld, what createWorld uses) with some layers
// replaced by fakes: no test casts an object literal to World.
import type { ImageCatalog, ResolvedCluster } from '../../../src/core/sim/contracts.ts';

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
