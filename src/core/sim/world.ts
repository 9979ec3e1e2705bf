// createWorld: one simulated cluster, wired from its parts (api, control, net, proc) around one store, clock and rng.
import type { ClusterSpec } from '../lesson/model.ts';
import { createApi } from './api/index.ts';
import { Store } from './api/store.ts';
import { Clock } from './clock.ts';
import type { ControlPlane, Dataplane, FileSystem, HostRef, ImageCatalog, ResolvedCluster, World } from './contracts.ts';
import { createControlPlane } from './control/index.ts';
import { createDataplane, resolveCluster } from './net/index.ts';
import { createFileSystems, createImageCatalog } from './proc/index.ts';
import { Rng } from './rng.ts';
import type { Api } from './api/api.ts';

export interface WorldOptions {
  seed: number;
  /** Simulated start time (ms since epoch); default 2024-01-01T00:00:00Z. */
  startMs?: number;
}

class SimWorld implements World {
  readonly store = new Store();
  readonly clock: Clock;
  readonly rng: Rng;
  readonly cluster: ResolvedCluster;
  // Assigned in createWorld, in dependency order.
  api!: Api;
  control!: ControlPlane;
  net!: Dataplane;
  images!: ImageCatalog;
  private fsOf!: (host: HostRef) => FileSystem;

  constructor(spec: ClusterSpec, options: WorldOptions) {
    this.clock = new Clock(options.startMs);
    this.rng = new Rng(options.seed);
    this.cluster = resolveCluster(spec, this.rng.fork('topology'));
  }

  fs(host: HostRef): FileSystem {
    return this.fsOf(host);
  }

  wire(): void {
    this.images = createImageCatalog();
    this.net = createDataplane(this);
    this.api = createApi(this);
    this.control = createControlPlane(this);
    this.fsOf = createFileSystems(this);
  }
}

/** Build a world from a lesson's cluster spec: nodes registered, system pods and the kubernetes/kube-dns Services in place. */
export function createWorld(spec: ClusterSpec, options: WorldOptions): World {
  const w = new SimWorld(spec, options);
  w.wire();
  w.control.settle();
  return w;
}
