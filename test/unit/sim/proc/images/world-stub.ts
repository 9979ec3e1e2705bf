// A minimal World for image-catalog tests: a real clock and store, a dataplane that only knows addresses.
import { Store } from '../../../../../src/core/sim/api/store.ts';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import { Clock } from '../../../../../src/core/sim/clock.ts';
import type { ContainerRun, Dataplane, World } from '../../../../../src/core/sim/contracts.ts';
import { createImageCatalog } from '../../../../../src/core/sim/proc/images/index.ts';
import { Rng } from '../../../../../src/core/sim/rng.ts';

export function stubWorld(): World {
  const net = { addressOf: () => '10.244.1.5' } as unknown as Dataplane;
  return {
    cluster: { domain: 'cluster.local' },
    store: new Store(),
    clock: new Clock(Date.UTC(2024, 0, 1)),
    rng: new Rng(1),
    net,
    images: createImageCatalog(),
    fs: () => {
      throw new Error('no filesystems in this stub');
    },
  } as unknown as World;
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
