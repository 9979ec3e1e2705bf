// /etc/resolv.conf as the kubelet writes it for a pod (per dnsPolicy and dnsConfig), and a node host's own.
import type { Pod } from '../../api/types.ts';
import type { ResolvedCluster } from '../../contracts.ts';
import { nthAddress, parseCidr } from '../cidr.ts';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

interface DnsConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name: string; value?: string }[];
}

/** The kubelet's clusterDNS: the tenth address of the Service CIDR (kubeadm's default; kube-dns's ClusterIP). */
export function clusterDnsIp(cluster: ResolvedCluster): string {
  const c = parseCidr(cluster.serviceCIDR);
  return c ? nthAddress(c, 10) : '10.96.0.10';
}

/** A node host's resolver: the node subnet's router, which knows nothing of the cluster. */
export function nodeResolvConf(gateway: string): ResolvConf {
  return { nameservers: [gateway], search: [], options: [] };
}

function clusterResolvConf(cluster: ResolvedCluster, namespace: string): ResolvConf {
  const d = cluster.domain;
  return { nameservers: [clusterDnsIp(cluster)], search: [`${namespace}.svc.${d}`, `svc.${d}`, d], options: ['ndots:5'] };
}

/** Merge a pod's dnsConfig into a base (nameservers and searches appended, options replaced by name). */
function merge(base: ResolvConf, extra: DnsConfig | undefined): ResolvConf {
  if (!extra) return base;
  const options = new Map(base.options.map((o) => [o.split(':')[0], o]));
  for (const o of extra.options ?? []) options.set(o.name, o.value === undefined ? o.name : `${o.name}:${o.value}`);
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    nameservers: uniq([...base.nameservers, ...(extra.nameservers ?? [])]).slice(0, 3),
    search: uniq([...base.search, ...(extra.searches ?? [])]).slice(0, 32),
    options: [...options.values()],
  };
}

/**
 * The pod's resolv.conf. dnsPolicy ClusterFirst (the default): cluster DNS with the namespace's search list and
 * ndots:5 — except for hostNetwork pods, which then get the node's (use ClusterFirstWithHostNet to opt in).
 * Default: the node's. None: only dnsConfig.
 */
export function podResolvConf(cluster: ResolvedCluster, pod: Pod, gateway: string): ResolvConf {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const dnsConfig = (pod.spec as { dnsConfig?: DnsConfig }).dnsConfig;
  const namespace = pod.metadata.namespace ?? 'default';
  if (policy === 'None') return merge({ nameservers: [], search: [], options: [] }, dnsConfig);
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork);
  return merge(clusterFirst ? clusterResolvConf(cluster, namespace) : nodeResolvConf(gateway), dnsConfig);
}

/** The ndots option of a resolv.conf (default 1, as in glibc and musl). */
export function ndotsOf(conf: ResolvConf): number {
  const o = conf.options.find((x) => x.startsWith('ndots:'));
  const n = o ? Number(o.slice(6)) : 1;
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 15) : 1;
}
