// A small stand-in Backend for page tests: a few commands over an in-memory pod list, probes from that list.
import type {
  Backend,
  ClusterView,
  Endpoint,
  LineResult,
  Probe,
  ShellTarget,
  Target,
  Terminal,
  TypeOptions,
} from '../../src/core/backend.ts';
import type { ClusterSpec } from '../../src/core/lesson/model.ts';

interface FakePod {
  name: string;
  node: string;
  ip: string;
  port?: number;
}

export class FakeBackend implements Backend {
  readonly name = 'fake';
  pods: FakePod[] = [];
  files = new Map<string, string>();
  private cluster?: ClusterSpec;
  private version = 1;
  terminals = 0;

  async start(cluster: ClusterSpec): Promise<void> {
    this.cluster = cluster;
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.files.set(path, content);
  }

  private exec(line: string): { output: string; exitCode: number } {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'echo') return { output: `${words.slice(1).join(' ')}\n`, exitCode: 0 };
    if (words[0] === 'kubectl' && words[1] === 'apply' && words[2] === '-f') {
      const text = this.files.get(words[3]);
      const name = /name:\s*(\S+)/.exec(text ?? '')?.[1];
      if (!name) return { output: `error: the path "${words[3]}" does not exist\n`, exitCode: 1 };
      const nodes = this.cluster?.nodes.filter((n) => n.role === 'worker') ?? [];
      const node = nodes[this.pods.length % Math.max(1, nodes.length)]?.name ?? 'node';
      const port = /containerPort:\s*(\d+)/.exec(text ?? '')?.[1];
      this.pods.push({ name, node, ip: `10.244.${this.pods.length + 1}.${10 + this.pods.length}`, port: port ? Number(port) : undefined });
      this.version++;
      return { output: `pod/${name} created\n`, exitCode: 0 };
    }
    if (line.trim() === 'kubectl get pods -o wide') {
      const rows = this.pods.map(
        (p) => `${p.name.padEnd(12)} 1/1     Running   0          1m    ${p.ip.padEnd(13)} ${p.node}   <none>           <none>`,
      );
      return {
        output:
          ['NAME         READY   STATUS    RESTARTS   AGE   IP            NODE       NOMINATED NODE   READINESS GATES', ...rows].join(
            '\n',
          ) + '\n',
        exitCode: 0,
      };
    }
    if (words[0] === 'exit') return { output: '', exitCode: 0 };
    return { output: `sh: ${words[0]}: not found\n`, exitCode: 127 };
  }

  async openTerminal(_where: ShellTarget): Promise<Terminal> {
    this.terminals++;
    let depth = 1;
    const prompt = () => `[root@${this.cluster?.workstation.node ?? 'host'} ~]# `;
    return {
      prompt,
      depth: () => depth,
      type: async (line: string, options: TypeOptions): Promise<LineResult> => {
        const r = this.exec(line);
        if (line.trim() === 'exit') depth = 0;
        options.onOutput?.(r.output);
        return { ...r, durationMs: 5, timedOut: false, truncated: false };
      },
      complete: (partial: string) => ['kubectl get pods -o wide', 'kubectl apply -f ', 'echo '].filter((c) => c.startsWith(partial)),
      dispose: async () => {
        this.terminals--;
      },
    };
  }

  async probe(from: Endpoint, to: Target): Promise<Probe> {
    const src = this.pods.find((p) => p.name === from.name);
    const dst = this.pods.find((p) => p.name === to.host || p.ip === to.host);
    const base = { from, target: to, hops: [] as Probe['hops'] };
    if (from.kind === 'pod' && !src) return { ...base, outcome: 'no-source', reason: `there is no pod default/${from.name}` };
    if (!dst) return { ...base, outcome: 'nxdomain', reason: `${to.host} does not resolve` };
    const at = from.kind === 'pod' ? `pod/default/${from.name}` : `node/${from.name}`;
    const hops = [
      { at, action: 'sent' },
      { at: `node/${dst.node}`, action: `route ${dst.ip} dev cali1` },
      { at: `pod/default/${dst.name}`, action: 'delivered' },
    ];
    if (to.protocol !== 'icmp' && to.port !== dst.port)
      return {
        ...base,
        hops,
        outcome: 'refused',
        reason: `nothing listens on ${dst.ip}:${to.port} in pod default/${dst.name}`,
        resolvedIp: dst.ip,
      };
    return { ...base, hops, outcome: 'ok', reason: `reached ${dst.ip}`, resolvedIp: dst.ip };
  }

  async view(): Promise<ClusterView> {
    const c = this.cluster;
    return {
      nodes: (c?.nodes ?? []).map((n, i) => ({
        name: n.name,
        role: n.role,
        ip: n.ip ?? `10.0.0.${11 + i}`,
        podCIDR: n.podCIDR,
        ready: true,
      })),
      pods: this.pods.map((p) => ({
        namespace: 'default',
        name: p.name,
        node: p.node,
        ip: p.ip,
        phase: 'Running',
        ready: '1/1',
        labels: {},
        hostNetwork: false,
        containers: [{ name: p.name, image: 'nginx', ports: p.port ? [p.port] : [] }],
      })),
      services: [],
      version: this.version,
    };
  }

  async stop(): Promise<void> {
    this.pods = [];
  }
}
