// Run every benchmark in bench/ in turn, each in its own process; `--quick` passes each its short form.
// Run: npm run bench:all [-- --quick]   (or: node --import tsx bench/run.ts [--quick] [name ...]); the issue-13 table: npm run bench
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { quick: { type: 'boolean', default: false } }, allowPositionals: true });
const dir = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));

/** Arguments that make a benchmark short (fewer repetitions, same sizes); benchmarks not listed take none. */
const QUICK_ARGS: Record<string, string[]> = {
  'sim.ts': ['--quick'],
  'grade.ts': ['--n', '70'],
  'web-first-run.ts': ['3'],
  'lab-load.ts': ['--learners', '20', '--pace-ms', '2000', '--ramp-ms', '10000'],
};

const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== self && f !== 'table.ts')
  .filter((f) => positionals.length === 0 || positionals.some((p) => f === p || f === `${p}.ts`))
  .sort();
const results: { name: string; code: number; ms: number }[] = [];
for (const name of benches) {
  const args = values.quick ? (QUICK_ARGS[name] ?? []) : [];
  console.log(`\n=== bench/${name} ${args.join(' ')}`.trimEnd());
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, name), ...args], { stdio: 'inherit' });
  results.push({ name, code: r.status ?? 1, ms: performance.now() - t0 });
}
console.log('\n=== summary');
for (const r of results)
  console.log(`${r.name.padEnd(20)} ${r.code === 0 ? 'ok    ' : `exit ${r.code}`} ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
