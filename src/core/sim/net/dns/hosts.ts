// /etc/hosts: the kubelet-managed file of a pod (its own hostname), and a node's (every node of the cluster).
import type { Pod } from '../../api/types.ts';
import type { ResolvedCluster } from '../../contracts.ts';

export interface HostsEntry {
  ip: string;
  names: string[];
}

const IPV6_DEFAULTS: HostsEntry[] = [
  { ip: '::1', names: ['localhost', 'ip6-localhost', 'ip6-loopback'] },
  { ip: 'fe00::0', names: ['ip6-localnet'] },
  { ip: 'fe00::0', names: ['ip6-mcastprefix'] },
  { ip: 'fe00::1', names: ['ip6-allnodes'] },
  { ip: 'fe00::2', names: ['ip6-allrouters'] },
];

/** The pod's spec.hostAliases, which the kubelet appends to its hosts file ("# Entries added by HostAliases."). */
export function hostAliases(pod: Pod): HostsEntry[] {
  const aliases = (pod.spec as { hostAliases?: { ip?: string; hostnames?: string[] }[] }).hostAliases ?? [];
  return aliases.filter((a) => a.ip).map((a) => ({ ip: a.ip ?? '', names: a.hostnames ?? [] }));
}

/** The kubelet's hosts file for a pod with its own network namespace: localhost, `<podIP> [fqdn] <hostname>`, aliases. */
export function podHosts(cluster: ResolvedCluster, pod: Pod, ip: string): HostsEntry[] {
  const hostname = (pod.spec.hostname ?? pod.metadata.name).slice(0, 63);
  const sub = pod.spec.subdomain;
  const names = sub ? [`${hostname}.${sub}.${pod.metadata.namespace ?? 'default'}.svc.${cluster.domain}`, hostname] : [hostname];
  return [{ ip: '127.0.0.1', names: ['localhost'] }, ...IPV6_DEFAULTS, { ip, names }, ...hostAliases(pod)];
}

/** A node's hosts file: localhost and every node of the cluster by name (a cluster whose hosts files are managed). */
export function nodeHosts(cluster: ResolvedCluster): HostsEntry[] {
  return [
    { ip: '127.0.0.1', names: ['localhost', 'localhost.localdomain', 'localhost4', 'localhost4.localdomain4'] },
    { ip: '::1', names: ['localhost', 'localhost.localdomain', 'localhost6', 'localhost6.localdomain6'] },
    ...cluster.nodes.map((n) => ({ ip: n.ip, names: [n.name] })),
  ];
}

/** The IPv4 address a hosts file gives a name (case-insensitive, trailing dot ignored), if any. */
export function lookupHosts(entries: HostsEntry[], name: string): string | undefined {
  const q = name.replace(/\.$/, '').toLowerCase();
  const hit = entries.find((e) => !e.ip.includes(':') && e.names.some((n) => n.toLowerCase() === q));
  return hit?.ip;
}
