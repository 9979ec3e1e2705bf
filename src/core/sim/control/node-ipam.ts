// kube-controller-manager's node IPAM: a Node's `spec.podCIDR`/`podCIDRs`.
//
// kubeadm runs the controller-manager with `--allocate-node-cidrs=true --cluster-cidr=<podSubnet>`; its range
// allocator (pkg/controller/nodeipam/ipam/range_allocator.go over cidrset.CidrSet) gives each node, as it registers,
// the next free subnet of `--node-cidr-mask-size` (24 for IPv4, cmd/kube-controller-manager defaults) from the
// cluster CIDR: the control plane 192.168.0.0/24, the first worker to join 192.168.1.0/24 ...
//
// flannel (`--kube-subnet-mgr`) and kindnet take a node's pod range from that very field, so for them the /24 the
// simulator resolved for the node (in node order, or the lesson's pin) IS the podCIDR. Calico's own IPAM ignores it:
// pods get addresses from /26 blocks of the IPPool (ResolvedNode.podCIDR), which need not lie in the node's /24.
import type { ResolvedCluster } from '../contracts.ts';
import { CNI_DEFAULTS } from '../net/cni-defaults.ts';
import { formatCidr, parseCidr, subnet, subnetCount } from '../net/cidr.ts';

/** `--node-cidr-mask-size` for IPv4 (kube-controller-manager's default; kubeadm does not set it). */
export const NODE_CIDR_MASK_SIZE = 24;

/**
 * The podCIDR the node IPAM controller gives each node of the cluster, by node name; a node is absent when the
 * cluster CIDR has no subnet left for it (or is smaller than a /24: the controller-manager refuses such a range).
 * The control plane registers first, then the workers in the order they join (the lesson's node order).
 */
export function nodePodCidrs(cluster: ResolvedCluster): Map<string, string> {
  const out = new Map<string, string>();
  if (CNI_DEFAULTS[cluster.cni]?.placement === 'sequential') {
    // flannel, kindnet: the resolved block is the controller's allocation (or the lesson's pinned one).
    for (const n of cluster.nodes) out.set(n.name, n.podCIDR);
    return out;
  }
  const pool = parseCidr(cluster.podCIDR);
  if (!pool || pool.prefix > NODE_CIDR_MASK_SIZE) return out;
  const count = subnetCount(pool, NODE_CIDR_MASK_SIZE);
  const order = [...cluster.nodes.filter((n) => n.role === 'control-plane'), ...cluster.nodes.filter((n) => n.role !== 'control-plane')];
  order.forEach((n, i) => {
    const c = i < count ? subnet(pool, NODE_CIDR_MASK_SIZE, i) : undefined;
    if (c) out.set(n.name, formatCidr(c));
  });
  return out;
}
