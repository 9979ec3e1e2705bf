// The performance table of issue 13: each figure measured in a process of its own, the median of several runs,
// next to its goal and, where there is one, a reference measured in the same run (`node -e 0`, the pair-by-pair
// matrix). Ratio = figure / goal (at most 1 meets the goal).
// Run: npm run bench [-- --quick] [--runs N]   (every bench file in turn: npm run bench:all)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error bin/ is plain JavaScript without types
import { bundleIsFresh } from '../bin/bundle-fresh.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? (values.quick ? 1 : 3));
const dir = path.dirname(fileURLToPath(import.meta.url));
// The machine's load when the run began: figures taken on a busy machine say so.
const loadBefore = loadavg()[0];
const root = path.dirname(dir);
const measure = path.join(dir, 'lib/measure.ts');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Run measure.ts in fresh processes; the median figure and the last note. */
function figure(args: string[], runs = RUNS): { ms: number; note: string } | { error: string } {
  const ms: number[] = [];
  let note = '';
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', measure, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !last.startsWith('{'))
      return { error: `exit ${r.status}: ${(r.stderr || last).trim().split('\n').slice(-1)[0]}` };
    const parsed = JSON.parse(last) as { ms: number; note: string };
    ms.push(parsed.ms);
    note = parsed.note;
  }
  return { ms: median(ms), note };
}

/** Wall time of a command, median of `runs` processes. */
function wall(cmd: string[], runs: number): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd.join(' ')}: exit ${r.status}`);
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const fmt = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const rows: { measure: string; goal: number; figure?: number; reference: string }[] = [];
const add = (measure: string, goal: number, r: { ms: number; note: string } | { error: string }, reference = '') =>
  rows.push(
    'error' in r
      ? { measure, goal, reference: r.error }
      : { measure, goal, figure: r.ms, reference: [r.note, reference].filter(Boolean).join('; ') },
  );

add('article lesson, all cells + checks, in-process (warm)', 15, figure(['lesson'], Math.max(RUNS, 3)));

const wallRuns = Math.max(RUNS, 5);
const bundled = bundleIsFresh(new URL(`file://${root}/`), 'dist/node') as boolean;
const node0 = wall([process.execPath, '-e', '0'], wallRuns);
const run = wall([process.execPath, 'bin/podlab.js', 'run', 'lessons/pod-networking/lesson.en.md'], wallRuns);
rows.push({
  measure: '`podlab run LESSON` wall time',
  goal: 300,
  figure: run,
  reference: `node -e 0: ${fmt(node0)} (×${(run / node0).toFixed(1)}); ${bundled ? 'the bundle' : 'sources (no fresh bundle: npm run build)'}`,
});

const pairs = figure(['matrix', '300', '--pairs'], 1);
const classes = figure(['matrix', '300']);
add(
  'reachability matrix, 300 pods',
  100,
  classes,
  'error' in pairs || 'error' in classes ? '' : `pair by pair: ${fmt(pairs.ms)} (×${(pairs.ms / classes.ms).toFixed(1)} faster)`,
);
add('reachability matrix, 3,000 pods', 5000, figure(['matrix', '3000'], values.quick ? 1 : Math.min(RUNS, 3)));
add('3,207 pods built through the API to Running', 3000, figure(['build']));

if (existsSync(path.join(dir, 'web-first-run.ts'))) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'web-first-run.ts'), String(values.quick ? 3 : 7)], {
    cwd: root,
    encoding: 'utf8',
  });
  const m = /first cell's outcome: median (\d+) ms \(min (\d+), max (\d+)\)/.exec(r.stdout);
  if (m)
    rows.push({
      measure: 'first cell verdict in the browser (static, headless chromium)',
      goal: 500,
      figure: Number(m[1]),
      reference: `min ${m[2]} ms, max ${m[3]} ms`,
    });
  else
    rows.push({
      measure: 'first cell verdict in the browser (static, headless chromium)',
      goal: 500,
      reference: `not measured: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? ''}`,
    });
}

const table = rows.map((r) => [
  r.measure,
  `< ${fmt(r.goal)}`,
  r.figure === undefined ? '-' : fmt(r.figure),
  r.figure === undefined ? '-' : (r.figure / r.goal).toFixed(2),
  r.reference,
]);
const head = ['measure', 'goal', 'figure', 'ratio', 'reference'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
console.log(
  `podlab bench: node ${process.version}, medians of ${RUNS} process${RUNS === 1 ? '' : 'es'} (wall times of ${wallRuns}); load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
);
for (const r of [head, widths.map((w) => '-'.repeat(w)), ...table]) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
process.exitCode = rows.every((r) => r.figure !== undefined) ? 0 : 1;
