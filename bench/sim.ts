// Benchmark: the simulator at scale. A 100-node Calico cluster built from manifests (3,000 pods, 300 Services)
// through the real API and control plane, a 300-pod reachability matrix, and full in-process lesson runs.
// Run: node --import tsx bench/sim.ts [--quick] [--nodes 100] [--pods 3000] [--services 300] [--matrix 300] [--runs 3]
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parseLesson } from '../src/core/lesson/index.ts';
import type { ClusterSpec } from '../src/core/lesson/model.ts';
import { Kernel } from '../src/core/runtime/kernel.ts';
import { parseManifests } from '../src/core/sim/api/manifest.ts';
import type { Pod, Service } from '../src/core/sim/api/types.ts';
import type { ConnectResult, World } from '../src/core/sim/contracts.ts';
import { SimBackend } from '../src/core/sim/sim-backend.ts';
import { createWorld } from '../src/core/sim/world.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    nodes: { type: 'string', default: '100' },
    pods: { type: 'string', default: '3000' },
    services: { type: 'string', default: '300' },
    matrix: { type: 'string', default: '300' },
    runs: { type: 'string' },
    'lesson-runs': { type: 'string' },
  },
});
const NODES = Number(values.nodes);
const PODS = Number(values.pods);
const SERVICES = Number(values.services);
const MATRIX = Number(values.matrix);
const RUNS = Number(values.runs ?? (values.quick ? 1 : 3));
const LESSON_RUNS = Number(values['lesson-runs'] ?? (values.quick ? 3 : 5));
const REPLICAS = 10;
/** One pod in fifteen is a bare Pod; the rest come from Deployments of REPLICAS each, one Service per Deployment. */
const BARE = Math.round(PODS / 15);
const DEPLOYMENTS = Math.floor((PODS - BARE) / REPLICAS);
const NAMESPACES = ['default', 'shop', 'search', 'billing', 'media'];

/** The workloads, in turn: image, the port it serves (0: none), and its arguments. */
const WORKLOADS = [
  { image: 'nginx:1.27', port: 80, args: [] as string[] },
  { image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', port: 8080, args: ['netexec', '--http-port=8080'] },
  { image: 'hashicorp/http-echo:1.0', port: 5678, args: ['-text=hello'] },
  { image: 'httpd:2.4', port: 80, args: [] },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const yamlList = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

/** The manifests, as an author would write them: Namespaces, Deployments with their Services, bare Pods, group Services. */
function manifests(): string {
  const docs: string[] = NAMESPACES.filter((n) => n !== 'default').map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}`);
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const w = WORKLOADS[i % WORKLOADS.length];
    const ns = NAMESPACES[i % NAMESPACES.length];
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels: { app: app-${i} }
  template:
    metadata:
      labels: { app: app-${i}, tier: web }
    spec:
      containers:
      - name: main
        image: ${w.image}${w.args.length ? `\n        args: ${yamlList(w.args)}` : ''}
        ports:
        - { name: http, containerPort: ${w.port} }`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  type: ${i % 10 === 0 ? 'NodePort' : 'ClusterIP'}
  selector: { app: app-${i} }
  ports:
  - { port: 80, targetPort: ${i % 2 ? 'http' : w.port} }`);
  }
  for (let i = 0; i < BARE; i++) {
    const serves = i % 2 === 0;
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: tool-${i}
  namespace: ${NAMESPACES[i % NAMESPACES.length]}
  labels: { group: g-${i % 20} }
spec:
  containers:
  - name: main
    image: ${serves ? 'nginx:1.27' : 'busybox:1.36'}
    ${serves ? 'ports: [{ containerPort: 80 }]' : "command: ['sleep', '86400']"}`);
  }
  // The other Services select groups of bare pods (a group lives in one namespace; some select nothing there).
  for (let i = 0; i < SERVICES - DEPLOYMENTS; i++) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: group-${i}
  namespace: ${NAMESPACES[i % NAMESPACES.length]}
spec:
  selector: { group: g-${i % 20} }
  ports:
  - { port: 80 }`);
  }
  return docs.join('\n---\n');
}

function cluster(): ClusterSpec {
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    name: i === 0 ? 'control-1' : `worker-${String(i).padStart(3, '0')}`,
    role: i === 0 ? ('control-plane' as const) : ('worker' as const),
  }));
  return { cni: 'calico', nodes, workstation: { node: 'control-1', cwd: '/root', user: 'root' }, pins: [], faults: [], setup: [] };
}

interface Build {
  world: World;
  objects: number;
  parseMs: number;
  createMs: number;
  runMs: number;
  simulatedMs: number;
}

function build(): Build {
  const t0 = performance.now();
  const world = createWorld(cluster(), { seed: 1 });
  const t1 = performance.now();
  const { objects, diagnostics } = parseManifests(manifests(), 'bench.yaml');
  const bad = diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new Error(`bench manifests: ${bad.message}`);
  const t2 = performance.now();
  for (const o of objects) {
    const r = world.api.create(o, { fieldManager: 'kubectl-client-side-apply' });
    if (!r.ok) throw new Error(`create ${o.kind}/${o.metadata.name}: ${r.status.message}`);
  }
  const t3 = performance.now();
  const start = world.clock.now();
  world.control.settle();
  // Advance in 5 s steps, as `kubectl wait` would poll, until every pod runs (at most 10 simulated minutes).
  const notRunning = (): number => world.store.scan<Pod>('Pod').filter((p) => p.status?.phase !== 'Running').length;
  while (notRunning() > 0 && world.clock.now() - start < 600_000) world.control.advance(5_000);
  const t4 = performance.now();
  const left = notRunning();
  if (left) throw new Error(`${left} pods are not Running after 10 simulated minutes`);
  return {
    world,
    objects: objects.length,
    parseMs: t2 - t1,
    createMs: t3 - t2 + (t1 - t0),
    runMs: t4 - t3,
    simulatedMs: world.clock.now() - start,
  };
}

/** Every MATRIX-th pod of the workloads (a spread over namespaces, nodes and images), with the port it serves. */
function sample(world: World): { pod: Pod; port: number }[] {
  const pods = world.store.scan<Pod>('Pod').filter((p) => NAMESPACES.includes(p.metadata.namespace ?? ''));
  const step = pods.length / MATRIX;
  return Array.from({ length: Math.min(MATRIX, pods.length) }, (_, i) => {
    const pod = pods[Math.floor(i * step)];
    return { pod, port: pod.spec.containers[0].ports?.[0]?.containerPort ?? 80 };
  });
}

function matrix(world: World, pods: { pod: Pod; port: number }[]): { ms: number; probes: number; outcomes: Record<string, number> } {
  const outcomes: Record<string, number> = {};
  let probes = 0;
  const t0 = performance.now();
  for (const a of pods) {
    const from = { kind: 'pod' as const, namespace: a.pod.metadata.namespace ?? 'default', pod: a.pod.metadata.name };
    for (const b of pods) {
      if (a === b) continue;
      const r: ConnectResult = world.net.connect(from, b.pod.status?.podIP ?? '', b.port, 'TCP');
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      probes++;
    }
  }
  return { ms: performance.now() - t0, probes, outcomes };
}

/** Each sampled pod to ten Services of its namespace, by ClusterIP: kube-proxy's DNAT on every probe. */
function serviceProbes(world: World, pods: { pod: Pod }[]): { ms: number; probes: number; outcomes: Record<string, number> } {
  const outcomes: Record<string, number> = {};
  let probes = 0;
  const t0 = performance.now();
  for (const a of pods) {
    const ns = a.pod.metadata.namespace ?? 'default';
    const from = { kind: 'pod' as const, namespace: ns, pod: a.pod.metadata.name };
    for (const svc of world.store.scan<Service>('Service', ns).slice(0, 10)) {
      const r = world.net.connect(from, svc.spec.clusterIP ?? '', 80, 'TCP');
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      probes++;
    }
  }
  return { ms: performance.now() - t0, probes, outcomes };
}

async function lessonRuns(file: string): Promise<{ total: number[]; start: number[]; passed: number; failed: number }> {
  const lesson = parseLesson(readFileSync(file, 'utf8'), file);
  const total: number[] = [];
  const start: number[] = [];
  let passed = 0;
  let failed = 0;
  for (let i = 0; i < LESSON_RUNS; i++) {
    const t0 = performance.now();
    const kernel = new Kernel(lesson, new SimBackend());
    await kernel.start();
    const t1 = performance.now();
    await kernel.runAll();
    const report = await kernel.report();
    await kernel.stop();
    total.push(performance.now() - t0);
    start.push(t1 - t0);
    ({ passed, failed } = report.summary);
  }
  return { total, start, passed, failed };
}

const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const n = (x: number): string => x.toLocaleString('en-US');
const tally = (o: Record<string, number>): string =>
  Object.entries(o)
    .sort()
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');
const rows: [string, string, string][] = [];

console.log(
  `podlab simulator benchmark: node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}${values.quick ? ' (--quick)' : ''}`,
);
const b = build();
const pods = b.world.store.count('Pod');
const services = b.world.store.count('Service');
const system = { pods: pods - DEPLOYMENTS * REPLICAS - BARE, services: services - SERVICES };
rows.push([
  'cluster',
  `${NODES} nodes`,
  `calico; ${n(pods)} pods (${n(DEPLOYMENTS * REPLICAS)} from ${DEPLOYMENTS} Deployments, ${BARE} bare, ${system.pods} system), ${services} Services (${system.services} system)`,
]);
rows.push(['parse manifests', fmtMs(b.parseMs), `${n(b.objects)} objects`]);
rows.push(['boot + create via the API', fmtMs(b.createMs), 'createWorld (nodes, system pods) and every object through admission']);
rows.push(['control plane to Running', fmtMs(b.runMs), `settle, then advance in 5 s steps: ${b.simulatedMs / 1000} s simulated`]);
const picked = sample(b.world);
const runs = Array.from({ length: RUNS }, () => matrix(b.world, picked));
const m = median(runs.map((r) => r.ms));
rows.push([
  `matrix ${picked.length}x${picked.length - 1} (pod to pod)`,
  fmtMs(m),
  `median of ${RUNS}: ${n(Math.round((runs[0].probes / m) * 1000))} probes/s; ${tally(runs[0].outcomes)}`,
]);
const svc = serviceProbes(b.world, picked);
rows.push([
  'pod to Service (ClusterIP)',
  fmtMs(svc.ms),
  `${n(svc.probes)} probes, ${n(Math.round((svc.probes / svc.ms) * 1000))} probes/s; ${tally(svc.outcomes)}`,
]);
for (const lang of ['en', 'zh-CN']) {
  const r = await lessonRuns(`lessons/pod-networking/lesson.${lang}.md`);
  rows.push([
    `lesson pod-networking (${lang})`,
    fmtMs(median(r.total)),
    `median of ${LESSON_RUNS} full in-process runs (start ${fmtMs(median(r.start))}); ${r.passed} passed, ${r.failed} failed`,
  ]);
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
for (const [a, t, note] of rows) console.log(`${a.padEnd(w0)}  ${t.padStart(w1)}  ${note}`);
