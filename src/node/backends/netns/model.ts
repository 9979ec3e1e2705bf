// The one file of the netns backend that reads the simulator: everything else in this folder sees only the plain
// data below (NetModel), so a change of import paths in src/core touches this file alone.
//
// The data is what the simulator's own `ip addr` and `ip route` print from: Dataplane.interfaces() and
// Dataplane.routes() (src/core/sim/proc/tools/net/ip reads the same two calls), plus who listens where
// (ControlPlane.listeners, what the packet walk consults) and the lesson's faults.
import { readFileSync } from 'node:fs';
import { Kernel, parseLesson, type ClusterSpec, type Lesson } from '../../../core/index.ts';
import {
  formatRoute,
  kubeProxyTables,
  matchesSelector,
  type KObject,
  type LabelSelector,
  saveTable,
  SimBackend,
  type Interface,
  type Listener,
  type NetnsRef,
  type Pod,
  type Route,
  type Service,
  type World,
} from '../../../core/sim/index.ts';

export type { Interface, LabelSelector, Listener, NetnsRef, Route };
export { SimBackend };
export { formatRoute, matchesSelector };

/** One namespace of the model: a node's host namespace or a pod's. */
export interface NsModel {
  kind: 'node' | 'pod';
  ref: NetnsRef;
  /** "node/henry002", "pod/default/mypod" (the simulator's hop names). */
  id: string;
  /** The node it lives on. */
  node: string;
  /** The primary address (pod IP, node InternalIP). */
  ip: string;
  interfaces: Interface[];
  /** The main table as `ip route` prints it (faults applied). */
  routes: Route[];
  /** Sockets listening there (for a node: its host processes and its hostNetwork pods). */
  listeners: Listener[];
  /** A node-down fault names the node. */
  down: boolean;
  /**
   * For a node: kube-proxy's rules as the simulator's `iptables-save` prints them on that node (filter, then nat),
   * without its "# Generated/Completed" lines (they carry the time; iptables-restore skips them anyway).
   */
  iptables?: string;
  /** For a pod: its labels and its containers' ports (NetworkPolicy selects by label and names ports). */
  labels?: Record<string, string>;
  containerPorts?: { name?: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[];
}

/** A NetworkPolicy as stored (networking.k8s.io/v1): the renderer reads its spec as the API defines it. */
export interface PolicyModel {
  namespace: string;
  name: string;
  spec: {
    podSelector?: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { ports?: PolicyPortModel[]; from?: PolicyPeerModel[] }[];
    egress?: { ports?: PolicyPortModel[]; to?: PolicyPeerModel[] }[];
  };
}

export interface PolicyPortModel {
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port?: number | string;
  endPort?: number;
}

export interface PolicyPeerModel {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** A Service port as kube-proxy serves it: on the ClusterIP and, for NodePort/LoadBalancer, on every node's address. */
export interface ServicePortModel {
  name?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  nodePort?: number;
}

export interface ServiceModel {
  /** "svc/default/web". */
  id: string;
  /** Undefined for a headless or ExternalName Service (kube-proxy writes no rule for it). */
  clusterIP?: string;
  ports: ServicePortModel[];
}

export interface NetModel {
  cni: 'calico' | 'flannel' | 'kindnet';
  /** The cluster's pod network (Calico's IP pool): pod traffic leaving it by a node's eth0 is masqueraded. */
  podCIDR: string;
  /** The node subnet ("10.0.0.0/24") and its router, every node's default gateway. */
  nodeCIDR: string;
  gateway: string;
  nodes: NsModel[];
  pods: NsModel[];
  services: ServiceModel[];
  /** NetworkPolicies, and the namespaces' labels their namespaceSelectors read. */
  policies: PolicyModel[];
  namespaces: { name: string; labels: Record<string, string> }[];
  /** AdminNetworkPolicy and BaselineAdminNetworkPolicy objects present (not rendered into the namespaces). */
  adminPolicies: number;
}

/** What the simulator says about one probe. */
export interface SimProbe {
  /** 'reply' | 'timeout' | 'unreachable' for ping; 'connected' | 'refused' | 'timeout' | 'unreachable' | 'no-endpoints' for TCP. */
  outcome: string;
  ttl?: number;
  reason: string;
  hops: { at: string; action: string }[];
  /** NetworkPolicy dropped it: the namespaces carry no policy rules yet, so such a probe is not compared. */
  policyDrop?: boolean;
}

/** The model plus the simulator's own probes on it: the two sides of the differential test. */
export interface SimNetwork {
  model: NetModel;
  ping(from: NetnsRef, ip: string): SimProbe;
  connect(from: NetnsRef, ip: string, port: number, protocol: 'TCP' | 'UDP'): SimProbe;
}

function refId(ref: NetnsRef): string {
  return ref.kind === 'node' ? `node/${ref.node}` : `pod/${ref.namespace}/${ref.pod}`;
}

function dedupe(listeners: Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((l) => {
    const k = `${l.protocol}/${l.port}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** kube-proxy's rules on a node: the text `iptables-save` prints there, without its timestamped comment lines. */
export function iptablesSaveText(world: World, node: string): string {
  const { filter, nat } = kubeProxyTables(world.store, world.cluster.podCIDR, node);
  return [filter, nat]
    .map((t) => saveTable(t, ''))
    .join('')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

function readServices(world: World): ServiceModel[] {
  return world.store.list<Service>('Service').map((svc) => {
    const ip = svc.spec.clusterIP;
    const nodePorts = svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
    return {
      id: `svc/${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`,
      clusterIP: ip && ip !== 'None' && svc.spec.type !== 'ExternalName' ? ip : undefined,
      ports: (svc.spec.ports ?? []).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        protocol: p.protocol ?? 'TCP',
        port: p.port,
        ...(nodePorts && p.nodePort ? { nodePort: p.nodePort } : {}),
      })),
    };
  });
}

/** Read a world's network as plain data. */
export function readModel(world: World): NetModel {
  const pods = world.store.list<Pod>('Pod');
  const running = pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && p.spec.nodeName);
  const nodes: NsModel[] = world.cluster.nodes.map((n) => {
    const ref: NetnsRef = { kind: 'node', node: n.name };
    const hostPods = running.filter((p) => p.spec.hostNetwork && p.spec.nodeName === n.name);
    const listeners = dedupe([
      ...world.control.listeners(ref),
      ...hostPods.flatMap((p) =>
        world.control.listeners({ kind: 'pod', namespace: p.metadata.namespace ?? 'default', pod: p.metadata.name }),
      ),
    ]);
    return {
      kind: 'node',
      ref,
      id: refId(ref),
      node: n.name,
      ip: n.ip,
      interfaces: world.net.interfaces(ref),
      routes: world.net.routes(ref),
      listeners,
      down: world.cluster.faults.some((f) => f.kind === 'node-down' && f.node === n.name),
      iptables: iptablesSaveText(world, n.name),
    };
  });
  const podModels: NsModel[] = [];
  // Every pod with a network namespace, whatever its phase: a Terminating or Failed pod keeps its veth until CNI DEL.
  for (const p of pods) {
    if (!p.spec.nodeName) continue;
    if (p.spec.hostNetwork) continue;
    const ref: NetnsRef = { kind: 'pod', namespace: p.metadata.namespace ?? 'default', pod: p.metadata.name };
    const interfaces = world.net.interfaces(ref);
    const ip = world.net.addressOf(ref);
    if (interfaces.length === 0 || !ip) continue;
    const node = p.spec.nodeName ?? '';
    podModels.push({
      kind: 'pod',
      ref,
      id: refId(ref),
      node,
      ip,
      interfaces,
      routes: world.net.routes(ref),
      listeners: dedupe(world.control.listeners(ref)),
      down: nodes.find((n) => n.node === node)?.down ?? false,
      labels: p.metadata.labels ?? {},
      containerPorts: p.spec.containers.flatMap((c) =>
        (c.ports ?? []).map((x) => ({ ...(x.name ? { name: x.name } : {}), port: x.containerPort, protocol: x.protocol ?? 'TCP' })),
      ),
    });
  }
  const gateway = nodes[0]?.routes.find((r) => r.dst === 'default')?.via ?? '';
  return {
    cni: world.cluster.cni,
    podCIDR: world.cluster.podCIDR,
    nodeCIDR: world.cluster.nodeCIDR,
    gateway,
    nodes,
    pods: podModels,
    services: readServices(world),
    policies: world.store.list<KObject & { spec: PolicyModel['spec'] }>('NetworkPolicy').map((np) => ({
      namespace: np.metadata.namespace ?? 'default',
      name: np.metadata.name,
      spec: np.spec ?? {},
    })),
    namespaces: world.store.list<KObject>('Namespace').map((n) => ({
      name: n.metadata.name,
      labels: n.metadata.labels ?? { 'kubernetes.io/metadata.name': n.metadata.name },
    })),
    adminPolicies: world.store.list('AdminNetworkPolicy').length + world.store.list('BaselineAdminNetworkPolicy').length,
  };
}

function policyDropped(codes: { code: string }[] | undefined): boolean {
  return codes?.some((c) => c.code.startsWith('policy-denied')) ?? false;
}

/** The simulator's side of a world: its model and its probes. */
export function simNetwork(world: World): SimNetwork {
  return {
    model: readModel(world),
    ping(from, ip) {
      const r = world.net.ping(from, ip);
      return { outcome: r.outcome, ttl: r.ttl, reason: r.reason, hops: r.hops, policyDrop: policyDropped(r.policy) };
    },
    connect(from, ip, port, protocol) {
      const r = world.net.connect(from, ip, port, protocol);
      return { outcome: r.outcome, reason: r.reason, hops: r.hops, policyDrop: policyDropped(r.policy) };
    },
  };
}

/** Parse a lesson file; throws with the first error diagnostic (file:line). */
export function loadLesson(file: string): Lesson {
  const lesson = parseLesson(readFileSync(file, 'utf8'), file);
  const error = lesson.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new Error(`${file}:${error.pos.line}: ${error.message}`);
  return lesson;
}

/**
 * Run a lesson on the simulator (every cell, as `podlab run` would) and return its network as it is at the end;
 * with `setupOnly`, as it is right after the lesson's setup.
 */
export async function simulateLesson(lesson: Lesson, options: { setupOnly?: boolean } = {}): Promise<SimNetwork> {
  const backend = new SimBackend();
  if (options.setupOnly) {
    await backend.start(lesson.cluster, { seed: lesson.seed, lessonId: lesson.id });
    return simNetwork(backend.world);
  }
  const kernel = new Kernel(lesson, backend);
  await kernel.runAll();
  return simNetwork(backend.world);
}

/** A simulated world for a cluster spec (for a cluster built without a lesson). */
export async function simulateCluster(cluster: ClusterSpec, seed = 1): Promise<SimNetwork> {
  const backend = new SimBackend();
  await backend.start(cluster, { seed, lessonId: 'netns' });
  return simNetwork(backend.world);
}

/** The model id of the namespace a probe from this pod or node starts in (a hostNetwork pod's is its node's). */
export function sourceId(world: World, from: { kind: 'pod' | 'node'; name: string; namespace?: string }): string {
  if (from.kind === 'node') return `node/${from.name}`;
  const namespace = from.namespace ?? 'default';
  const pod = world.store.peek<Pod>('Pod', namespace, from.name);
  return pod?.spec.hostNetwork && pod.spec.nodeName ? `node/${pod.spec.nodeName}` : `pod/${namespace}/${from.name}`;
}
