// Per-CNI topology defaults: pod pool, node subnet, first node address, node block size and how blocks are placed.
import type { CniModel } from '../../lesson/model.ts';

export interface CniDefaults {
  /** Cluster pod CIDR (Calico IP pool, flannel Network, kind podSubnet). */
  podCIDR: string;
  /** Subnet of node host addresses. */
  nodeCIDR: string;
  /** Host number of the first auto-assigned node address (10.0.0.11, kind's 172.18.0.2). */
  firstNodeHost: number;
  /** Prefix length of one node's pod block (Calico /26 IPAM block, /24 node podCIDR). */
  blockPrefix: number;
  /** Calico claims blocks at random offsets in the pool; kube-controller-manager hands out /24s in order. */
  placement: 'random' | 'sequential';
}

/** The table of defaults, one row per CNI model. */
export const CNI_DEFAULTS: Record<CniModel, CniDefaults> = {
  calico: { podCIDR: '192.168.0.0/16', nodeCIDR: '10.0.0.0/24', firstNodeHost: 11, blockPrefix: 26, placement: 'random' },
  flannel: { podCIDR: '10.244.0.0/16', nodeCIDR: '10.0.0.0/24', firstNodeHost: 11, blockPrefix: 24, placement: 'sequential' },
  // kind puts its nodes on the docker network "kind" (172.18.0.0/16, gateway .1, nodes from .2).
  kindnet: { podCIDR: '10.244.0.0/16', nodeCIDR: '172.18.0.0/16', firstNodeHost: 2, blockPrefix: 24, placement: 'sequential' },
};

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const DEFAULT_DOMAIN = 'cluster.local';
export const DEFAULT_KUBERNETES_VERSION = 'v1.32.0';
