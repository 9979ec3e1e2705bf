// The dataplane's own state: which pods have a network namespace (CNI ADD done), their veths, and per-node counters.

/** A pod whose sandbox the CNI has wired up (or a hostNetwork pod, which shares its node's namespace). */
export interface Attachment {
  namespace: string;
  pod: string;
  uid: string;
  node: string;
  /** The pod IP; the node IP for hostNetwork pods. */
  ip: string;
  hostNetwork: boolean;
  /** Host-side veth name on the node ("cali1b2c3d4e5f6", "veth3a9f01c2"); '' for hostNetwork. */
  hostIfName: string;
  /** The host-side veth's ifindex on the node (the pod's eth0 shows it as eth0@ifN). */
  hostIfIndex: number;
  /** The netnsid under which the node sees the pod's namespace ("link-netnsid N"). */
  linkNetnsId: number;
  /** Attach order, cluster-wide. */
  seq: number;
}

export function podKey(namespace: string, pod: string): string {
  return `${namespace}/${pod}`;
}

/** Mutable state; everything else the dataplane shows is computed from it, the cluster and the store. */
export class NetState {
  readonly attachments = new Map<string, Attachment>();
  /** flannel: nodes whose cni0 bridge exists (the bridge plugin creates it on the first pod and never removes it). */
  readonly bridges = new Set<string>();
  private readonly nextIfIndex = new Map<string, number>();
  private seq = 0;

  /** A fresh ifindex on a node: the kernel never reuses one while the machine runs. */
  allocIfIndex(node: string, first: number): number {
    const n = this.nextIfIndex.get(node) ?? first;
    this.nextIfIndex.set(node, n + 1);
    return n;
  }

  /** The lowest netnsid not used by another pod's veth on this node (the kernel's idr allocation). */
  allocNetnsId(node: string): number {
    const used = new Set([...this.attachments.values()].filter((a) => a.node === node && !a.hostNetwork).map((a) => a.linkNetnsId));
    let id = 0;
    while (used.has(id)) id++;
    return id;
  }

  nextSeq(): number {
    return this.seq++;
  }

  /** Attached pods on a node (hostNetwork ones included if asked), in attach order. */
  podsOn(node: string, withHostNetwork = false): Attachment[] {
    return [...this.attachments.values()]
      .filter((a) => a.node === node && (withHostNetwork || !a.hostNetwork))
      .sort((a, b) => a.seq - b.seq);
  }

  /** The attached (non-hostNetwork) pod that has this IP, if any. */
  podByIp(ip: string): Attachment | undefined {
    for (const a of this.attachments.values()) if (!a.hostNetwork && a.ip === ip) return a;
    return undefined;
  }
}
