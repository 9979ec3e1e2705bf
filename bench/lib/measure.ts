// One figure of the bench table (bench/table.ts), measured in a process of its own; prints one JSON line last:
// { "ms": figure, "note": "..." }.
// Run: node --import tsx bench/lib/measure.ts lesson [LESSON.md] | matrix PODS [--pairs] | build
import { readFileSync } from 'node:fs';
import { computeMatrix, matrixCounts } from '../../src/core/check/matrix.ts';
import type { ClusterSpec } from '../../src/core/lesson/model.ts';
import { parseLesson } from '../../src/core/lesson/index.ts';
import { Kernel } from '../../src/core/runtime/kernel.ts';
import type { Pod } from '../../src/core/sim/api/types.ts';
import { SimBackend } from '../../src/core/sim/sim-backend.ts';

const [what, arg, flag] = process.argv.slice(2);
const NAMESPACES = ['default', 'shop', 'search', 'billing', 'media'];

/** Deployments of ten replicas over `nodes` Calico nodes, in five namespaces; with one Service each when asked. */
function clusterOf(pods: number, nodes: number, services: boolean, namespaces = NAMESPACES): ClusterSpec {
  const docs = namespaces.filter((n) => n !== 'default').map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}`);
  for (let i = 0; i < Math.ceil(pods / 10); i++) {
    const ns = namespaces[i % namespaces.length];
    const image = i % 2 ? 'nginx:1.27' : 'httpd:2.4';
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  replicas: ${Math.min(10, pods - i * 10)}\n  selector:\n    matchLabels: { app: app-${i} }\n  template:\n    metadata:\n      labels: { app: app-${i}, tier: web }\n    spec:\n      containers:\n      - name: main\n        image: ${image}\n        ports: [{ name: http, containerPort: 80 }]`,
    );
    if (services)
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  selector: { app: app-${i} }\n  ports: [{ port: 80, targetPort: http }]`,
      );
  }
  const nodeList = Array.from({ length: nodes }, (_, i) => ({
    name: i === 0 ? 'control-1' : `worker-${String(i).padStart(3, '0')}`,
    role: i === 0 ? ('control-plane' as const) : ('worker' as const),
  }));
  return {
    cni: 'calico',
    nodes: nodeList,
    workstation: { node: 'control-1', cwd: '/root', user: 'root' },
    pins: [],
    faults: [],
    setup: [{ manifests: docs.join('\n---\n'), pos: { file: 'bench.yaml', line: 1 }, after: '10m' }],
  } as ClusterSpec;
}

function print(ms: number, note: string): void {
  console.log(JSON.stringify({ ms, note }));
}

if (what === 'lesson') {
  // In-process and warm: WARMUP runs for the JIT (a run keeps getting faster for some twenty runs: three were not
  // warm), then the median of MEASURED runs. The first run in the process is in the note: a cold start's share.
  const WARMUP = 10;
  const MEASURED = 10;
  const file = arg ?? 'lessons/pod-networking/lesson.en.md';
  const lesson = parseLesson(readFileSync(file, 'utf8'), file);
  const once = async () => {
    const t0 = performance.now();
    const kernel = new Kernel(lesson, new SimBackend());
    await kernel.runAll();
    const r = await kernel.report();
    await kernel.stop();
    return { ms: performance.now() - t0, r };
  };
  const first = await once();
  for (let i = 1; i < WARMUP; i++) await once();
  const runs: number[] = [];
  let last = first.r;
  for (let i = 0; i < MEASURED; i++) {
    const { ms, r } = await once();
    runs.push(ms);
    last = r;
  }
  runs.sort((a, b) => a - b);
  const ms = (runs[MEASURED / 2 - 1] + runs[MEASURED / 2]) / 2;
  print(
    ms,
    `${last.summary.passed} passed, ${last.summary.failed} failed; median of runs ${WARMUP + 1}-${WARMUP + MEASURED} (first run in the process ${Math.round(first.ms)} ms; fastest-slowest measured ${Math.round(runs[0])}-${Math.round(runs[MEASURED - 1])} ms)`,
  );
} else if (what === 'matrix') {
  // Pod to pod, all in one namespace so every column names a pod without DNS (a pod's bare name from another
  // namespace is a DNS name, probed on its own), and no Services (their columns resolve names per probe).
  const pods = Number(arg);
  const spec = clusterOf(pods, Math.max(2, Math.round(pods / 30)), false, ['default']);
  const backend = new SimBackend();
  await backend.start(spec, { seed: 1, lessonId: 'bench' });
  const running = backend.world.store.scan<Pod>('Pod').filter((p) => p.status?.phase === 'Running').length;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const m = await computeMatrix(
    backend,
    { cluster: spec, cells: [] },
    { maxPods: Infinity, maxTargets: Infinity, classes: flag !== '--pairs' },
  );
  const probed = performance.now() - t0;
  // The figure includes reading every square's outcome and verdict, as `podlab matrix` does before it draws the grid
  // (by classes, from the squares: the cells, one object per square, are made only when `cells` is read).
  const { squares } = matrixCounts(m);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time too: on a shared machine it moves less than wall time.
  print(
    ms,
    `${m.sources.length}×${m.targets.length}: ${squares.toLocaleString('en-US')} squares, ${flag === '--pairs' ? 'pair by pair' : 'by classes'} (probed in ${Math.round(probed)} ms, squares read in ${Math.round(ms - probed)} ms; CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms); ${running} pods Running`,
  );
} else if (what === 'build') {
  // Through the API to Running: 3,000 pods of Deployments with 300 Services on 100 nodes, plus the system pods.
  const spec = clusterOf(3000, 100, true);
  const t0 = performance.now();
  const backend = new SimBackend();
  await backend.start(spec, { seed: 1, lessonId: 'bench' });
  const ms = performance.now() - t0;
  const all = backend.world.store.scan<Pod>('Pod');
  print(
    ms,
    `${all.length.toLocaleString('en-US')} pods, ${all.filter((p) => p.status?.phase === 'Running').length.toLocaleString('en-US')} Running`,
  );
} else {
  console.error('usage: measure.ts lesson [LESSON.md] | matrix PODS [--pairs] | build');
  process.exit(2);
}
