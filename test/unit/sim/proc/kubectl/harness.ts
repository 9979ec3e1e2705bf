// A small world for kubectl tests: the real API layer over a Store, a fake kubelet/scheduler, in-memory files.
// Used until the real control plane lands (then createWorld replaces the fake pieces).
import { Store } from '../../../../../src/core/sim/api/store.ts';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { Clock } from '../../../../../src/core/sim/clock.ts';
import type { ContainerRun, ControlPlane, FileSystem, HostRef, ResolvedCluster, World } from '../../../../../src/core/sim/contracts.ts';
import { MemFileSystem } from '../../../../../src/core/sim/proc/os/fs/mem-fs.ts';
import { runKubectl } from '../../../../../src/core/sim/proc/bin/kubectl/main.ts';
import type { ShellRequest, ToolContext } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { withFacets } from '../../../../../src/core/sim/proc/os/tool-context.ts';
import { assembleWorld, NO_CONTAINER_LOGS, NO_IMAGES } from '../../test-world-parts.ts';
import { shellWords } from '../../../../../src/core/shell-words.ts';

export const START = Date.UTC(2024, 0, 1);

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  shells: ShellRequest[];
  execs: { host: HostRef; argv: string[] }[];
}

/** The words of one command line as sh would split them (quotes, backslashes); a line with operators is a test error. */
export function splitLine(line: string): string[] {
  const r = shellWords(line);
  if (r.operators || r.unterminated) throw new Error(`not one simple command: ${line}`);
  return r.commands[0] ?? [];
}

export interface FakeOptions {
  /** Node names; the first is the control plane. */
  nodes?: string[];
  /** Pod IPs handed out by the fake kubelet, in order. */
  podIps?: string[];
  /** How long a fake container takes to start (ms). */
  startMs?: number;
  /** Where named pods land and which IP they get. */
  pins?: Record<string, { node: string; ip: string }>;
}

/** A world with the real Api and a fake control plane that schedules, starts and deletes pods. */
export class KubectlHarness {
  readonly store = new Store();
  readonly clock = new Clock(START);
  readonly world: World;
  private readonly fsByHost = new Map<string, FileSystem>();
  private ipIndex = 0;
  /** Simulated ms a run's sleeps may use before the "cell budget" runs out. */
  budgetMs = 600_000;
  /** What execIn returns and prints. */
  execHandler: (host: HostRef, argv: string[], ctx: { stdout(t: string): void; stderr(t: string): void }) => number = () => 0;

  constructor(readonly opts: FakeOptions = {}) {
    const nodes = opts.nodes ?? ['control-plane', 'worker-1', 'worker-2'];
    const cluster: ResolvedCluster = {
      cni: 'calico',
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      nodeCIDR: '172.18.0.0/16',
      domain: 'cluster.local',
      kubernetesVersion: 'v1.32.0',
      nodes: nodes.map((name, i) => ({
        name,
        role: i === 0 ? 'control-plane' : 'worker',
        ip: `172.18.0.${i + 2}`,
        podCIDR: `10.244.${i}.0/24`,
        labels: {},
        taints: [],
      })),
      workstation: { node: nodes[0], cwd: '/root', user: 'root' },
      pins: [],
      faults: [],
    };
    const control: ControlPlane = {
      settle: () => this.reconcile(),
      advance: (ms: number) => {
        this.clock.advance(ms, () => this.reconcile());
        this.reconcile();
      },
      running: () => undefined as ContainerRun | undefined,
      listeners: () => [],
      ...NO_CONTAINER_LOGS,
      logs: (ns, pod, container, previous) => this.logs.get(`${ns}/${pod}/${container}${previous ? '/prev' : ''}`),
    };
    // The real API over this store and clock, the fake control plane above; no image is known (tests that exec give
    // the world a catalog); the dataplane is the real one, which kubectl never reaches.
    this.world = assembleWorld({
      cluster,
      store: this.store,
      clock: this.clock,
      seed: 7,
      images: NO_IMAGES,
      control: () => control,
      fs: () => (host) => this.fsOf(host),
    });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, creationTimestamp: this.clock.iso() },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    for (const n of cluster.nodes) {
      this.store.create({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.name,
          creationTimestamp: this.clock.iso(),
          labels: n.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : {},
        },
        spec: { podCIDR: n.podCIDR },
        status: {
          addresses: [
            { type: 'InternalIP', address: n.ip },
            { type: 'Hostname', address: n.name },
          ],
          conditions: [{ type: 'Ready', status: 'True' }],
          nodeInfo: {
            kubeletVersion: 'v1.32.0',
            osImage: 'Debian GNU/Linux 12 (bookworm)',
            kernelVersion: '6.1.0-18-amd64',
            containerRuntimeVersion: 'containerd://1.7.13',
          },
        },
      });
    }
    this.api('create', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
  }

  /** Log lines the fake control plane returns: key `ns/pod/container[/prev]`. */
  readonly logs = new Map<string, string[]>();

  private api(verb: 'create', obj: KObject): KObject {
    const r = this.world.api[verb](obj);
    if (!r.ok) throw new Error(r.status.message);
    return r.object;
  }

  /** Put an object straight into the store (as the world's setup would). */
  seed(obj: KObject): KObject {
    const o = this.api('create', obj);
    this.reconcile();
    return o;
  }

  fsOf(host: HostRef): FileSystem {
    const key = host.kind === 'node' ? `node/${host.node}` : `pod/${host.namespace}/${host.pod}/${host.container}`;
    let fs = this.fsByHost.get(key);
    if (!fs) {
      fs = new MemFileSystem(() => this.clock.now());
      this.fsByHost.set(key, fs);
    }
    return fs;
  }

  /** Write a file into the workstation's working directory. */
  writeFile(path: string, content: string): void {
    this.fsOf({ kind: 'node', node: this.world.cluster.workstation.node }).write(path.startsWith('/') ? path : `/root/${path}`, content);
  }

  /** The fake kubelet and scheduler: bind, start after startMs, finish deletions at their deadline. */
  reconcile(): void {
    const now = this.clock.now();
    for (const pod of this.store.list('Pod')) {
      const del = pod.metadata.deletionTimestamp;
      if (del && Date.parse(del) <= now) {
        this.store.delete('Pod', pod.metadata.namespace, pod.metadata.name);
        continue;
      }
      if (del) continue;
      if (!pod.spec.nodeName) {
        const pin = this.opts.pins?.[pod.metadata.name];
        pod.spec.nodeName = pin?.node ?? this.world.cluster.nodes[1]?.name ?? this.world.cluster.nodes[0].name;
        pod.status = {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          hostIP: '172.18.0.3',
          startTime: this.clock.iso(),
          containerStatuses: pod.spec.containers.map((c: { name: string; image: string }) => ({
            name: c.name,
            image: c.image,
            ready: false,
            restartCount: 0,
            started: false,
            state: { waiting: { reason: 'ContainerCreating' } },
          })),
        };
        this.store.update(pod);
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        this.clock.schedule(this.opts.startMs ?? 2000, () => this.start(key));
      }
    }
  }

  private start(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.store.get('Pod', ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const ip = this.opts.pins?.[name]?.ip ?? this.opts.podIps?.[this.ipIndex++] ?? `10.244.1.${++this.ipIndex + 1}`;
    pod.status.phase = 'Running';
    pod.status.podIP = ip;
    pod.status.podIPs = [{ ip }];
    pod.status.conditions = ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' }));
    pod.status.containerStatuses = pod.spec.containers.map((c: { name: string; image: string }) => ({
      name: c.name,
      image: c.image,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: this.clock.iso() } },
    }));
    this.store.update(pod);
  }

  /** Run `kubectl ...` on the workstation. */
  run(line: string, opts: { stdin?: string; tty?: boolean } = {}): RunResult {
    const argv = splitLine(line);
    let stdout = '';
    let stderr = '';
    const shells: ShellRequest[] = [];
    const execs: { host: HostRef; argv: string[] }[] = [];
    let budget = this.budgetMs;
    const host: HostRef = { kind: 'node', node: this.world.cluster.workstation.node };
    const ctx: ToolContext = withFacets(
      {
        world: this.world,
        host,
        argv,
        env: {},
        cwd: this.world.cluster.workstation.cwd,
        stdin: opts.stdin ?? '',
        tty: opts.tty ?? false,
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        sleep: (ms) => {
          const step = Math.min(ms, budget);
          budget -= step;
          this.world.control.advance(step);
          return budget > 0;
        },
        execIn: (host, a) => {
          execs.push({ host, argv: a });
          return this.execHandler(host, a, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
        },
        openShell: (r) => shells.push(r),
      },
      this.world,
      host,
    );
    const code = runKubectl(ctx);
    return { stdout, stderr, code, shells, execs };
  }

  /** Let simulated time pass (controllers react). */
  advance(ms: number): void {
    this.world.control.advance(ms);
  }
}
