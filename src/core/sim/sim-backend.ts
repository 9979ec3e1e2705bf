// SimBackend: the Backend contract over a simulated world (the default backend; runs in Node and in the browser).
import type {
  Backend,
  ClusterView,
  Endpoint,
  Probe,
  ProbeClassifier,
  ProbeOutcome,
  ShellTarget,
  StartOptions,
  Target,
  Terminal,
} from '../backend.ts';
import { PodlabError } from '../errors.ts';
import type { ClusterSpec } from '../lesson/model.ts';
import { parseManifests } from './api/manifest.ts';
import type { Endpoints, KObject, LabelSelector, NodeObj, Pod, Service } from './api/types.ts';
import type { NetworkPolicy } from './net/policy/types.ts';
import { parseDuration } from '../duration.ts';
import type { ConnectResult, NetnsRef, World } from './contracts.ts';
import { createTerminal } from './proc/index.ts';
import { createWorld } from './world.ts';
import { PolicyIndex } from './net/policy/evaluate.ts';
import { withoutTraffic } from './net/flows.ts';
import { containsIp, parseCidr, parseIp } from './net/cidr.ts';
import { TerminalSet } from '../terminal-set.ts';

/** Simulated time that passes after each setup step unless the step says `after:`. */
export const DEFAULT_SETUP_AFTER = '1m';

/** What the view reads of a Deployment or ReplicaSet. */
type Workload = KObject & { spec?: { replicas?: number; selector?: LabelSelector }; status?: { readyReplicas?: number } };

const CONNECT_OUTCOME: Record<ConnectResult['outcome'], ProbeOutcome> = {
  connected: 'ok',
  refused: 'refused',
  timeout: 'timeout',
  unreachable: 'no-route',
  'no-endpoints': 'no-endpoints',
};

export class SimBackend implements Backend {
  readonly name = 'simulator';
  private worldRef?: World;
  private readonly terminals = new TerminalSet();

  /**
   * `startMs`: where the simulated clock starts (ms since the epoch); default the world's fixed instant. The API
   * facade (`podlab apiserver`) starts it so that the setup ends at wall time, for clients that read the real clock.
   */
  constructor(private readonly options: { startMs?: number } = {}) {}

  /** The simulated world (for tests, the picture, the API facade). Throws before start(). */
  get world(): World {
    if (!this.worldRef) throw new PodlabError('backend-unavailable', 'the simulator has not been started');
    return this.worldRef;
  }

  async start(cluster: ClusterSpec, options: StartOptions): Promise<void> {
    const world = createWorld(cluster, { seed: options.seed, startMs: this.options.startMs });
    for (const step of cluster.setup) {
      const { objects, diagnostics } = parseManifests(step.manifests, step.pos.file);
      const error = diagnostics.find((d) => d.severity === 'error');
      if (error) {
        const pos = { ...error.pos, line: error.pos.line + step.pos.line - 1 };
        throw new PodlabError('manifest-invalid', `setup: ${error.message}`, { pos });
      }
      for (const obj of objects) {
        const r = world.api.create(obj, { fieldManager: 'podlab-setup' });
        if (!r.ok) throw new PodlabError('manifest-invalid', `setup: ${r.status.message}`, { pos: step.pos });
      }
      world.control.settle();
      const after = parseDuration(step.after ?? DEFAULT_SETUP_AFTER);
      if (after === undefined) throw new PodlabError('lesson-invalid', `setup: bad duration "${step.after}"`, { pos: step.pos });
      world.control.advance(after);
    }
    this.worldRef = world;
  }

  async writeFile(path: string, content: string): Promise<void> {
    const ws = this.world.cluster.workstation;
    const full = path.startsWith('/') ? path : `${ws.cwd.replace(/\/$/, '')}/${path}`;
    this.world.fs({ kind: 'node', node: ws.node }).write(full, content);
  }

  async openTerminal(where: ShellTarget): Promise<Terminal> {
    const world = this.world;
    const ws = world.cluster.workstation;
    let terminal: Terminal;
    if (where.kind === 'workstation') {
      terminal = createTerminal(world, { kind: 'node', node: ws.node }, { cwd: ws.cwd, user: ws.user });
    } else if (where.kind === 'node') {
      if (!world.cluster.nodes.some((n) => n.name === where.node)) throw new PodlabError('backend-error', `no node named ${where.node}`);
      terminal = createTerminal(world, { kind: 'node', node: where.node }, {});
    } else {
      const namespace = where.namespace ?? 'default';
      const pod = world.store.peek<Pod>('Pod', namespace, where.pod);
      if (!pod) throw new PodlabError('backend-error', `pods "${where.pod}" not found`);
      const container = where.container ?? pod.spec.containers[0].name;
      const image = pod.spec.containers.find((c) => c.name === container)?.image ?? '';
      // As `kubectl exec -it POD -- bash` would, falling back to sh: a learner's shell, not the image's first.
      const shells = world.images.lookup(image)?.shells ?? [];
      const program = shells.includes('bash') ? 'bash' : shells.includes('sh') ? 'sh' : undefined;
      terminal = createTerminal(world, { kind: 'pod', namespace, pod: where.pod, container }, { program });
    }
    return this.terminals.track(terminal);
  }

  async probe(from: Endpoint, target: Target): Promise<Probe> {
    const world = this.world;
    const base = { from, target, hops: [] };
    const src = this.sourceNetns(from);
    if ('outcome' in src) return { ...base, ...src };
    const dst = withoutTraffic(world.store, () => this.resolveTarget(src.netns, from, target.host));
    if ('outcome' in dst) return { ...base, ...dst };
    if (target.protocol === 'icmp') {
      // The grader's questions are not traffic: no conntrack entries, nothing in a running capture.
      const r = withoutTraffic(world.store, () => world.net.ping(src.netns, dst.ip));
      const outcome: ProbeOutcome = r.outcome === 'reply' ? 'ok' : r.outcome === 'unreachable' ? 'no-route' : 'timeout';
      return {
        ...base,
        outcome,
        reason: r.reason,
        hops: r.hops,
        resolvedIp: dst.ip,
        ttl: r.ttl,
        ...(r.policy ? { reasonCodes: r.policy } : {}),
      };
    }
    const r = withoutTraffic(world.store, () =>
      world.net.connect(src.netns, dst.ip, target.port ?? 80, target.protocol === 'udp' ? 'UDP' : 'TCP'),
    );
    return {
      ...base,
      outcome: CONNECT_OUTCOME[r.outcome],
      reason: r.reason,
      hops: r.hops,
      resolvedIp: dst.ip,
      servedBy: r.peer ? `${netnsLabel(r.peer.netns)}:${r.peer.port}` : undefined,
      ...(r.policy ? { reasonCodes: r.policy } : {}),
    };
  }

  /**
   * Probe classes for the matrix: pod-to-pod probes (a target word naming a pod, resolved without DNS, as
   * resolveTarget does) are classed by what the walk and NetworkPolicy read of both pods: their network class
   * (Dataplane.networkClass), node, namespace and its labels, labels, container ports, which ipBlocks hold their
   * address (when any NetworkPolicy exists); a target also by protocol and port. Node sources are classed by node.
   * Everything else runs on its own. No class probe draws from kube-proxy's random stream (pod addresses are not
   * Service addresses), so skipping them leaves the probes that do run drawing exactly what they would pair by pair.
   */
  probeClasses(): ProbeClassifier {
    const world = this.world;
    // A pod's network class once, whether it is a source or a target (the text reads every node's routes).
    // Class texts are long (a namespace's devices and routes, ~2 KB): each distinct text gets a short number once,
    // and pod keys carry the number, not the text (escaped into JSON and hashed again for every pod key).
    const netClasses = new Map<string, number | undefined>();
    const netNumbers = new Map<string, number>();
    const classOf = (ref: { kind: 'pod'; namespace: string; pod: string }): number | undefined => {
      const id = `${ref.namespace}/${ref.pod}`;
      if (!netClasses.has(id)) {
        const text = world.net.networkClass(ref);
        let n: number | undefined;
        if (text !== undefined) {
          n = netNumbers.get(text);
          if (n === undefined) netNumbers.set(text, (n = netNumbers.size));
        }
        netClasses.set(id, n);
      }
      return netClasses.get(id);
    };
    const blocks = world.store
      .scan<NetworkPolicy>('NetworkPolicy')
      .flatMap((np) =>
        [...(np.spec.ingress ?? []).flatMap((r) => r.from ?? []), ...(np.spec.egress ?? []).flatMap((r) => r.to ?? [])].flatMap((peer) =>
          peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : [],
        ),
      );
    const cidrs = [...new Set(blocks)].map((c) => parseCidr(c));
    // Without any NetworkPolicy, labels, ports and ipBlocks decide nothing: the network class alone does.
    const policies = world.store.count('NetworkPolicy') > 0;
    // Each distinct pod key text gets a short number, and the class ids use those.
    const podClasses = new Map<string, number>();
    const podKeys = new Map<string, number | undefined>();
    // A pod's listeners matter only where a request is delivered: to a target (which ports answer), not to a source
    // (its probes to other pods are delivered elsewhere; a pod probing itself runs on its own). Only whether a port
    // answers decides an outcome, not which process listens.
    const podKey = (ns: string, name: string, target: boolean): number | undefined => {
      const id = `${target ? 't' : 's'} ${ns}/${name}`;
      if (podKeys.has(id)) return podKeys.get(id);
      const pod = world.store.peek<Pod>('Pod', ns, name);
      let key: number | undefined;
      const ip = pod?.status?.podIP;
      if (pod && ip && !pod.spec.hostNetwork && pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp) {
        const net = classOf({ kind: 'pod', namespace: ns, pod: name });
        const a = parseIp(ip);
        const inBlocks = cidrs.map((c) => (c && a !== undefined && containsIp(c, a) ? '1' : '0')).join('');
        const nsLabels = world.store.peek('Namespace', undefined, ns)?.metadata.labels ?? { 'kubernetes.io/metadata.name': ns };
        const ports = pod.spec.containers.map((c) => c.ports ?? []);
        if (net !== undefined) {
          const listens = target
            ? world.control.listeners({ kind: 'pod', namespace: ns, pod: name }).map((l) => `${l.port}/${l.protocol}`)
            : [];
          const text = JSON.stringify(
            policies ? [ns, nsLabels, pod.metadata.labels ?? {}, ports, inBlocks, listens, net] : [ns, listens, net],
          );
          key = podClasses.get(text);
          if (key === undefined) podClasses.set(text, (key = podClasses.size));
        }
      }
      podKeys.set(id, key);
      return key;
    };
    const sources = new Map<string, number>();
    const targets = new Map<string, number>();
    const numbered = (ids: Map<string, number>, text: string): number => {
      let id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      return id;
    };
    return {
      source: (from) => {
        if (from.kind === 'node')
          return world.cluster.nodes.some((n) => n.name === from.name)
            ? { id: numbered(sources, `node ${from.name}`), scope: 'default' }
            : undefined;
        const ns = from.namespace ?? 'default';
        const key = podKey(ns, from.name, false);
        return key === undefined ? undefined : { id: numbered(sources, `pod ${key}`), scope: ns, pod: `${ns}/${from.name}` };
      },
      target: (scope, to) => {
        if (/^\d{1,3}(\.\d{1,3}){3}$/.test(to.host) || to.host.startsWith('svc/')) return undefined;
        const word = to.host.startsWith('pod/') ? to.host.slice(4) : to.host;
        const [ns, name] = word.includes('/') ? word.split('/', 2) : [scope, word];
        const key = podKey(ns, name, true);
        return key === undefined ? undefined : { id: numbered(targets, `${key} ${to.protocol}/${to.port ?? 80}`), pod: `${ns}/${name}` };
      },
    };
  }

  /** The network namespace a probe starts in, or why it cannot start. */
  private sourceNetns(from: Endpoint): { netns: NetnsRef } | { outcome: ProbeOutcome; reason: string } {
    const world = this.world;
    if (from.kind === 'node') {
      if (!world.cluster.nodes.some((n) => n.name === from.name))
        return { outcome: 'no-source', reason: `there is no node named ${from.name}` };
      return { netns: { kind: 'node', node: from.name } };
    }
    const namespace = from.namespace ?? 'default';
    const pod = world.store.peek<Pod>('Pod', namespace, from.name);
    if (!pod) return { outcome: 'no-source', reason: `there is no pod ${namespace}/${from.name}` };
    if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) {
      const why = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Pending');
      return { outcome: 'source-not-running', reason: `pod ${namespace}/${from.name} is not running (${why})` };
    }
    if (pod.spec.hostNetwork && pod.spec.nodeName) return { netns: { kind: 'node', node: pod.spec.nodeName } };
    return { netns: { kind: 'pod', namespace, pod: from.name } };
  }

  /**
   * What a target word means, in this order: an IP; `pod/NAME` or a pod in the source's namespace (its IP);
   * a node name (its InternalIP); otherwise a DNS name resolved from the source, as a client there would.
   */
  private resolveTarget(netns: NetnsRef, from: Endpoint, host: string): { ip: string } | { outcome: ProbeOutcome; reason: string } {
    const world = this.world;
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return { ip: host };
    const fromNs = from.kind === 'pod' ? (from.namespace ?? 'default') : 'default';
    const explicitPod = host.startsWith('pod/') ? host.slice(4) : undefined;
    const podWord = explicitPod ?? (host.startsWith('svc/') ? undefined : host);
    if (podWord !== undefined) {
      const [ns, name] = podWord.includes('/') ? podWord.split('/', 2) : [fromNs, podWord];
      const pod = world.store.peek<Pod>('Pod', ns, name);
      if (pod) {
        const ip = pod.status?.podIP;
        if (!ip) return { outcome: 'timeout', reason: `pod ${ns}/${name} has no IP yet (${pod.status?.phase ?? 'Pending'})` };
        return { ip };
      }
      if (explicitPod !== undefined) return { outcome: 'nxdomain', reason: `there is no pod ${ns}/${name}` };
    }
    const node = world.cluster.nodes.find((n) => n.name === host);
    if (node) return { ip: node.ip };
    const name = host.startsWith('svc/') ? host.slice(4) : host;
    const answer = world.net.resolve(netns, name);
    if (!answer.ok) {
      const outcome: ProbeOutcome = answer.rcode === 'timeout' ? 'timeout' : 'nxdomain';
      return { outcome, reason: answer.reason };
    }
    return { ip: answer.addresses[0] };
  }

  async view(): Promise<ClusterView> {
    const world = this.world;
    // Read the stored objects in place (no copies); what the view keeps of them is copied.
    const nodes = world.store.scan<NodeObj>('Node').map((n) => ({
      name: n.metadata.name,
      role: n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker',
      ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      podCIDR: n.spec.podCIDR,
      ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    }));
    const policies = world.store.count('NetworkPolicy') ? new PolicyIndex(world.store) : undefined;
    const pods = world.store.scan<Pod>('Pod').map((p) => {
      const statuses = p.status?.containerStatuses ?? [];
      const sel = policies?.selectingPod(p);
      const name = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
      const isolation =
        sel && (sel.ingress.length || sel.egress.length)
          ? { isolation: { ingress: sel.ingress.map(name), egress: sel.egress.map(name) } }
          : {};
      return {
        namespace: p.metadata.namespace ?? 'default',
        name: p.metadata.name,
        node: p.spec.nodeName,
        ip: p.status?.podIP,
        phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Pending'),
        ready: `${statuses.filter((s) => s.ready).length}/${p.spec.containers.length}`,
        labels: { ...(p.metadata.labels ?? {}) },
        containers: p.spec.containers.map((c) => ({ name: c.name, image: c.image, ports: (c.ports ?? []).map((x) => x.containerPort) })),
        hostNetwork: p.spec.hostNetwork ?? false,
        ...isolation,
      };
    });
    const services = world.store.scan<Service>('Service').map((s) => {
      const ns = s.metadata.namespace ?? 'default';
      const ep = world.store.peek<Endpoints>('Endpoints', ns, s.metadata.name);
      const endpoints = (ep?.subsets ?? []).flatMap((sub) =>
        (sub.addresses ?? []).map((a) => (a.targetRef ? `${a.targetRef.namespace}/${a.targetRef.name}` : a.ip)),
      );
      return {
        namespace: ns,
        name: s.metadata.name,
        type: s.spec.type ?? 'ClusterIP',
        clusterIP: s.spec.clusterIP,
        ports: (s.spec.ports ?? []).map((p) => ({
          port: p.port,
          targetPort: String(p.targetPort ?? p.port),
          nodePort: p.nodePort,
          protocol: p.protocol ?? 'TCP',
        })),
        selector: { ...(s.spec.selector ?? {}) },
        endpoints: [...new Set(endpoints)],
      };
    });
    const workloads = (['Deployment', 'ReplicaSet'] as const).flatMap((kind) =>
      world.store.scan<Workload>(kind).map((w) => ({
        kind: kind === 'Deployment' ? ('deployment' as const) : ('replicaset' as const),
        namespace: w.metadata.namespace ?? 'default',
        name: w.metadata.name,
        selector: { ...(w.spec?.selector?.matchLabels ?? {}) },
        replicas: w.spec?.replicas ?? 1,
        readyReplicas: w.status?.readyReplicas ?? 0,
      })),
    );
    return { nodes, pods, services, workloads, version: world.store.version };
  }

  async stop(): Promise<void> {
    await this.terminals.disposeAll();
    this.worldRef = undefined;
  }
}

function netnsLabel(ns: NetnsRef): string {
  return ns.kind === 'node' ? `node/${ns.node}` : `pod/${ns.namespace}/${ns.pod}`;
}
