// The cluster's own images (control plane, kube-proxy, CNI agents, CoreDNS): what their processes listen on,
// used when the image catalog does not know them, so a cluster always boots.
import { parseImageRef } from '../api/image-ref.ts';
import type { Pod } from '../api/types.ts';
import type { ContainerRun, ImageInfo, Listener, World } from '../contracts.ts';

interface SystemImage {
  /** Registry path without tag, e.g. "registry.k8s.io/kube-proxy". */
  path: string;
  process: string;
  listeners: [number, 'TCP' | 'UDP'][];
  logs: string[];
  sizeBytes: number;
}

/** One row per system component image. */
export const SYSTEM_IMAGES: SystemImage[] = [
  { path: 'registry.k8s.io/kube-apiserver', process: 'kube-apiserver', listeners: [[6443, 'TCP']], logs: [], sizeBytes: 28_906_400 },
  {
    path: 'registry.k8s.io/kube-controller-manager',
    process: 'kube-controller-manager',
    listeners: [[10257, 'TCP']],
    logs: [],
    sizeBytes: 26_241_800,
  },
  { path: 'registry.k8s.io/kube-scheduler', process: 'kube-scheduler', listeners: [[10259, 'TCP']], logs: [], sizeBytes: 20_660_000 },
  {
    path: 'registry.k8s.io/etcd',
    process: 'etcd',
    listeners: [
      [2379, 'TCP'],
      [2380, 'TCP'],
      [2381, 'TCP'],
    ],
    logs: [],
    sizeBytes: 57_680_500,
  },
  {
    path: 'registry.k8s.io/kube-proxy',
    process: 'kube-proxy',
    listeners: [
      [10249, 'TCP'],
      [10256, 'TCP'],
    ],
    logs: [],
    sizeBytes: 30_908_400,
  },
  {
    path: 'registry.k8s.io/coredns/coredns',
    process: 'coredns',
    listeners: [
      [53, 'UDP'],
      [53, 'TCP'],
      [9153, 'TCP'],
      [8080, 'TCP'],
      [8181, 'TCP'],
    ],
    logs: [
      '.:53',
      '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
      'CoreDNS-1.11.3',
      'linux/amd64, go1.21.11, a6338e9',
    ],
    sizeBytes: 18_562_039,
  },
  {
    path: 'docker.io/calico/node',
    process: 'calico-node',
    listeners: [
      [179, 'TCP'],
      [9099, 'TCP'],
    ],
    logs: [],
    sizeBytes: 140_477_000,
  },
  { path: 'docker.io/calico/kube-controllers', process: 'kube-controllers', listeners: [], logs: [], sizeBytes: 35_306_200 },
  { path: 'docker.io/flannel/flannel', process: 'flanneld', listeners: [], logs: [], sizeBytes: 32_020_400 },
  { path: 'docker.io/kindest/kindnetd', process: 'kindnetd', listeners: [], logs: [], sizeBytes: 39_003_600 },
];

function systemImage(image: string): SystemImage | undefined {
  const ref = parseImageRef(image);
  return SYSTEM_IMAGES.find((s) => `${ref.registry}/${ref.path}` === s.path);
}

/** The image's catalog entry, or a system image's stand-in, or undefined (ErrImagePull). */
export function lookupImage(world: World, image: string): ImageInfo | undefined {
  let info: ImageInfo | undefined;
  try {
    info = world.images.lookup(image);
  } catch {
    info = undefined;
  }
  if (info) return info;
  const sys = systemImage(image);
  if (!sys) return undefined;
  return { repository: sys.path, shells: ['sh'], commands: [], prompt: 'sh', workdir: '/', pullMs: 4000, sizeBytes: sys.sizeBytes };
}

/** Start a container's main process: the catalog's behaviour, or a system image's listeners. */
export function startProcess(world: World, pod: Pod, container: string, image: string): ContainerRun {
  const sys = systemImage(image);
  let catalogKnows = false;
  try {
    catalogKnows = world.images.lookup(image) !== undefined;
  } catch {
    catalogKnows = false;
  }
  if (catalogKnows || !sys) return world.images.start(pod, container, world);
  const listeners: Listener[] = sys.listeners.map(([port, protocol]) => ({ port, protocol, process: sys.process }));
  return { listeners, logs: [...sys.logs], stopMs: 500 };
}
