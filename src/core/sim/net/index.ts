// The simulated network: topology resolution, IPAM, interfaces/routes per CNI, kube-proxy, CoreDNS, packet walk.
export { resolveCluster } from './topology.ts';
export { createDataplane } from './dataplane.ts';
export type { SimDataplane } from './dataplane.ts';
export type { HostsEntry } from './dns/hosts.ts';
export { clusterDnsIp } from './dns/resolv-conf.ts';
export { formatRoute } from './routing.ts';
export { CALICO_IPADDRS_ANNOTATION } from './attach.ts';
