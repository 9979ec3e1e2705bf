// A small World for shell and core-tool tests: real Store, Clock and filesystems; a fake image catalog, a resolver
// config, a control plane that only moves the clock. Pods are put straight into the store, Running.
import { Store } from '../../../../../src/core/sim/api/store.ts';
import type { Container, Pod, Service } from '../../../../../src/core/sim/api/types.ts';
import { Clock } from '../../../../../src/core/sim/clock.ts';
import type { Api } from '../../../../../src/core/sim/api/api.ts';
import type {
  ControlPlane,
  Dataplane,
  FileSystem,
  HostRef,
  ImageCatalog,
  ImageInfo,
  NetnsRef,
  ResolvedCluster,
  World,
} from '../../../../../src/core/sim/contracts.ts';
import { createFileSystems } from '../../../../../src/core/sim/proc/os/fs.ts';
import { Rng } from '../../../../../src/core/sim/rng.ts';
import { NO_CONTAINER_LOGS, NO_TRAFFIC } from '../../test-world-parts.ts';

const BUSYBOX_APPLETS = [
  'sh',
  'ash',
  'sed',
  'awk',
  'timeout',
  'xargs',
  'tac',
  'egrep',
  'fgrep',
  'tty',
  'nproc',
  'pwd',
  'basename',
  'dirname',
  'tee',
  'chmod',
  'rmdir',
  'cat',
  'echo',
  'ls',
  'grep',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'env',
  'printenv',
  'hostname',
  'sleep',
  'date',
  'whoami',
  'id',
  'uname',
  'clear',
  'true',
  'false',
  'which',
  'touch',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'vi',
  'seq',
  'printf',
  'ping',
  'wget',
  'nslookup',
  'nc',
  'ip',
];
const DEBIAN_BASE = [
  'bash',
  'sh',
  'dash',
  'sed',
  'awk',
  'timeout',
  'xargs',
  'tac',
  'egrep',
  'fgrep',
  'tty',
  'nproc',
  'pwd',
  'basename',
  'dirname',
  'tee',
  'chmod',
  'rmdir',
  'cat',
  'echo',
  'ls',
  'grep',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'env',
  'printenv',
  'hostname',
  'sleep',
  'date',
  'whoami',
  'id',
  'uname',
  'clear',
  'true',
  'false',
  'which',
  'touch',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'seq',
  'printf',
];

/** Images the tests use, by repository. */
export const FAKE_IMAGES: Record<string, ImageInfo> = {
  nginx: {
    repository: 'nginx',
    shells: ['bash', 'sh'],
    commands: [...DEBIAN_BASE, 'nginx', 'curl'],
    prompt: 'bash',
    workdir: '/',
    pullMs: 1000,
  },
  busybox: {
    repository: 'busybox',
    shells: ['sh'],
    commands: BUSYBOX_APPLETS,
    prompt: 'busybox',
    ping: 'busybox',
    workdir: '/',
    pullMs: 1000,
  },
  alpine: { repository: 'alpine', shells: ['sh'], commands: BUSYBOX_APPLETS, prompt: 'sh', workdir: '/', pullMs: 1000 },
  app: { repository: 'app', shells: ['bash', 'sh'], commands: [...DEBIAN_BASE, 'curl'], prompt: 'bash', workdir: '/data', pullMs: 1000 },
  distroless: { repository: 'distroless', shells: [], commands: ['server'], prompt: 'sh', workdir: '/', pullMs: 1000 },
};

export interface FakePod {
  name: string;
  namespace?: string;
  node: string;
  ip: string;
  /** Container images by container name; default one container named after the pod. */
  containers?: Container[];
  image?: string;
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
}

export interface FakeWorldOptions {
  nodes?: { name: string; ip: string }[];
  pods?: FakePod[];
  services?: { name: string; namespace?: string; ip: string; ports: { name?: string; port: number }[] }[];
}

function notHere<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_t, p) => {
      throw new Error(`${what}.${String(p)} is not part of the shell test world`);
    },
  });
}

export class FakeWorld implements World {
  readonly store = new Store();
  readonly clock = new Clock();
  readonly rng = new Rng(7);
  readonly cluster: ResolvedCluster;
  readonly api: Api = notHere<Api>('api');
  readonly control: ControlPlane;
  readonly net: Dataplane;
  readonly images: ImageCatalog;
  private readonly fsOf: (host: HostRef) => FileSystem;
  /** Every ms the control plane was asked to advance, in order (tests check budgets with it). */
  readonly advanced: number[] = [];

  constructor(options: FakeWorldOptions = {}) {
    const nodes = options.nodes ?? [
      { name: 'cp1', ip: '10.1.0.11' },
      { name: 'wk1', ip: '10.1.0.12' },
    ];
    this.cluster = {
      cni: 'calico',
      podCIDR: '172.16.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      nodeCIDR: '10.1.0.0/24',
      domain: 'cluster.local',
      kubernetesVersion: 'v1.32.0',
      nodes: nodes.map((n, i) => ({
        name: n.name,
        role: i === 0 ? 'control-plane' : 'worker',
        ip: n.ip,
        podCIDR: `172.16.${i}.0/26`,
        labels: {},
        taints: [],
      })),
      workstation: { node: nodes[0].name, cwd: '/root/lab', user: 'root' },
      pins: [],
      faults: [],
    };
    const clock = this.clock;
    const advanced = this.advanced;
    this.control = {
      settle: () => undefined,
      advance: (ms) => {
        advanced.push(ms);
        clock.advance(ms);
      },
      running: () => undefined,
      listeners: () => [],
      ...NO_CONTAINER_LOGS,
    };
    const store = this.store;
    const cluster = this.cluster;
    const base = notHere<Dataplane>('net');
    this.net = Object.assign(Object.create(base) as Dataplane, {
      // No traffic model: every traceroute probe goes unanswered.
      trace: NO_TRAFFIC.trace,
      resolvConf: (ns: NetnsRef) =>
        ns.kind === 'pod'
          ? {
              nameservers: ['10.96.0.10'],
              search: [`${ns.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'],
              options: ['ndots:5'],
            }
          : { nameservers: ['10.1.0.1'], search: [], options: [] },
      addressOf: (ns: NetnsRef) =>
        ns.kind === 'node' ? cluster.nodes.find((n) => n.name === ns.node)?.ip : store.get<Pod>('Pod', ns.namespace, ns.pod)?.status?.podIP,
    });
    this.images = {
      lookup: (image) => FAKE_IMAGES[image.replace(/[:@].*$/, '').replace(/^.*\//, '')],
      start: () => ({ listeners: [], logs: [] }),
    };
    this.fsOf = createFileSystems(this);
    for (const s of options.services ?? [{ name: 'kubernetes', ip: '10.96.0.1', ports: [{ name: 'https', port: 443 }] }])
      this.addService(s);
    for (const p of options.pods ?? []) this.addPod(p);
  }

  fs(host: HostRef): FileSystem {
    return this.fsOf(host);
  }

  addPod(p: FakePod): void {
    const containers = p.containers ?? [{ name: p.name, image: p.image ?? 'busybox' }];
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace ?? 'default', creationTimestamp: this.clock.iso() },
      spec: { containers, nodeName: p.node, hostname: p.hostname, subdomain: p.subdomain, hostNetwork: p.hostNetwork },
      status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }], startTime: this.clock.iso() },
    };
    this.store.create(pod);
  }

  addService(s: { name: string; namespace?: string; ip: string; ports: { name?: string; port: number }[] }): void {
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, namespace: s.namespace ?? 'default', creationTimestamp: this.clock.iso() },
      spec: { clusterIP: s.ip, ports: s.ports.map((p) => ({ ...p, protocol: 'TCP' as const })) },
    };
    this.store.create(svc);
  }
}

/** Hosts the tests use most. */
export const NODE: HostRef = { kind: 'node', node: 'cp1' };
export function podHost(pod: string, container = pod, namespace = 'default'): HostRef {
  return { kind: 'pod', namespace, pod, container };
}
