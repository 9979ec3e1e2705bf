// What a host is, read live from the model: a node's host or a container (its pod, image, OS, hostname, netns).
import type { Container, NodeObj, Pod } from '../../api/types.ts';
import type { HostRef, ImageInfo, NetnsRef, World } from '../../contracts.ts';
import { OS_PROFILES, type OsProfile } from './os-profiles.ts';

export interface HostInfo {
  host: HostRef;
  /** `hostname` prints this: the node name, or the pod's hostname (spec.hostname, else its name, cut to 63). */
  hostname: string;
  /** The network namespace processes here use (a hostNetwork pod uses its node's). */
  netns: NetnsRef;
  /** The node the host is (or runs on); undefined for an unscheduled pod. */
  node?: string;
  os: OsProfile;
  /** Kernel of the node (containers share it). */
  kernel: { release: string; version: string };
  pod?: Pod;
  container?: Container;
  /** The container's image, if the catalog knows it. */
  image?: ImageInfo;
}

/** Describe a host; undefined when it does not exist (no such node, pod or container). */
export function hostInfo(world: World, host: HostRef): HostInfo | undefined {
  if (host.kind === 'node') {
    if (!world.cluster.nodes.some((n) => n.name === host.node)) return undefined;
    const node = nodeOs(world, host.node);
    return { host, hostname: host.node, netns: { kind: 'node', node: host.node }, node: host.node, ...node };
  }
  const pod = world.store.peek<Pod>('Pod', host.namespace, host.pod);
  const container = pod?.spec.containers.find((c) => c.name === host.container);
  if (!pod || !container) return undefined;
  const image = world.images.lookup(container.image);
  const nodeName = pod.spec.nodeName;
  const hostNet = pod.spec.hostNetwork === true && nodeName !== undefined;
  const kernel = nodeName ? nodeOs(world, nodeName).kernel : OS_PROFILES.debian.kernel;
  return {
    host,
    hostname: hostNet ? (nodeName as string) : podHostname(pod),
    netns: hostNet ? { kind: 'node', node: nodeName as string } : { kind: 'pod', namespace: host.namespace, pod: host.pod },
    node: nodeName,
    os: OS_PROFILES[imageOs(image)],
    kernel,
    pod,
    container,
    image,
  };
}

/** The pod's hostname as the kubelet sets it: spec.hostname or the name, at most 63 characters. */
export function podHostname(pod: Pod): string {
  const name = pod.spec.hostname ?? pod.metadata.name;
  return name.length > 63 ? name.slice(0, 63).replace(/[-.]+$/, '') : name;
}

/** Which OS an image looks like, from its shell flavour: bash = Debian-like, busybox = BusyBox, sh = Alpine (ash). */
export function imageOs(image: ImageInfo | undefined): 'debian' | 'busybox' | 'alpine' {
  if (!image) return 'debian';
  return image.prompt === 'bash' ? 'debian' : image.prompt === 'busybox' ? 'busybox' : 'alpine';
}

/** osImage text -> OS profile; the first match wins. */
const OS_IMAGES: [RegExp, OsProfile][] = [
  [/ubuntu/i, OS_PROFILES.ubuntu],
  [/debian/i, OS_PROFILES.debian],
  [/centos|red hat|rhel|rocky|alma/i, OS_PROFILES.centos],
];

/**
 * A node host's OS: the lesson's `cluster.os` when set, else what the Node's osImage names, else CentOS (worlds
 * without Node objects, as in unit tests). The kernel is the Node's kernelVersion when it reports one.
 */
function nodeOs(world: World, node: string): { os: OsProfile; kernel: { release: string; version: string } } {
  const info = world.store.peek<NodeObj>('Node', undefined, node)?.status?.nodeInfo;
  const fromImage = info ? OS_IMAGES.find(([re]) => re.test(info.osImage))?.[1] : undefined;
  const os = world.cluster.os ? OS_PROFILES[world.cluster.os] : (fromImage ?? OS_PROFILES.centos);
  const release = info?.kernelVersion || os.kernel.release;
  return { os, kernel: { release, version: os.kernel.version } };
}
