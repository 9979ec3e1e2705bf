// A World for image-catalog tests, wired as createWorld wires one (real clock, store, catalog, dataplane) except
// that every pod's address is 10.244.1.5 and there are no filesystems.
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import type { ContainerRun, World } from '../../../../../src/core/sim/contracts.ts';
import { createDataplane } from '../../../../../src/core/sim/net/dataplane.ts';
import { assembleWorld, testCluster } from '../../test-world-parts.ts';

export function stubWorld(): World {
  return assembleWorld({
    cluster: testCluster(),
    startMs: Date.UTC(2024, 0, 1),
    seed: 1,
    net: (world) => {
      const real = createDataplane(world);
      return Object.assign(Object.create(real) as typeof real, { addressOf: () => '10.244.1.5' });
    },
    fs: () => () => {
      throw new Error('no filesystems in this stub');
    },
  });
}

/** A pod with one container. */
export function podWith(image: string, extra: { command?: string[]; args?: string[]; name?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: extra.name ?? 'p', namespace: 'default' },
    spec: {
      containers: [{ name: 'c', image, ...(extra.command ? { command: extra.command } : {}), ...(extra.args ? { args: extra.args } : {}) }],
    },
  };
}

/** Start the pod's container and return the run. */
export function start(world: World, pod: Pod): ContainerRun {
  return world.images.start(pod, 'c', world);
}
