// The images a cluster runs for itself: CoreDNS, kube-proxy, the control plane (hostNetwork static pods) and the
// CNI agents. Each row: its process, what it listens on (with the health endpoints that answer HTTP), its start logs.
import type { HttpRequest, HttpResponse, Listener } from '../../contracts.ts';
import type { ImageFamily, Program } from './family.ts';
import { goNotFound, goText } from './go-http.ts';
import type { ProcessEnv } from './process-env.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';
import { Timeline } from './timeline.ts';

interface SystemRow {
  repositories: string[];
  program: string;
  /** port, protocol, and the HTTP paths that answer 200 with a body (others 404), if it speaks HTTP. */
  listens: [number, 'TCP' | 'UDP', Record<string, string>?][];
  logs: (env: ProcessEnv) => string[];
  pullMs: number;
  sizeBytes: number;
  /** Has a shell (distroless images have none). */
  shell?: boolean;
}

const COREDNS_LOGS = [
  '.:53',
  '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
  'CoreDNS-1.11.3',
  'linux/amd64, go1.21.11, a6338e9',
];
const HEALTHZ = { '/healthz': 'ok' };

const ROWS: SystemRow[] = [
  {
    repositories: ['registry.k8s.io/coredns/coredns', 'coredns/coredns'],
    program: 'coredns',
    listens: [
      [53, 'UDP'],
      [53, 'TCP'],
      [
        9153,
        'TCP',
        {
          '/metrics':
            "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n",
        },
      ],
      [8080, 'TCP', { '/health': 'OK' }],
      [8181, 'TCP', { '/ready': 'OK' }],
    ],
    logs: () => COREDNS_LOGS,
    pullMs: 3300,
    sizeBytes: 18_562_039,
  },
  {
    repositories: ['registry.k8s.io/kube-proxy'],
    program: 'kube-proxy',
    listens: [
      [10256, 'TCP', HEALTHZ],
      [10249, 'TCP', HEALTHZ],
    ],
    logs: () => [
      'I0101 00:00:00.000000       1 server_linux.go:66] "Using iptables proxy"',
      'I0101 00:00:00.000000       1 server.go:767] "Version info" version="v1.32.0"',
    ],
    pullMs: 4100,
    sizeBytes: 30_908_400,
    shell: true,
  },
  {
    repositories: ['registry.k8s.io/kube-apiserver'],
    program: 'kube-apiserver',
    listens: [[6443, 'TCP', { '/healthz': 'ok', '/livez': 'ok', '/readyz': 'ok' }]],
    logs: () => [],
    pullMs: 4500,
    sizeBytes: 28_906_400,
  },
  {
    repositories: ['registry.k8s.io/kube-controller-manager'],
    program: 'kube-controller-manager',
    listens: [[10257, 'TCP', HEALTHZ]],
    logs: () => [],
    pullMs: 4300,
    sizeBytes: 26_241_800,
  },
  {
    repositories: ['registry.k8s.io/kube-scheduler'],
    program: 'kube-scheduler',
    listens: [[10259, 'TCP', HEALTHZ]],
    logs: () => [],
    pullMs: 3600,
    sizeBytes: 20_660_000,
  },
  {
    repositories: ['registry.k8s.io/etcd'],
    program: 'etcd',
    listens: [
      [2379, 'TCP', { '/health': '{"health":"true","reason":""}' }],
      [2380, 'TCP'],
      [2381, 'TCP', { '/health': '{"health":"true","reason":""}' }],
    ],
    logs: () => [],
    pullMs: 6900,
    sizeBytes: 57_680_500,
    shell: true,
  },
  {
    repositories: ['calico/node', 'docker.io/calico/node', 'quay.io/calico/node'],
    program: 'calico-node',
    listens: [
      [179, 'TCP'],
      [9099, 'TCP', { '/liveness': '', '/readiness': '' }],
    ],
    logs: () => [
      '2024-01-01 00:00:00.000 [INFO][9] startup/startup.go 445: Early log level set to info',
      'Calico node started successfully',
    ],
    pullMs: 12800,
    sizeBytes: 140_477_000,
    shell: true,
  },
  {
    repositories: ['calico/kube-controllers', 'docker.io/calico/kube-controllers'],
    program: 'kube-controllers',
    listens: [],
    logs: () => [],
    pullMs: 5200,
    sizeBytes: 35_306_200,
  },
  {
    repositories: ['calico/cni', 'docker.io/calico/cni'],
    program: 'install',
    listens: [],
    logs: () => [],
    pullMs: 9800,
    sizeBytes: 94_000_000,
  },
  {
    repositories: ['flannel/flannel', 'docker.io/flannel/flannel', 'flannelcni/flannel'],
    program: 'flanneld',
    listens: [],
    logs: () => [],
    pullMs: 4600,
    sizeBytes: 32_020_400,
    shell: true,
  },
  {
    repositories: ['kindest/kindnetd', 'docker.io/kindest/kindnetd'],
    program: 'kindnetd',
    listens: [],
    logs: () => [],
    pullMs: 4900,
    sizeBytes: 39_003_600,
  },
];

function programOf(row: SystemRow): Program {
  return (env) => {
    const tl = new Timeline();
    for (const l of row.logs(env)) tl.log(l);
    for (const [port, protocol, paths] of row.listens) {
      const listener: Listener = { port, protocol, process: row.program };
      if (paths) {
        listener.http = (req: HttpRequest): HttpResponse => {
          const body = paths[req.path.split('?')[0]];
          return body === undefined ? goNotFound(env.clock.now()) : goText(body, env.clock.now());
        };
      }
      tl.listeners.push(listener);
    }
    tl.block();
    return tl.toRun(env.clock, env.startMs, { stopMs: 200 });
  };
}

/** One catalog row per system image. */
export const systemFamilies: ImageFamily[] = ROWS.map((row) => ({
  repositories: row.repositories,
  facts: (ref) => {
    if (ref.tag !== 'latest' && !tagVersion(ref.tag)) return undefined;
    return {
      info: {
        repository: row.repositories[0],
        shells: row.shell ? ['sh'] : [],
        commands: [row.program, ...(row.shell ? ['sh'] : [])],
        prompt: 'sh',
        workdir: '/',
        pullMs: pullTime(row.repositories[0], ref.tag, row.pullMs),
        sizeBytes: row.sizeBytes,
      },
      entrypoint: [`/usr/local/bin/${row.program}`],
      cmd: [],
      toolset: { libc: 'glibc' },
    };
  },
  programs: { [row.program]: programOf(row) },
}));
