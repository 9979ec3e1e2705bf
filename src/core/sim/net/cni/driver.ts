// The CNI driver contract: what a CNI model builds in pod and node namespaces, and what each device is wired to.
import type { CniModel } from '../../../lesson/model.ts';
import type { Interface, ResolvedCluster, ResolvedNode, Route } from '../../contracts.ts';
import type { Cidr } from '../cidr.ts';
import type { Attachment } from '../state.ts';

/**
 * What is on the other side of a device, for the packet walk. Interfaces carry it; `ip` never shows it.
 * - loopback: the namespace itself; down: nothing (a device that is not up)
 * - pod-veth: a pod's eth0; the node is on the other end (`bridged`: through the node's cni0 bridge)
 * - host-veth: the node end of a pod's veth; bridge: cni0 with the node's local pods as ports
 * - lan: the node subnet (other nodes and the router); tunnel: IPIP/VXLAN to the node owning the next hop
 * - uplink: the router's way out of the simulated network
 */
export type Link =
  | { kind: 'loopback' }
  | { kind: 'down' }
  | { kind: 'pod-veth'; node: string; bridged: boolean }
  | { kind: 'host-veth'; namespace: string; pod: string }
  | { kind: 'bridge' }
  | { kind: 'lan' }
  | { kind: 'tunnel'; encap: 'ipip' | 'vxlan' }
  | { kind: 'uplink' };

/** An interface plus its wiring. */
export interface NetIf extends Interface {
  link: Link;
}

/** Everything a driver needs to build one node's namespace. */
export interface NodeContext {
  cluster: ResolvedCluster;
  node: ResolvedNode;
  /** The node subnet and its router (default gateway). */
  nodeNet: Cidr;
  gateway: string;
  block: Cidr;
  /** This node's attached pods (no hostNetwork ones), in attach order. */
  pods: Attachment[];
  /** The other nodes, with their blocks and their attached pods. */
  peers: { node: ResolvedNode; block: Cidr; pods: Attachment[] }[];
  /** flannel: whether cni0 exists yet. */
  bridgeUp: boolean;
}

/** One CNI model: a row of the driver table (cni/index.ts). */
export interface CniDriver {
  readonly name: CniModel;
  /** True if pods hang off a bridge the plugin creates with the node's first pod (flannel's cni0). */
  readonly bridge: boolean;
  /** ifindex of the pod's eth0 inside its namespace. */
  readonly podEth0Index: number;
  /** ifindex of the first pod veth created on a node (after the node's own devices). */
  readonly firstHostVethIndex: number;
  /** The host-side veth name this CNI gives a pod. */
  hostVethName(namespace: string, pod: string, uid: string): string;
  podInterfaces(pod: Attachment, ctx: NodeContext): NetIf[];
  podRoutes(pod: Attachment, ctx: NodeContext): Route[];
  nodeInterfaces(ctx: NodeContext): NetIf[];
  /** The node's main table before faults are applied. */
  nodeRoutes(ctx: NodeContext): Route[];
}
