// The process table of a host, computed from the model: on a node its daemons, then per pod on it /pause and each
// running container's main process; in a container its own main process (all the pod's, with /pause as PID 1, when
// the pod sets shareProcessNamespace). Pids are derived from the pods' order on the node: same model, same pids.
import type { NodeObj, Pod } from '../../../api/types.ts';
import type { Listener } from '../../../contracts.ts';
import type { ToolContext } from '../tool.ts';

export interface Proc {
  pid: number;
  ppid: number;
  user: string;
  /** The command line as /proc/PID/cmdline shows it. */
  args: string;
  /** The short name (comm): what `ps -e` and ss's users:(...) print. */
  comm: string;
  /** Start, simulated epoch ms. */
  startMs: number;
  /** Sockets it listens on, with the fd each has. */
  listeners: { listener: Listener; fd: number }[];
}

/** A node's own daemons (Debian 12, kubeadm): what the model knows runs outside pods. */
const NODE_DAEMONS: { pid: number; comm: string; args: string; listens?: string }[] = [
  { pid: 1, comm: 'systemd', args: '/sbin/init' },
  { pid: 412, comm: 'systemd-journal', args: '/lib/systemd/systemd-journald' },
  { pid: 598, comm: 'sshd', args: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', listens: 'sshd' },
  { pid: 631, comm: 'containerd', args: '/usr/bin/containerd' },
  {
    pid: 702,
    comm: 'kubelet',
    args: '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10',
    listens: 'kubelet',
  },
];

/** What an image's main process shows as its command line when the pod gives none. */
const DEFAULT_ARGS: Record<string, string> = {
  nginx: 'nginx: master process nginx -g daemon off;',
  coredns: '/coredns -conf /etc/coredns/Corefile',
  'kube-proxy': '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=$(NODE_NAME)',
};

/** When the host booted: a minute before its Node object was registered (or an hour ago without one). */
function bootMs(ctx: ToolContext): number {
  const node = ctx.hostInfo()?.node;
  const created = node ? ctx.world.store.peek<NodeObj>('Node', undefined, node)?.metadata.creationTimestamp : undefined;
  const t = created ? Date.parse(created) : NaN;
  return Number.isNaN(t) ? ctx.clock.now() - 3_600_000 : t - 60_000;
}

/** Entrypoints of the images that have one, prefixed to the pod's args (kubectl run -- ARGS sets args only). */
const ENTRYPOINTS: Record<string, string> = { coredns: '/coredns' };

function startOf(pod: Pod, container: string, fallback: number): number {
  const s = pod.status?.containerStatuses?.find((c) => c.name === container)?.state?.running?.startedAt;
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? fallback : t;
}

/** A container's main process command line: its command/args, else what its image runs. */
function argsOf(ctx: ToolContext, pod: Pod, name: string, listeners: Listener[]): { args: string; comm: string } {
  const c = pod.spec.containers.find((x) => x.name === name);
  const program = listeners[0]?.process.split(' ')[0];
  const entry = !c?.command && c?.args && program ? ENTRYPOINTS[program] : undefined;
  const argv = [...(entry ? [entry] : []), ...(c?.command ?? []), ...(c?.args ?? [])];
  if (argv.length > 0) {
    const comm = (argv[0].split('/').pop() ?? argv[0]).slice(0, 15);
    return { args: argv.join(' '), comm };
  }
  const repo = (c?.image ?? '').split('@')[0].split(':')[0].split('/').pop() ?? '';
  const key = program ?? repo;
  return { args: DEFAULT_ARGS[key] ?? `/${key}`, comm: key.slice(0, 15) };
}

/** The running containers of a pod as processes; pids start at `base` (the pod's /pause first when withPause). */
function podProcs(ctx: ToolContext, pod: Pod, base: number, ppid: number, withPause: boolean, only?: string): Proc[] {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const out: Proc[] = [];
  const t0 = startOf(pod, pod.spec.containers[0]?.name ?? '', bootMs(ctx));
  if (withPause) out.push({ pid: base, ppid, user: '65535', args: '/pause', comm: 'pause', startMs: t0, listeners: [] });
  let pid = base + (withPause ? 1 : 0);
  for (const c of pod.spec.containers) {
    if (only !== undefined && c.name !== only) continue;
    const run = ctx.world.control.running(ns, name, c.name);
    if (!run) continue;
    const { args, comm } = argsOf(ctx, pod, c.name, run.listeners);
    const listeners = run.listeners.map((listener, i) => ({ listener, fd: 3 + i }));
    out.push({ pid, ppid, user: 'root', args, comm, startMs: startOf(pod, c.name, t0), listeners });
    pid += 1;
  }
  return out;
}

function podsOn(ctx: ToolContext, node: string): Pod[] {
  return ctx.world.store
    .list<Pod>('Pod')
    .filter((p) => p.spec.nodeName === node)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || 0);
}

/** Every process a `ps` on this host sees, by pid. */
export function processTable(ctx: ToolContext): Proc[] {
  const h = ctx.host;
  if (h.kind === 'node') {
    const boot = bootMs(ctx);
    const hostListeners = ctx.world.control.listeners({ kind: 'node', node: h.node });
    const out: Proc[] = NODE_DAEMONS.map((d) => ({
      pid: d.pid,
      ppid: d.pid === 1 ? 0 : 1,
      user: 'root',
      args: d.args,
      comm: d.comm,
      startMs: boot,
      listeners: hostListeners.filter((l) => l.process === d.listens).map((listener, i) => ({ listener, fd: 3 + i })),
    }));
    podsOn(ctx, h.node).forEach((pod, i) => {
      const shim = 1100 + i * 100;
      out.push({
        pid: shim,
        ppid: 1,
        user: 'root',
        args: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${pod.metadata.uid ?? pod.metadata.name} -address /run/containerd/containerd.sock`,
        comm: 'containerd-shim',
        startMs: startOf(pod, pod.spec.containers[0]?.name ?? '', boot),
        listeners: [],
      });
      out.push(...podProcs(ctx, pod, shim + 20, shim, true));
    });
    return out;
  }
  const pod = ctx.world.store.peek<Pod>('Pod', h.namespace, h.pod);
  if (!pod) return [];
  if ((pod.spec as { shareProcessNamespace?: boolean }).shareProcessNamespace) return podProcs(ctx, pod, 1, 0, true);
  // Without a shared pid namespace the container sees only its own main process, as PID 1.
  return podProcs(ctx, pod, 1, 0, false, h.container);
}
