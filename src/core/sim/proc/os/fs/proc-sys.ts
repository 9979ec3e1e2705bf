// /proc/sys: the kernel parameters a learner looks at on a kubeadm node and in its pods, each with the value the
// component that sets it leaves there. `sysctl` reads these same files, so both always agree.
//
// - net.ipv4.ip_forward and the bridge-nf-call keys: kubeadm's prerequisites (kubernetes.io, "Container Runtimes":
//   net.ipv4.ip_forward = 1; br_netfilter with bridge-nf-call-iptables = 1). A pod's network namespace inherits
//   its node's IPv4 settings when it is created (Documentation/networking/ip-sysctl.rst devconf_inherit_init_net,
//   default 0: "for IPv4 we inherit all current settings from init_net"), so it reads 1 too.
// - nf_conntrack_*: kube-proxy raises them in the node's namespace (pkg/proxy/apis/config defaults: maxPerCore
//   32768, min 131072; tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h); a pod's namespace keeps the kernel's
//   per-namespace defaults (432000 s, 60 s), the table size being global (read-only there).
// - vm.* and kernel.panic*: the kubelet's setupKernelTunables (pkg/kubelet/cm/container_manager_linux.go);
//   not namespaced, so a container reads its node's.
// - kernel.hostname: the UTS namespace (the pod's hostname in a container).
import type { World } from '../../../contracts.ts';
import type { HostInfo } from '../host-info.ts';
import type { GeneratedFile } from './generated.ts';

interface SysKey {
  /** Dotted, as sysctl prints it. */
  key: string;
  /** The value on a node host, and in a container (undefined: the file is absent there). */
  node: (info: HostInfo) => string;
  pod?: (info: HostInfo) => string | undefined;
}

const same = (v: string) => ({ node: () => v, pod: () => v });

/** somaxconn's default: 128 before Linux 5.4, 4096 since (per network namespace). */
function somaxconn(info: HostInfo): string {
  const [major, minor] = info.kernel.release.split('.').map(Number);
  return major > 5 || (major === 5 && minor >= 4) ? '4096' : '128';
}

/** br_netfilter's keys exist in every network namespace since Linux 5.3 (default 1); before, in the node's only. */
function bridgeNf(info: HostInfo): string | undefined {
  const [major, minor] = info.kernel.release.split('.').map(Number);
  return major > 5 || (major === 5 && minor >= 3) ? '1' : undefined;
}

/** Every key podlab models, in the order `sysctl -a` sorts them. */
export const SYSCTL_KEYS: readonly SysKey[] = [
  { key: 'kernel.hostname', node: (i) => i.hostname, pod: (i) => i.hostname },
  { key: 'kernel.panic', ...same('10') },
  { key: 'kernel.panic_on_oops', ...same('1') },
  { key: 'net.bridge.bridge-nf-call-ip6tables', node: () => '1', pod: bridgeNf },
  { key: 'net.bridge.bridge-nf-call-iptables', node: () => '1', pod: bridgeNf },
  { key: 'net.core.somaxconn', node: somaxconn, pod: somaxconn },
  { key: 'net.ipv4.conf.all.forwarding', ...same('1') },
  { key: 'net.ipv4.conf.default.forwarding', ...same('1') },
  { key: 'net.ipv4.ip_forward', ...same('1') },
  { key: 'net.ipv4.ip_local_port_range', ...same('32768\t60999') },
  { key: 'net.netfilter.nf_conntrack_max', ...same('131072') },
  { key: 'net.netfilter.nf_conntrack_tcp_timeout_close_wait', node: () => '3600', pod: () => '60' },
  { key: 'net.netfilter.nf_conntrack_tcp_timeout_established', node: () => '86400', pod: () => '432000' },
  { key: 'vm.overcommit_memory', ...same('1') },
  { key: 'vm.panic_on_oom', ...same('0') },
];

/** "/proc/sys/net/ipv4/ip_forward" for "net.ipv4.ip_forward". */
export function sysctlPath(key: string): string {
  return `/proc/sys/${key.replace(/\./g, '/')}`;
}

/** The value of a key on a host; undefined when the host has no such file. */
export function sysctlValue(info: HostInfo, key: SysKey): string | undefined {
  return info.pod && !(info.pod.spec.hostNetwork === true) ? key.pod?.(info) : key.node(info);
}

/** The generated /proc/sys files (one per key), for the filesystem table. */
export const PROC_SYS_FILES: readonly GeneratedFile[] = SYSCTL_KEYS.map((k) => ({
  path: sysctlPath(k.key),
  present: (info: HostInfo) => sysctlValue(info, k) !== undefined,
  content: (_w: World, info: HostInfo) => `${sysctlValue(info, k) ?? ''}\n`,
}));
