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

/**
 * Mutable state; everything else the dataplane shows is computed from it, the cluster and the store.
 * Indexed by node and by address, and versioned so derived views (the Fabric) know when to rebuild.
 */
export class NetState {
  private readonly byKey = new Map<string, Attachment>();
  /** Per node, its attachments in attach order (a re-attach is removed first, so insertion order is seq order). */
  private readonly byNode = new Map<string, Map<string, Attachment>>();
  /** Non-hostNetwork attachments per address, in attach order (one each, unless an author pinned a clash). */
  private readonly byIp = new Map<string, Attachment[]>();
  /** flannel: nodes whose cni0 bridge exists (the bridge plugin creates it on the first pod and never removes it). */
  private readonly bridgeSet = new Set<string>();
  private readonly nextIfIndex = new Map<string, number>();
  private seq = 0;
  private changes = 0;

  /** Bumped by every change to attachments or bridges. */
  get version(): number {
    return this.changes;
  }

  get attachments(): ReadonlyMap<string, Attachment> {
    return this.byKey;
  }

  get bridges(): ReadonlySet<string> {
    return this.bridgeSet;
  }

  /** Record a pod's attachment (its key must not be attached: detach first). */
  add(a: Attachment): void {
    const key = podKey(a.namespace, a.pod);
    this.byKey.set(key, a);
    let onNode = this.byNode.get(a.node);
    if (!onNode) this.byNode.set(a.node, (onNode = new Map()));
    onNode.set(key, a);
    if (!a.hostNetwork) {
      const same = this.byIp.get(a.ip);
      if (same) same.push(a);
      else this.byIp.set(a.ip, [a]);
    }
    this.changes++;
  }

  /** Forget a pod's attachment; returns it. */
  remove(key: string): Attachment | undefined {
    const a = this.byKey.get(key);
    if (!a) return undefined;
    this.byKey.delete(key);
    this.byNode.get(a.node)?.delete(key);
    const same = this.byIp.get(a.ip);
    if (same) {
      const rest = same.filter((x) => x !== a);
      if (rest.length) this.byIp.set(a.ip, rest);
      else this.byIp.delete(a.ip);
    }
    this.changes++;
    return a;
  }

  addBridge(node: string): void {
    if (this.bridgeSet.has(node)) return;
    this.bridgeSet.add(node);
    this.changes++;
  }

  /** A fresh ifindex on a node: the kernel never reuses one while the machine runs. */
  allocIfIndex(node: string, first: number): number {
    const n = this.nextIfIndex.get(node) ?? first;
    this.nextIfIndex.set(node, n + 1);
    return n;
  }

  /** The lowest netnsid not used by another pod's veth on this node (the kernel's idr allocation). */
  allocNetnsId(node: string): number {
    const used = new Set(this.podsOn(node).map((a) => a.linkNetnsId));
    let id = 0;
    while (used.has(id)) id++;
    return id;
  }

  nextSeq(): number {
    return this.seq++;
  }

  /** Attached pods on a node (hostNetwork ones included if asked), in attach order. */
  podsOn(node: string, withHostNetwork = false): Attachment[] {
    const out: Attachment[] = [];
    for (const a of this.byNode.get(node)?.values() ?? []) if (withHostNetwork || !a.hostNetwork) out.push(a);
    return out;
  }

  /** The attached (non-hostNetwork) pod that has this IP, if any. */
  podByIp(ip: string): Attachment | undefined {
    return this.byIp.get(ip)?.[0];
  }
}
