// Node objects for the resolved topology, as kubeadm + the kubelet register them (labels, taints, addresses,
// conditions, nodeInfo).
import type { NodeObj } from '../api/types.ts';
import type { ResolvedCluster, ResolvedNode } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import { formatIp, parseCidrSloppy } from '../net/cidr.ts';
import { stableMac } from '../net/names.ts';

/** What every node reports about itself (kubeadm on Debian 12 with containerd). */
export const NODE_INFO = {
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.1.0-28-amd64',
  containerRuntimeVersion: 'containerd://1.7.24',
  architecture: 'amd64',
  operatingSystem: 'linux',
};

/** What nodeInfo says per `cluster.os` (osImage is /etc/os-release's PRETTY_NAME). */
export const NODE_OS_INFO: Record<string, { osImage: string; kernelVersion: string }> = {
  centos: { osImage: 'CentOS Linux 7 (Core)', kernelVersion: '3.10.0-1160.el7.x86_64' },
  debian: { osImage: NODE_INFO.osImage, kernelVersion: NODE_INFO.kernelVersion },
  ubuntu: { osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0-105-generic' },
};

export const DEFAULT_KUBERNETES_VERSION = 'v1.32.0';

/** A uuid-shaped id from the seeded stream (bootID, machineID). */
export function uuidFrom(rng: Rng): string {
  let hex = '';
  while (hex.length < 32)
    hex += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The CNI's own node condition (Calico and flannel report one; kindnet does not). */
const NETWORK_CONDITION: Record<string, { reason: string; message: string } | undefined> = {
  calico: { reason: 'CalicoIsUp', message: 'Calico is running on this node' },
  flannel: { reason: 'FlannelIsUp', message: 'Flannel is running on this node' },
};

/**
 * The Node as the kubelet registers it and the controller-manager completes it: `podCIDR` is the node IPAM
 * controller's allocation (control/node-ipam.ts), absent when it had none to give.
 */
/**
 * What the CNI agent writes on its Node: calico-node its autodetected address and IPIP tunnel address (the first of
 * its block, tunl0's), flanneld (kube subnet manager, vxlan) its lease: VNI 1 and flannel.1's MAC, its public IP.
 */
export function cniNodeAnnotations(cluster: ResolvedCluster, n: ResolvedNode): Record<string, string> {
  if (cluster.cni === 'calico') {
    const nodeNet = parseCidrSloppy(cluster.nodeCIDR);
    const block = parseCidrSloppy(n.podCIDR);
    return {
      'projectcalico.org/IPv4Address': `${n.ip}/${nodeNet?.prefix ?? 32}`,
      ...(block ? { 'projectcalico.org/IPv4IPIPTunnelAddr': formatIp(block.network) } : {}),
    };
  }
  if (cluster.cni === 'flannel') {
    return {
      'flannel.alpha.coreos.com/backend-data': JSON.stringify({ VNI: 1, VtepMAC: stableMac(`node/${n.name}/flannel.1`) }),
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
      'flannel.alpha.coreos.com/public-ip': n.ip,
    };
  }
  return {};
}

export function nodeObject(cluster: ResolvedCluster, n: ResolvedNode, createdAt: string, rng: Rng, podCIDR?: string): NodeObj {
  const controlPlane = n.role === 'control-plane';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...n.labels,
  };
  const version = cluster.kubernetesVersion || DEFAULT_KUBERNETES_VERSION;
  const cond = (type: string, status: string, reason: string, message: string): Record<string, string> => ({
    type,
    status,
    lastHeartbeatTime: createdAt,
    lastTransitionTime: createdAt,
    reason,
    message,
  });
  const net = NETWORK_CONDITION[cluster.cni];
  const conditions = [
    ...(net ? [cond('NetworkUnavailable', 'False', net.reason, net.message)] : []),
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
  const resources = { cpu: '2', 'ephemeral-storage': '30297152Ki', 'hugepages-2Mi': '0', memory: '4005812Ki', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        ...cniNodeAnnotations(cluster, n),
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: createdAt,
    },
    spec: { ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}), ...(n.taints.length ? { taints: n.taints.map((t) => ({ ...t })) } : {}) },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      capacity: resources,
      // the kubelet holds back its hard eviction thresholds (memory.available<100Mi, nodefs.available<10%)
      allocatable: { ...resources, 'ephemeral-storage': '27922302236', memory: '3903412Ki' },
      conditions,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        ...NODE_INFO,
        ...NODE_OS_INFO[cluster.os ?? 'debian'],
        kubeletVersion: version,
        kubeProxyVersion: version,
        bootID: uuidFrom(rng),
        machineID: uuidFrom(rng).replace(/-/g, ''),
        systemUUID: uuidFrom(rng),
      },
    },
  } as unknown as NodeObj;
}
