// A small World for API and control-plane tests: the real api/control over fakes of the dataplane (a sequential
// IP allocator per node block) and the image catalog (nginx serves :80, busybox runs its command).
import { createApi } from '../../../../src/core/sim/api/index.ts';
import { Store } from '../../../../src/core/sim/api/store.ts';
import type { Pod } from '../../../../src/core/sim/api/types.ts';
import { parseCidrSloppy as parseCidr, formatIp, sizeOf } from '../../../../src/core/sim/net/cidr.ts';
import { Clock } from '../../../../src/core/sim/clock.ts';
import type {
  ContainerRun,
  Dataplane,
  ImageCatalog,
  ImageInfo,
  ResolvedCluster,
  ResolvedNode,
  World,
} from '../../../../src/core/sim/contracts.ts';
import { createControlPlane } from '../../../../src/core/sim/control/index.ts';
import { Rng } from '../../../../src/core/sim/rng.ts';
import { NO_TRAFFIC, tryAttachBy } from '../test-world-parts.ts';
import type { Api } from '../../../../src/core/sim/api/api.ts';
import type { ControlPlane, FileSystem, HostRef } from '../../../../src/core/sim/contracts.ts';
import type { FaultSpec, PinSpec } from '../../../../src/core/lesson/model.ts';

export interface TestWorldOptions {
  seed?: number;
  /** Worker names (the control plane is "cp1"); default w1, w2. */
  workers?: string[];
  pins?: PinSpec[];
  faults?: FaultSpec[];
  /** Labels per node name. */
  labels?: Record<string, Record<string, string>>;
}

function nodes(workers: string[], labels: Record<string, Record<string, string>>): ResolvedNode[] {
  const all = ['cp1', ...workers];
  return all.map((name, i) => ({
    name,
    role: i === 0 ? 'control-plane' : 'worker',
    ip: `10.0.0.${11 + i}`,
    podCIDR: `192.168.${10 + i}.0/26`,
    labels: labels[name] ?? {},
    taints: i === 0 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
  }));
}

/** Sequential addresses from each node's block; released addresses are not reused (like Calico's next-free). */
export class FakeNet implements Dataplane {
  readonly ips = new Map<string, string>();
  private readonly next = new Map<string, number>();
  constructor(private readonly cluster: ResolvedCluster) {}
  readonly tryAttachPod = tryAttachBy((pod, node) => this.attachPod(pod, node));
  readonly hosts = NO_TRAFFIC.hosts;
  readonly trace = NO_TRAFFIC.trace;
  readonly neighbours = NO_TRAFFIC.neighbours;
  readonly deviceCounters = NO_TRAFFIC.deviceCounters;
  readonly networkClass = NO_TRAFFIC.networkClass;
  attachPod(pod: Pod, node: string): string {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const pin = this.cluster.pins.find((p) => p.pod === pod.metadata.name && (p.namespace ?? 'default') === pod.metadata.namespace && p.ip);
    const block = parseCidr(this.cluster.nodes.find((n) => n.name === node)?.podCIDR ?? '10.255.0.0/24');
    if (!block) throw new Error('no block');
    let ip: string;
    if (pin?.ip) ip = pin.ip;
    else {
      const n = (this.next.get(node) ?? 0) + 1;
      if (n >= sizeOf(block) - 1) throw new Error(`no addresses left in ${formatIp(block.network)}/${block.prefix}`);
      this.next.set(node, n);
      ip = formatIp(block.network + n);
    }
    this.ips.set(key, ip);
    return ip;
  }
  detachPod(namespace: string, name: string): void {
    this.ips.delete(`${namespace}/${name}`);
  }
  interfaces(): never {
    throw new Error('fake net');
  }
  routes(): never {
    throw new Error('fake net');
  }
  resolvConf(): never {
    throw new Error('fake net');
  }
  resolve(): never {
    throw new Error('fake net');
  }
  connect(): never {
    throw new Error('fake net');
  }
  ping(): never {
    throw new Error('fake net');
  }
  addressOf(): string | undefined {
    return undefined;
  }
}

const BASE: Omit<ImageInfo, 'repository' | 'pullMs'> = { shells: ['sh'], commands: ['sh', 'sleep'], prompt: 'sh', workdir: '/' };

/** nginx listens on 80 until stopped; busybox runs its command (`sleep N` sleeps, anything else exits 0 at once). */
export const fakeImages: ImageCatalog = {
  lookup(image: string): ImageInfo | undefined {
    const name = image.replace(/^docker\.io\/(library\/)?/, '').replace(/:.*$/, '');
    const tag = /:([^/]+)$/.exec(image)?.[1];
    if (tag === 'nosuchtag') return undefined;
    if (name === 'nginx') return { ...BASE, repository: 'nginx', pullMs: 7000, sizeBytes: 72_080_558 };
    if (name === 'busybox') return { ...BASE, repository: 'busybox', pullMs: 2000, sizeBytes: 2_166_802 };
    return undefined;
  },
  start(pod: Pod, containerName: string): ContainerRun {
    const c = pod.spec.containers.find((x) => x.name === containerName);
    const image = c?.image ?? '';
    if (image.startsWith('nginx')) {
      return {
        listeners: [{ port: 80, protocol: 'TCP', process: 'nginx' }],
        logs: ['/docker-entrypoint.sh: Configuration complete; ready for start up'],
        stopMs: 200,
        bindError: (l) => ({
          afterMs: 2500,
          code: 1,
          logs: [`nginx: [emerg] bind() to 0.0.0.0:${l.port} failed (98: Address already in use)`],
        }),
      };
    }
    const argv = [...(c?.command ?? []), ...(c?.args ?? [])].join(' ');
    const sleep = /sleep (\d+)/.exec(argv);
    const echo = /echo ([^&]+?)(?: &&|$)/.exec(argv);
    const logs = echo ? [echo[1].trim()] : [];
    if (sleep) return { listeners: [], logs, exit: { afterMs: Number(sleep[1]) * 1000, code: 0 } };
    return { listeners: [], logs, exit: { afterMs: 10, code: 0 } };
  },
};

class TestWorld implements World {
  readonly store = new Store();
  readonly clock = new Clock();
  readonly rng: Rng;
  readonly cluster: ResolvedCluster;
  readonly images = fakeImages;
  net!: FakeNet;
  api!: Api;
  control!: ControlPlane;
  constructor(o: TestWorldOptions) {
    this.rng = new Rng(o.seed ?? 1);
    const ns = nodes(o.workers ?? ['w1', 'w2'], o.labels ?? {});
    this.cluster = {
      cni: 'calico',
      podCIDR: '192.168.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      nodeCIDR: '10.0.0.0/24',
      domain: 'cluster.local',
      kubernetesVersion: 'v1.32.0',
      nodes: ns,
      workstation: { node: 'cp1', cwd: '/root', user: 'root' },
      pins: o.pins ?? [],
      faults: o.faults ?? [],
    };
  }
  fs(_host: HostRef): FileSystem {
    throw new Error('no filesystems in the test world');
  }
}

/** A booted test world (system pods running, controllers settled). */
export function makeTestWorld(o: TestWorldOptions = {}): World & { net: FakeNet } {
  const w = new TestWorld(o);
  w.net = new FakeNet(w.cluster);
  w.api = createApi(w);
  w.control = createControlPlane(w);
  w.control.settle();
  return w;
}

/** Parse a one-object YAML-free literal into a Pod quickly. */
export function podManifest(
  name: string,
  containers: { name: string; image: string; command?: string[]; ports?: number[] }[],
  extra: Record<string, unknown> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ...(c.command ? { command: c.command } : {}),
        ...(c.ports ? { ports: c.ports.map((p) => ({ containerPort: p })) } : {}),
      })),
      ...extra,
    },
  } as Pod;
}
