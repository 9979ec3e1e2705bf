// Benchmark: Events under 10,000 pods that stay Pending (no pod addresses left), each retrying its sandbox every 10 s
// with a new sandbox id. Events must stay bounded (client-go's correlator: 25 per pod, then one every 5 minutes,
// similar ones combined) and expire after 1 h of simulated time; the process's memory must level off.
// Run: node --import tsx bench/events.ts [--quick] [--pods 10000] [--minutes 70]
import { parseArgs } from 'node:util';
import type { ClusterSpec } from '../src/core/lesson/model.ts';
import type { KObject } from '../src/core/sim/api/types.ts';
import { createWorld } from '../src/core/sim/world.ts';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, pods: { type: 'string' }, minutes: { type: 'string' } },
});
const PODS = Number(values.pods ?? (values.quick ? 2000 : 10_000));
const MINUTES = Number(values.minutes ?? (values.quick ? 15 : 70));

// Two workers with a /26 each: about 120 pods get an address, every other one stays Pending.
const cluster: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'control-1', role: 'control-plane' },
    { name: 'worker-1', role: 'worker', podCIDR: '192.168.1.0/26' },
    { name: 'worker-2', role: 'worker', podCIDR: '192.168.2.0/26' },
  ],
  workstation: { node: 'control-1', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
} as ClusterSpec;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
function sample(label: string, world: ReturnType<typeof createWorld>): void {
  globalThis.gc?.();
  const events = world.store.scan<KObject>('Event');
  const occurrences = events.reduce((n, e) => n + Number(e.count ?? 1), 0);
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(14)} events ${String(events.length).padStart(7)}  occurrences ${String(occurrences).padStart(8)}  rss ${mb(m.rss).padStart(7)}  heap ${mb(m.heapUsed).padStart(7)}`,
  );
}

const t0 = performance.now();
const world = createWorld(cluster, { seed: 1 });
for (let i = 0; i < PODS; i++) {
  const r = world.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '86400'] }] },
  } as KObject);
  if (!r.ok) throw new Error(r.status.message);
}
world.control.settle();
console.log(`${PODS} pods, ${MINUTES} simulated minutes (a sandbox retry every 10 s per Pending pod)`);
sample('created', world);
for (let minute = 1; minute <= MINUTES; minute++) {
  for (let s = 0; s < 12; s++) world.control.advance(5_000);
  if (minute % 5 === 0 || minute === MINUTES) sample(`${minute} min`, world);
}
console.log(`wall time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
