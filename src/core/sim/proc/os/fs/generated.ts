// Files computed from the model on every read: /etc/hostname, /etc/hosts, /etc/resolv.conf, /etc/os-release.
import type { HostRef, World } from '../../../contracts.ts';
import { hostInfo, type HostInfo } from '../host-info.ts';
import { PROC_SYS_FILES } from './proc-sys.ts';

/** A generated file: its path, and its content from the host's current state ('' when the host is gone). */
export interface GeneratedFile {
  path: string;
  /** Whether this host has the file at all. */
  present(info: HostInfo): boolean;
  content(world: World, info: HostInfo): string;
}

/** The table of generated files; add a row for another (e.g. /proc/net/...). */
export const GENERATED_FILES: readonly GeneratedFile[] = [
  { path: '/etc/hostname', present: () => true, content: (_w, info) => `${info.hostname}\n` },
  { path: '/etc/hosts', present: () => true, content: hostsFile },
  { path: '/etc/resolv.conf', present: () => true, content: resolvConf },
  { path: '/etc/os-release', present: (info) => info.os.osRelease !== undefined, content: (_w, info) => info.os.osRelease ?? '' },
  { path: '/dev/null', present: () => true, content: () => '' },
  ...PROC_SYS_FILES,
];

/** Bind a generated file to a host: the function the filesystem calls on each read. */
export function generator(world: World, host: HostRef, file: GeneratedFile): () => string {
  return () => {
    const info = hostInfo(world, host);
    return info ? file.content(world, info) : '';
  };
}

const KUBE_HOSTS_BOILERPLATE = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'fe00::0\tip6-mcastprefix',
  'fe00::1\tip6-allnodes',
  'fe00::2\tip6-allrouters',
];

/**
 * A pod's /etc/hosts as the kubelet writes it (pkg/kubelet/kubelet_pods.go managedHostsFileContent):
 * header, boilerplate, `<podIP>\t<hostname>` (with the FQDN when spec.subdomain is set), then HostAliases.
 * A hostNetwork pod gets the node's file under its own header; a node gets a distribution file listing the nodes.
 */
function hostsFile(world: World, info: HostInfo): string {
  if (!info.pod) return nodeHosts(world);
  if (info.netns.kind === 'node') return `# Kubernetes-managed hosts file (host network).\n${nodeHosts(world)}`;
  const lines = ['# Kubernetes-managed hosts file.', ...KUBE_HOSTS_BOILERPLATE];
  const ips = (info.pod.status?.podIPs ?? []).map((p) => p.ip);
  if (ips.length === 0 && info.pod.status?.podIP) ips.push(info.pod.status.podIP);
  const sub = info.pod.spec.subdomain;
  const ns = info.pod.metadata.namespace ?? 'default';
  for (const ip of ips) {
    lines.push(sub ? `${ip}\t${info.hostname}.${sub}.${ns}.svc.${world.cluster.domain}\t${info.hostname}` : `${ip}\t${info.hostname}`);
  }
  const aliases = (info.pod.spec as { hostAliases?: { ip: string; hostnames?: string[] }[] }).hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

/** A node's /etc/hosts: the distribution's localhost lines, plus the cluster's nodes (as kubeadm guides have you add). */
function nodeHosts(world: World): string {
  const lines = [
    '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4',
    '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6',
  ];
  for (const n of world.cluster.nodes) lines.push(`${n.ip} ${n.name}`);
  return lines.join('\n') + '\n';
}

/** /etc/resolv.conf from the dataplane's resolver config for the host's network namespace. */
function resolvConf(world: World, info: HostInfo): string {
  const rc = world.net.resolvConf(info.netns);
  const lines: string[] = [];
  if (rc.search.length > 0) lines.push(`search ${rc.search.join(' ')}`);
  for (const ns of rc.nameservers) lines.push(`nameserver ${ns}`);
  if (rc.options.length > 0) lines.push(`options ${rc.options.join(' ')}`);
  return lines.join('\n') + '\n';
}
