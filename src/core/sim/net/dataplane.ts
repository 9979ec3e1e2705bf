// createDataplane: the network of one world, wiring IPAM, the CNI driver, kube-proxy, CoreDNS and the packet walk.
import { PodlabError } from '../../errors.ts';
import type { Pod } from '../api/types.ts';
import type {
  ConnectResult,
  Dataplane,
  DnsAnswer,
  Interface,
  NetnsRef,
  PingOptions,
  PingResult,
  ResolveOptions,
  Route,
  TraceAnswer,
  TraceProbe,
  World,
} from '../contracts.ts';
import type { Rng } from '../rng.ts';
import { Attacher, type AttachResult } from './attach.ts';
import { CNI_DRIVERS, type CniDriver } from './cni/index.ts';
import { hostAliases, nodeHosts, podHosts, type HostsEntry } from './dns/hosts.ts';
import { resolveName, type ResolveEnv } from './dns/resolve.ts';
import { nodeResolvConf, podResolvConf, type ResolvConf } from './dns/resolv-conf.ts';
import { Fabric, primaryAddress } from './fabric.ts';
import { attachFlows } from './flows.ts';
import { PodIpam } from './ipam/pod-ipam.ts';
import { connect, ping, trace } from './probe.ts';
import { networkClass } from './net-class.ts';
import { POLICY_ENGINES, PolicyGate } from './policy/enforcement.ts';
import { NetState, podKey } from './state.ts';
import { NeighTable, type NeighEntry } from './neigh-table.ts';

/** The Dataplane plus what the simulator's own parts may also use (hosts files for /etc/hosts). */
export interface SimDataplane extends Dataplane {
  tryAttachPod(pod: Pod, node: string): AttachResult;
  /** The namespace's /etc/hosts entries, in file order (IPv6 lines included). */
  hosts(ns: NetnsRef): HostsEntry[];
}

class SimNet implements SimDataplane {
  private readonly state = new NetState();
  private readonly driver: CniDriver;
  private readonly attacher: Attacher;
  private readonly kubeProxyRng: Rng;
  private readonly rttRng: Rng;
  private readonly policy: PolicyGate;
  private readonly neigh = new NeighTable();

  constructor(private readonly world: World) {
    this.driver = CNI_DRIVERS[world.cluster.cni];
    this.attacher = new Attacher(world.cluster, this.state, new PodIpam(world.cluster), this.driver);
    this.kubeProxyRng = world.rng.fork('kube-proxy');
    this.rttRng = world.rng.fork('net-rtt');
    attachFlows(world.store, world.rng.fork('ephemeral-ports'), () => world.clock.now());
    // A node's source address may be its tunnel's (Calico IPIP: tunl0), not its InternalIP.
    const nodeByIp = (ip: string): string | undefined => this.fabric().nodeWithAddress(ip)?.node;
    this.policy = new PolicyGate(POLICY_ENGINES[world.cluster.cni], world.store, this.state, nodeByIp);
    // CNI DEL happens when the sandbox goes; if a pod object disappears first, its address must not leak.
    world.store.observe(
      (e) => {
        if (e.type === 'DELETED') this.detachPod(e.object.metadata.namespace ?? 'default', e.object.metadata.name);
      },
      ['Pod'],
    );
  }

  /** A hostNetwork pod lives in its node's namespace, whether or not the control plane did a CNI ADD for it. */
  private netnsOf(ref: NetnsRef): NetnsRef {
    if (ref.kind !== 'pod' || this.state.attachments.has(podKey(ref.namespace, ref.pod))) return ref;
    const pod = this.world.store.peek<Pod>('Pod', ref.namespace, ref.pod);
    return pod?.spec.hostNetwork && pod.spec.nodeName ? { kind: 'node', node: pod.spec.nodeName } : ref;
  }

  private built?: { fabric: Fabric; version: number };

  /** The network as it is now: built lazily, kept until a pod is attached or detached (probes reuse it). */
  private fabric(): Fabric {
    if (this.built?.version !== this.state.version)
      this.built = { fabric: new Fabric(this.world.cluster, this.state, this.driver), version: this.state.version };
    return this.built.fabric;
  }

  private env(): ResolveEnv {
    return {
      fabric: this.fabric(),
      store: this.world.store,
      rng: this.kubeProxyRng,
      control: this.world.control,
      serviceCIDR: this.world.cluster.serviceCIDR,
      rttRng: this.rttRng,
      domain: this.world.cluster.domain,
      policy: this.policy,
      now: () => this.world.clock.now(),
      onWalk: (w) => this.neigh.record(this.fabric(), w, this.world.clock.now()),
    };
  }

  /** Packets and bytes a namespace's device sent and received (`ip -s link`). */
  deviceCounters(ns: NetnsRef, dev: string): { rxBytes: number; rxPackets: number; txBytes: number; txPackets: number } {
    const n = this.fabric().resolve(this.netnsOf(ns));
    return n ? this.neigh.deviceCounters(n, dev) : { rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0 };
  }

  /** The namespace's neighbour (ARP) table now (`ip neigh`). */
  neighbours(ns: NetnsRef): NeighEntry[] {
    const n = this.fabric().resolve(this.netnsOf(ns));
    return n ? this.neigh.entries(this.fabric(), this.world.store, n, this.world.clock.now()) : [];
  }

  networkClass(ns: NetnsRef): string | undefined {
    if (ns.kind !== 'pod' || !this.state.attachments.has(podKey(ns.namespace, ns.pod))) return undefined;
    return networkClass(this.fabric(), ns);
  }

  tryAttachPod(pod: Pod, node: string): AttachResult {
    return this.attacher.attach(pod, node);
  }

  attachPod(pod: Pod, node: string): string {
    const r = this.attacher.attach(pod, node);
    if (!r.ok) throw new PodlabError('backend-error', r.message);
    return r.ip;
  }

  detachPod(namespace: string, name: string): void {
    this.attacher.detach(namespace, name);
  }

  interfaces(ns: NetnsRef): Interface[] {
    return (this.fabric().resolve(this.netnsOf(ns))?.interfaces ?? []).map(({ link: _link, ...i }) => i);
  }

  routes(ns: NetnsRef): Route[] {
    return (this.fabric().resolve(this.netnsOf(ns))?.routes ?? []).map((r) => ({ ...r }));
  }

  resolvConf(ns: NetnsRef): ResolvConf {
    const gw = this.fabric().gateway;
    if (ns.kind === 'node') return nodeResolvConf(gw);
    const pod = this.world.store.peek<Pod>('Pod', ns.namespace, ns.pod);
    const fallback: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: ns.pod, namespace: ns.namespace }, spec: { containers: [] } };
    return podResolvConf(this.world.cluster, pod ?? fallback, gw);
  }

  hosts(ns: NetnsRef): HostsEntry[] {
    if (ns.kind === 'pod') {
      const pod = this.world.store.peek<Pod>('Pod', ns.namespace, ns.pod);
      const ip = this.addressOf(ns);
      if (pod && !pod.spec.hostNetwork && ip) return podHosts(this.world.cluster, pod, ip);
      // A hostNetwork pod gets a copy of its node's file, plus its aliases.
      if (pod) return [...nodeHosts(this.world.cluster), ...hostAliases(pod)];
    }
    return nodeHosts(this.world.cluster);
  }

  resolve(from: NetnsRef, name: string, options?: ResolveOptions): DnsAnswer {
    const env = this.env();
    const source = env.fabric.resolve(this.netnsOf(from));
    const conf = this.resolvConf(from);
    if (!source) {
      const who = from.kind === 'node' ? `node ${from.node}` : `pod ${from.namespace}/${from.pod}`;
      return {
        ok: false,
        query: name,
        rcode: 'timeout',
        server: conf.nameservers[0] ?? '',
        reason: `${who} has no network namespace: it does not exist or is not running`,
      };
    }
    return resolveName(env, source, name, conf, this.hosts(from), options);
  }

  connect(from: NetnsRef, ip: string, port: number, protocol: 'TCP' | 'UDP'): ConnectResult {
    return connect(this.env(), this.netnsOf(from), ip, port, protocol);
  }

  ping(from: NetnsRef, ip: string, options?: PingOptions): PingResult {
    return ping(this.env(), this.netnsOf(from), ip, options);
  }

  trace(from: NetnsRef, ip: string, probe: TraceProbe): TraceAnswer {
    return trace(this.env(), this.netnsOf(from), ip, probe);
  }

  addressOf(ns: NetnsRef): string | undefined {
    const n = this.fabric().resolve(this.netnsOf(ns));
    return n ? primaryAddress(n) : undefined;
  }
}

/** Create the dataplane of a world. Called once by createWorld, before the API layer and the control plane. */
export function createDataplane(world: World): SimDataplane {
  return new SimNet(world);
}
