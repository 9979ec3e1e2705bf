// The network at one instant: every namespace (pods, node hosts, the node subnet's router) with devices and routes.
import type { NetnsRef, ResolvedCluster, Route } from '../contracts.ts';
import { addressPart, formatCidr, formatIp, parseCidr, type Cidr } from './cidr.ts';
import { loopback } from './cni/devices.ts';
import type { CniDriver, NetIf, NodeContext } from './cni/index.ts';
import { applyRouteFaults, isNodeDown } from './faults.ts';
import { gatewayOf } from './node-addresses.ts';
import { sortRoutes } from './routing.ts';
import { podKey, type Attachment, type NetState } from './state.ts';

/** A network namespace as the packet walk sees it. */
export interface Netns {
  /** "pod/default/web", "node/worker-1", "router/10.0.0.1": the Hop `at` text. */
  id: string;
  /** For sentences: "pod default/web", "node worker-1", "the router 10.0.0.1". */
  label: string;
  kind: 'pod' | 'node' | 'router';
  ref?: NetnsRef;
  /** The machine the namespace lives on. */
  node?: string;
  attachment?: Attachment;
  interfaces: NetIf[];
  /** The main table, faults applied, in `ip route` order. */
  routes: Route[];
  /** ip_forward: nodes and the router route packets on; pods do not. */
  forwards: boolean;
  /** A node-down fault: the namespace drops everything. */
  down: boolean;
}

const EMPTY: Cidr = { network: 0, prefix: 32 };

export class Fabric {
  readonly nodeNet: Cidr;
  readonly gateway: string;
  /** The cluster's pod CIDR (Calico IP pool), parsed once: the walk asks whether addresses are in it. */
  readonly podNet: Cidr | undefined;
  private readonly cache = new Map<string, Netns>();
  /** Every node with its block and attached pods; each node's peers are all the others. */
  private everyNode?: NodeContext['peers'];
  /** Which node owns each address on its devices (the first in cluster order), built on first use. */
  private addressOwners?: Map<string, string>;

  constructor(
    readonly cluster: ResolvedCluster,
    readonly state: NetState,
    readonly driver: CniDriver,
  ) {
    this.nodeNet = parseCidr(cluster.nodeCIDR) ?? EMPTY;
    this.gateway = formatIp(gatewayOf(this.nodeNet));
    this.podNet = parseCidr(cluster.podCIDR);
  }

  /** What a driver needs to build a node; undefined for an unknown node. */
  nodeContext(name: string): NodeContext | undefined {
    const node = this.cluster.nodes.find((n) => n.name === name);
    if (!node) return undefined;
    this.everyNode ??= this.cluster.nodes.map((n) => ({ node: n, block: parseCidr(n.podCIDR) ?? EMPTY, pods: this.state.podsOn(n.name) }));
    const peers = this.everyNode.filter((p) => p.node.name !== name);
    return {
      cluster: this.cluster,
      node,
      nodeNet: this.nodeNet,
      gateway: this.gateway,
      block: parseCidr(node.podCIDR) ?? EMPTY,
      pods: this.state.podsOn(name),
      peers,
      bridgeUp: this.state.bridges.has(name),
    };
  }

  node(name: string): Netns | undefined {
    return this.memo(`node/${name}`, () => {
      const ctx = this.nodeContext(name);
      if (!ctx) return undefined;
      return {
        id: `node/${name}`,
        label: `node ${name}`,
        kind: 'node',
        ref: { kind: 'node', node: name },
        node: name,
        interfaces: this.driver.nodeInterfaces(ctx),
        routes: sortRoutes(applyRouteFaults(this.driver.nodeRoutes(ctx), this.cluster, name)),
        forwards: true,
        down: isNodeDown(this.cluster, name),
      };
    });
  }

  /** A pod's namespace (its node's for hostNetwork pods); undefined if the pod has none (no sandbox). */
  pod(namespace: string, name: string): Netns | undefined {
    const a = this.state.attachments.get(podKey(namespace, name));
    if (!a) return undefined;
    if (a.hostNetwork) return this.node(a.node);
    return this.memo(`pod/${namespace}/${name}`, () => {
      const ctx = this.nodeContext(a.node);
      if (!ctx) return undefined;
      return {
        id: `pod/${namespace}/${name}`,
        label: `pod ${namespace}/${name}`,
        kind: 'pod',
        ref: { kind: 'pod', namespace, pod: name },
        node: a.node,
        attachment: a,
        interfaces: this.driver.podInterfaces(a, ctx),
        routes: sortRoutes(this.driver.podRoutes(a, ctx)),
        forwards: false,
        down: isNodeDown(this.cluster, a.node),
      };
    });
  }

  resolve(ref: NetnsRef): Netns | undefined {
    return ref.kind === 'node' ? this.node(ref.node) : this.pod(ref.namespace, ref.pod);
  }

  /** The node subnet's router: default gateway of every node, DNS resolver of node hosts, the way off-cluster. */
  router(): Netns {
    return this.memo(`router/${this.gateway}`, () => ({
      id: `router/${this.gateway}`,
      label: `the router ${this.gateway}`,
      kind: 'router',
      interfaces: [
        loopback(),
        {
          name: 'eth0',
          index: 2,
          mac: '',
          mtu: 1500,
          addresses: [`${this.gateway}/${this.nodeNet.prefix}`],
          state: 'UP',
          type: 'ether',
          flags: [],
          link: { kind: 'lan' },
        },
        { name: 'wan0', index: 3, mac: '', mtu: 1500, addresses: [], state: 'UP', type: 'ether', flags: [], link: { kind: 'uplink' } },
      ],
      routes: [
        { dst: 'default', dev: 'wan0' },
        { dst: formatCidr(this.nodeNet), dev: 'eth0', proto: 'kernel', scope: 'link', src: this.gateway },
      ],
      forwards: true,
      down: false,
    }))!;
  }

  /** The node that has this address on one of its devices (eth0, tunl0, flannel.1, cni0 ...). */
  nodeWithAddress(ip: string): Netns | undefined {
    if (!this.addressOwners) {
      this.addressOwners = new Map();
      for (const n of this.cluster.nodes) {
        for (const i of this.node(n.name)?.interfaces ?? []) {
          for (const a of i.addresses) if (!this.addressOwners.has(addressPart(a))) this.addressOwners.set(addressPart(a), n.name);
        }
      }
    }
    const owner = this.addressOwners.get(ip);
    return owner === undefined ? undefined : this.node(owner);
  }

  /** The attached pod on `node` that has this IP. */
  podOnNode(node: string, ip: string): Netns | undefined {
    const a = this.state.podByIp(ip);
    return a && a.node === node ? this.pod(a.namespace, a.pod) : undefined;
  }

  private memo(key: string, build: () => Netns | undefined): Netns | undefined {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const ns = build();
    if (ns) this.cache.set(key, ns);
    return ns;
  }
}

/** Each device list's addresses, collected once: a namespace's devices do not change once built, and every hop asks. */
const addressSets = new WeakMap<NetIf[], Set<string>>();

/** True if one of the namespace's devices has this address. */
export function hasAddress(ns: Netns, ip: string): boolean {
  let set = addressSets.get(ns.interfaces);
  if (!set) addressSets.set(ns.interfaces, (set = new Set(ns.interfaces.flatMap((i) => i.addresses.map(addressPart)))));
  return set.has(ip);
}

/** True if a packet to `ip` is for this namespace: one of its addresses, or loopback for its own processes. */
export function isLocal(ns: Netns, ip: string, originating: boolean): boolean {
  return hasAddress(ns, ip) || (originating && ip.startsWith('127.'));
}

/** The primary address of a namespace: a pod's IP, a node's InternalIP. */
export function primaryAddress(ns: Netns): string | undefined {
  if (ns.attachment) return ns.attachment.ip;
  const eth0 = ns.interfaces.find((i) => i.name === 'eth0');
  return eth0 && eth0.addresses.length > 0 ? addressPart(eth0.addresses[0]) : undefined;
}
