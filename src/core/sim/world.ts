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

/**
 * The parts of a world, for assembleWorld: the cluster as resolved, and any layer to use instead of the built-in one.
 * A factory receives the world being wired (layers are made in the order images, net, api, control, fs).
 */
export interface WorldParts extends Partial<WorldOptions> {
  cluster: ResolvedCluster;
  store?: Store;
  clock?: Clock;
  images?: ImageCatalog;
  net?: (world: World) => Dataplane;
  api?: (world: World) => Api;
  control?: (world: World) => ControlPlane;
  fs?: (world: World) => (host: HostRef) => FileSystem;
}

class SimWorld implements World {
  readonly store: Store;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly cluster: ResolvedCluster;
  // Assigned in wire, in dependency order.
  api!: Api;
  control!: ControlPlane;
  net!: Dataplane;
  images!: ImageCatalog;
  private fsOf!: (host: HostRef) => FileSystem;

  constructor(rng: Rng, cluster: ResolvedCluster, parts: Omit<WorldParts, 'cluster'>) {
    this.store = parts.store ?? new Store();
    this.clock = parts.clock ?? new Clock(parts.startMs);
    this.rng = rng;
    this.cluster = cluster;
  }

  fs(host: HostRef): FileSystem {
    return this.fsOf(host);
  }

  wire(parts: Omit<WorldParts, 'cluster'>): void {
    this.images = parts.images ?? createImageCatalog();
    this.net = (parts.net ?? createDataplane)(this);
    this.api = (parts.api ?? createApi)(this);
    this.control = (parts.control ?? createControlPlane)(this);
    this.fsOf = (parts.fs ?? createFileSystems)(this);
  }
}

/** Build a world from a lesson's cluster spec: nodes registered, system pods and the kubernetes/kube-dns Services in place. */
export function createWorld(spec: ClusterSpec, options: WorldOptions): World {
  const rng = new Rng(options.seed);
  const w = new SimWorld(rng, resolveCluster(spec, rng.fork('topology')), options);
  w.wire(options);
  w.control.settle();
  return w;
}

/**
 * Wire a world from given parts, the others built as createWorld builds them; nothing is settled (no controller has
 * run). For tests that put a fake layer (a dataplane, a control plane) under the real others.
 */
export function assembleWorld(parts: WorldParts): World {
  const w = new SimWorld(new Rng(parts.seed ?? 1), parts.cluster, parts);
  w.wire(parts);
  return w;
}
