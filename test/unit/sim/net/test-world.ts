// A small world for network tests: a real Store and the real dataplane, with a fake control plane whose listeners
// the test sets, and a tiny endpoints "controller" (selector → ready pods with IPs) so Services work without sim/control.
import type { ClusterSpec, FaultSpec, NodeSpec, PinSpec } from '../../../../src/core/lesson/model.ts';
import type { Api } from '../../../../src/core/sim/api/api.ts';
import { Store } from '../../../../src/core/sim/api/store.ts';
import type { Endpoints, Pod, Service, ServicePort } from '../../../../src/core/sim/api/types.ts';
import { Clock } from '../../../../src/core/sim/clock.ts';
import type {
  ControlPlane,
  FileSystem,
  ImageCatalog,
  Listener,
  NetnsRef,
  ResolvedCluster,
  World,
} from '../../../../src/core/sim/contracts.ts';
import { clusterDnsIp, createDataplane, resolveCluster, type SimDataplane } from '../../../../src/core/sim/net/index.ts';
import { Rng } from '../../../../src/core/sim/rng.ts';
import { NO_CONTAINER_LOGS } from '../test-world-parts.ts';

export interface TestSpec {
  cni: ClusterSpec['cni'];
  /** Node specs, or a count of workers after one control-plane node (names cp, w1, w2 ...). */
  nodes?: NodeSpec[] | number;
  pins?: PinSpec[];
  faults?: FaultSpec[];
  podCIDR?: string;
  serviceCIDR?: string;
  nodeCIDR?: string;
  seed?: number;
}

export interface PodOptions {
  node: string;
  namespace?: string;
  labels?: Record<string, string>;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  annotations?: Record<string, string>;
  dnsPolicy?: string;
  /** TCP ports its process listens on (or full listeners). */
  listen?: (number | Listener)[];
  /** Container ports (for named targetPorts). */
  ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[];
}

function nodesOf(spec: TestSpec): NodeSpec[] {
  if (Array.isArray(spec.nodes)) return spec.nodes;
  const workers = spec.nodes ?? 2;
  return [
    { name: 'cp', role: 'control-plane' },
    ...Array.from({ length: workers }, (_, i) => ({ name: `w${i + 1}`, role: 'worker' as const })),
  ];
}

function throwing<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: () => {
      throw new Error(`${what} is not part of the network test world`);
    },
  });
}

export class TestWorld implements World {
  readonly store = new Store();
  readonly clock = new Clock();
  readonly rng: Rng;
  readonly cluster: ResolvedCluster;
  readonly api: Api = throwing<Api>('api');
  readonly images: ImageCatalog = throwing<ImageCatalog>('images');
  readonly control: ControlPlane;
  readonly net: SimDataplane;
  private readonly sockets = new Map<string, Listener[]>();

  constructor(spec: TestSpec) {
    this.rng = new Rng(spec.seed ?? 1);
    const nodes = nodesOf(spec);
    const cluster: ClusterSpec = {
      cni: spec.cni,
      podCIDR: spec.podCIDR,
      serviceCIDR: spec.serviceCIDR,
      nodeCIDR: spec.nodeCIDR,
      nodes,
      workstation: { node: nodes[0].name, cwd: '/root', user: 'root' },
      pins: spec.pins ?? [],
      faults: spec.faults ?? [],
      setup: [],
    };
    this.cluster = resolveCluster(cluster, this.rng.fork('topology'));
    const sockets = this.sockets;
    this.control = {
      settle: () => undefined,
      advance: () => undefined,
      running: () => undefined,
      listeners: (ns: NetnsRef) => sockets.get(refKey(ns)) ?? [],
      ...NO_CONTAINER_LOGS,
    };
    this.net = createDataplane(this);
    for (const ns of ['default', 'kube-system']) this.namespace(ns);
  }

  fs(): FileSystem {
    throw new Error('fs is not part of the network test world');
  }

  namespace(name: string): void {
    if (!this.store.has('Namespace', undefined, name)) this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** Set what listens in a namespace. */
  listen(ns: NetnsRef, listeners: (number | Listener)[]): void {
    this.sockets.set(
      refKey(ns),
      listeners.map((l) => (typeof l === 'number' ? { port: l, protocol: 'TCP', process: 'server' } : l)),
    );
  }

  /** Create a Running pod on a node, attach it (CNI ADD) and record its IP; returns the IP ('' if the CNI failed). */
  pod(name: string, o: PodOptions): string {
    const namespace = o.namespace ?? 'default';
    this.namespace(namespace);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels: o.labels ?? {}, annotations: o.annotations },
      spec: {
        nodeName: o.node,
        hostNetwork: o.hostNetwork,
        hostname: o.hostname,
        subdomain: o.subdomain,
        dnsPolicy: o.dnsPolicy,
        containers: [{ name: 'main', image: 'test', ports: o.ports }],
      },
    };
    const stored = this.store.create(pod);
    const got = this.net.tryAttachPod(stored, o.node);
    const ip = got.ok ? got.ip : '';
    if (ip) {
      stored.status = { phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: this.cluster.nodes.find((n) => n.name === o.node)?.ip };
      this.store.update(stored);
    }
    if (o.listen) this.listen({ kind: 'pod', namespace, pod: name }, o.listen);
    this.syncEndpoints();
    return ip;
  }

  deletePod(name: string, namespace = 'default'): void {
    this.store.delete('Pod', namespace, name);
    this.sockets.delete(refKey({ kind: 'pod', namespace, pod: name }));
    this.syncEndpoints();
  }

  service(name: string, spec: Service['spec'], namespace = 'default'): Service {
    this.namespace(namespace);
    const svc = this.store.create<Service>({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
    this.syncEndpoints();
    return svc;
  }

  /** The endpoints controller in miniature: ready = Running with an IP; targetPort by number or container port name. */
  syncEndpoints(): void {
    for (const svc of this.store.list<Service>('Service')) {
      if (!svc.spec.selector) continue;
      const ns = svc.metadata.namespace ?? 'default';
      const pods = this.store
        .list<Pod>('Pod', ns)
        .filter(
          (p) =>
            p.status?.phase === 'Running' &&
            p.status.podIP &&
            Object.entries(svc.spec.selector ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v),
        );
      const subsets = (svc.spec.ports ?? [])
        .map((sp: ServicePort) => ({
          addresses: pods.map((p) => ({
            ip: p.status?.podIP ?? '',
            nodeName: p.spec.nodeName,
            hostname: p.spec.hostname && p.spec.subdomain === svc.metadata.name ? p.spec.hostname : undefined,
            targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid ?? '' },
          })),
          ports: [{ name: sp.name, port: resolveTarget(sp, pods[0]), protocol: sp.protocol ?? 'TCP' }],
        }))
        .filter((s) => s.addresses.length > 0);
      const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns }, subsets };
      if (this.store.has('Endpoints', ns, svc.metadata.name)) this.store.update(ep);
      else this.store.create(ep);
    }
  }

  /** kube-system/kube-dns with CoreDNS pods on the given nodes, listening on 53/UDP and 53/TCP. */
  kubeDns(nodes: string[]): void {
    nodes.forEach((node, i) => {
      this.pod(`coredns-${i}`, {
        node,
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns' },
        listen: [
          { port: 53, protocol: 'UDP', process: 'coredns' },
          { port: 53, protocol: 'TCP', process: 'coredns' },
        ],
      });
    });
    const ip = clusterDnsIp(this.cluster);
    this.service(
      'kube-dns',
      {
        clusterIP: ip,
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
      'kube-system',
    );
  }

  podIp(name: string, namespace = 'default'): string {
    return this.net.addressOf({ kind: 'pod', namespace, pod: name }) ?? '';
  }

  nodeIp(name: string): string {
    return this.cluster.nodes.find((n) => n.name === name)?.ip ?? '';
  }
}

function resolveTarget(sp: ServicePort, pod: Pod | undefined): number {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  if (typeof sp.targetPort === 'string') {
    const named = pod?.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === sp.targetPort);
    return named?.containerPort ?? sp.port;
  }
  return sp.port;
}

function refKey(ns: NetnsRef): string {
  return ns.kind === 'node' ? `node/${ns.node}` : `pod/${ns.namespace}/${ns.pod}`;
}

export const pod = (namespace: string, name: string): NetnsRef => ({ kind: 'pod', namespace, pod: name });
export const node = (name: string): NetnsRef => ({ kind: 'node', node: name });
