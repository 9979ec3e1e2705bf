// The lab load bench (issue 16, item 7): N simulated learners work through the article lesson in a `podlab lab`
// over WebSocket, at a think-time pace with seeded jitter; for each class size, the cell latency (run-cell sent →
// verdict), the memory a session adds, the database writes per second. Each size runs in a process of its own
// (bench/lib/lab-load-run.ts) against a fresh `podlab lab` process and database; with --runs, figures are medians.
// Then: where it saturates, and how many instances a class of 1,000 needs, with the arithmetic.
// Run: node --import tsx bench/lab-load.ts [--learners 50,200,500] [--pace-ms 8000] [--db postgres://…]
//      [--sessions pool|process] [--pool-size N] [--json]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  capacity,
  instancesFor,
  type LoadResult,
  markdownTable,
  median,
  meetsTargets,
  perSessionMb,
  saturation,
  TARGETS,
} from './lib/lab-load-stats.ts';

const HELP = `usage: node --import tsx bench/lab-load.ts [options]

  --learners LIST    class sizes to measure, comma-separated (default 50,200,500)
  --pace-ms MS       mean think time between two cells of a learner; each pause is drawn
                     from [0.5, 1.5] × MS with a seeded generator (default 8000)
  --ramp-ms MS       learners arrive spread over this long (default 60000: a class
                     joining over a minute)
  --db URL           run the lab on this PostgreSQL server (postgres://…) instead of the
                     embedded database (each size gets the lab's tables in that database)
  --sessions HOW     pool: the lab's default, learners' sessions share host processes;
                     process: a process per learner (default pool)
  --pool-size N      host processes of the pool (default: the lab's, one per CPU)
  --runs N           runs of each size, each in fresh processes; figures are medians (default 1)
  --seed S           the seed of arrivals and think times (default 1)
  --min-free-mb MB   stop a run when the machine's free memory falls below this (default 4096);
                     a size whose predicted memory would not fit is not started at all
  --json             print the measured figures as JSON instead of the table
  --help             this text

Memory is measured for the lab's whole process tree (the server and its session processes): a
size is skipped, and said so, when the memory a session took in the previous size predicts it
would not fit.`;

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '50,200,500' },
    'pace-ms': { type: 'string', default: '8000' },
    'ramp-ms': { type: 'string' },
    db: { type: 'string' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'min-free-mb': { type: 'string', default: '4096' },
    sessions: { type: 'string', default: 'pool' },
    'pool-size': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const sizes = values.learners.split(',').map((s) => Number(s.trim()));
const pace = Number(values['pace-ms']);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(pace > 0) || !Number.isInteger(runs) || runs < 1) {
  console.error('lab-load: --learners takes positive integers (50,200), --pace-ms a positive number, --runs a positive integer\n');
  console.error(HELP);
  process.exit(2);
}
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib/lab-load-run.ts');
const meminfo = (field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const machine = { cores: availableParallelism(), memoryMb: meminfo('MemTotal') };

function runOnce(n: number, run: number): LoadResult | { error: string } {
  const args = ['--import', 'tsx', runner, '--learners', String(n), '--pace-ms', String(pace)];
  args.push('--seed', String(Number(values.seed) + run), '--min-free-mb', values['min-free-mb']);
  if (values['ramp-ms'] !== undefined) args.push('--ramp-ms', values['ramp-ms']);
  if (values.db !== undefined) args.push('--db', values.db);
  args.push('--sessions', values.sessions);
  if (values['pool-size'] !== undefined) args.push('--pool-size', values['pool-size']);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) return { error: `exit ${r.status}` };
  return JSON.parse(last) as LoadResult;
}

/** The median of each figure over runs (counts too: a run is one class). */
function medianOf(xs: LoadResult[]): LoadResult {
  const m = { ...xs[0] };
  for (const key of Object.keys(m) as (keyof LoadResult)[])
    if (typeof m[key] === 'number') (m as unknown as Record<string, number>)[key] = median(xs.map((x) => x[key] as number));
  return m;
}

const measured: LoadResult[] = [];
const rows: string[][] = [];
const notes: string[] = [];
for (const n of sizes) {
  // Predict this size's memory from the largest size measured so far; do not start what would not fit.
  const prev = measured[measured.length - 1];
  if (prev) {
    const need = (prev.treeRssBeforeKb / 1024 + perSessionMb(prev, 'treeRss') * n) * 1.1;
    const free = meminfo('MemAvailable') - Number(values['min-free-mb']);
    if (need > free) {
      rows.push([
        String(n),
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        `not run: needs ≈${(need / 1024).toFixed(1)} GB, ${(free / 1024).toFixed(1)} GB free`,
      ]);
      notes.push(
        `${n} learners: not started: ${perSessionMb(prev, 'treeRss').toFixed(0)} MB per session (measured at ${prev.learners}) × ${n} ≈ ${(need / 1024).toFixed(1)} GB > ${(free / 1024).toFixed(1)} GB free: memory saturates first.`,
      );
      continue;
    }
  }
  const got: LoadResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runOnce(n, i);
    if ('error' in r) {
      notes.push(`${n} learners: the run failed (${r.error})`);
      break;
    }
    got.push(r);
  }
  if (got.length === 0) {
    rows.push([String(n), '-', '-', '-', '-', '-', '-', '-', '-', '-', 'failed']);
    continue;
  }
  const r = medianOf(got);
  measured.push(r);
  const verdict = meetsTargets(r);
  rows.push([
    String(n),
    `${r.cells}/${r.errors}/${r.failedLearners}`,
    `${Math.round(r.p50Ms)} ms`,
    `${Math.round(r.p99Ms)} ms`,
    `${Math.round(r.maxMs)} ms`,
    `${perSessionMb(r, 'serverRss').toFixed(1)} MB`,
    `${perSessionMb(r, 'treeRss').toFixed(1)} MB`,
    `${perSessionMb(r, 'treePss').toFixed(1)} MB`,
    `${((r.dbWrites / r.driveMs) * 1000).toFixed(1)}`,
    `${((r.cells / r.driveMs) * 1000).toFixed(1)}`,
    verdict.ok ? 'meets targets' : verdict.why.join('; '),
  ]);
  for (const e of r.errorSamples) notes.push(`${n} learners: ${e}`);
}

if (values.json) {
  console.log(JSON.stringify({ machine, load, pace, runs, results: measured, notes }, null, 2));
} else {
  const first = measured[0];
  console.log(
    `podlab lab load: article lesson, ${first ? `${first.runtime}, ${first.database}, sessions in ${first.sessions}` : ''}; pace ${pace} ms (×0.5–1.5); ` +
      `${machine.cores} cores, ${(machine.memoryMb / 1024).toFixed(1)} GB; load average at start ${load}; ` +
      `${runs === 1 ? 'one run per size' : `medians of ${runs} runs`}`,
  );
  console.log(
    `targets: p99 < ${TARGETS.p99Ms} ms and < ${TARGETS.rssPerSessionMb} MB per session (server + session processes' RSS) at 200 learners`,
  );
  console.log(
    markdownTable(
      [
        'learners',
        'cells/err/failed',
        'p50',
        'p99',
        'max',
        'server RSS/session',
        'RSS/session (all)',
        'PSS/session (all)',
        'DB writes/s',
        'cells/s',
        'verdict',
      ],
      rows,
    ),
  );
  for (const n of notes) console.log(`- ${n}`);
  const cap = capacity(measured, machine);
  if (cap) {
    console.log(
      `one instance of this machine serves ${cap.atMost ? 'at most ' : '≈'}${cap.learners} learners at this pace (bound: ${cap.bound}); from:`,
    );
    for (const h of cap.how) console.log(`  ${h}`);
    const at200 = measured.find((r) => r.learners === 200);
    if (at200) {
      const v = meetsTargets(at200);
      console.log(`targets at 200 learners: ${v.ok ? 'met' : `missed (${v.why.join('; ')})`}`);
    }
    const saturated = saturation(measured);
    console.log(
      saturated
        ? `saturates: at ${saturated.learners} learners (${saturated.why})`
        : `saturates: not within the measured sizes; predicted at ≈${cap.learners} learners, on ${cap.bound}`,
    );
    console.log(
      `a class of 1,000: ${cap.atMost ? 'at least ' : ''}${instancesFor(1000, cap.learners)} instance${instancesFor(1000, cap.learners) === 1 ? '' : 's'} of this machine (⌈1000 / ${cap.learners}⌉) behind one proxy on one PostgreSQL` +
        (cap.bound === 'latency'
          ? `; by CPU and memory alone, ${instancesFor(1000, Math.min(cap.cpuBound, cap.memoryBound))} (⌈1000 / ${Math.min(cap.cpuBound, cap.memoryBound)}⌉)`
          : ''),
    );
  }
}
process.exitCode = measured.length > 0 ? 0 : 1;
