// One class size of the lab load bench (bench/lab-load.ts), in a process of its own: start `podlab lab` on the article
// lesson (its own process, a fresh database), then N simulated learners join over HTTP and work over the lab's
// WebSocket exactly as the learner page does (hello, open, terminal-open, then run-cell after run-cell with seeded
// think times). Prints progress on stderr and one JSON line (a LoadResult) last on stdout.
// Run: node --import tsx bench/lib/lab-load-run.ts --learners N [--pace-ms MS] [--ramp-ms MS] [--db URL] [--seed S]
//      [--min-free-mb MB] [--sessions pool|process] [--pool-size N]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
// @ts-expect-error bin/ is plain JavaScript without types
import { bundleIsFresh } from '../../bin/bundle-fresh.js';
import { type LoadResult, percentile, seededRandom, thinkTime } from './lab-load-stats.ts';

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '50' },
    'pace-ms': { type: 'string', default: '8000' },
    'ramp-ms': { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'min-free-mb': { type: 'string', default: '4096' },
    sessions: { type: 'string', default: 'pool' },
    'pool-size': { type: 'string' },
  },
});
const N = Number(values.learners);
const PACE = Number(values['pace-ms']);
const RAMP = Number(values['ramp-ms'] ?? 60_000);
const MIN_FREE_MB = Number(values['min-free-mb']);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LESSON = path.join(ROOT, 'lessons/pod-networking/lesson.en.md');
const log = (s: string) => process.stderr.write(`lab-load N=${N}: ${s}\n`);

/** A process's status field in kB (VmRSS…), or 0 when it is gone. */
async function statusKb(pid: number, field: string): Promise<number> {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function pssKb(pid: number): Promise<number> {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU time of a process (ms), from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
async function cpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (the lab server and its session processes). */
async function tree(pid: number): Promise<number[]> {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of await readdir(`/proc/${out[i]}/task`)) {
        const kids = (await readFile(`/proc/${out[i]}/task/${t}/children`, 'utf8')).trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

async function memory(pid: number): Promise<{ serverRss: number; treeRss: number; treePss: number; cpu: number; processes: number }> {
  const pids = await tree(pid);
  let treeRss = 0;
  let treePss = 0;
  let cpu = 0;
  for (const p of pids) {
    treeRss += await statusKb(p, 'VmRSS');
    treePss += await pssKb(p);
    cpu += await cpuMs(p);
  }
  return { serverRss: await statusKb(pid, 'VmRSS'), treeRss, treePss, cpu, processes: pids.length };
}

async function memAvailableMb(): Promise<number> {
  const m = /^MemAvailable:\s+(\d+)/m.exec(await readFile('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) / 1024 : Infinity;
}

const dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-load-'));
const bundled = bundleIsFresh(new URL(`file://${ROOT}/`), 'dist/node') as boolean;
const env: NodeJS.ProcessEnv = { ...process.env };
delete env.PODLAB_FROM_SOURCE;
const args = [path.join(ROOT, 'bin/podlab.js'), 'lab', LESSON, '--port', '0', '--data', path.join(dir, 'db')];
if (values.db !== undefined) args.push('--db', values.db);
args.push('--sessions', values.sessions);
if (values['pool-size'] !== undefined) args.push('--pool-size', values['pool-size']);
const server = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
// Whatever ends this process, the lab (and with it its session processes) does not outlive it.
process.on('exit', () => server.kill('SIGKILL'));
let stderr = '';
server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
const { base, code } = await new Promise<{ base: string; code: string }>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /learners join at: (http:\/\/[^ ]+\/)lab\/join\?code=(\w+)/.exec(out);
    if (m) resolve({ base: m[1], code: m[2] });
  });
  void exited.then((c) => reject(new Error(`podlab lab exited ${c}: ${stderr.trim()}`)));
});
const origin = new URL(base).origin;
const serverPid = server.pid!;
// Let the idle server settle (the database's start-up work, the first lease renewal) before the baseline.
await new Promise((r) => setTimeout(r, 2000));
const before = await memory(serverPid);
log(`server ${serverPid} up at ${base} (${bundled ? 'the bundle' : 'sources'}); idle RSS ${Math.round(before.serverRss / 1024)} MB`);

interface Learner {
  latencies: number[];
  errors: string[];
  failed?: string;
}

let aborted: string | undefined;
const random = seededRandom(Number(values.seed));
const plans = Array.from({ length: N }, () => ({ arrival: Math.round(random() * RAMP), seed: Math.floor(random() * 2 ** 31) }));

async function learner(i: number): Promise<Learner> {
  const me: Learner = { latencies: [], errors: [] };
  const plan = plans[i];
  const rand = seededRandom(plan.seed);
  await new Promise((r) => setTimeout(r, plan.arrival));
  if (aborted) return { ...me, failed: aborted };
  // A keep-alive connection the server closes just as a request goes out resets: a page would retry, so does this.
  let joined: Response | undefined;
  for (let attempt = 1; !joined; attempt++) {
    try {
      joined = await fetch(new URL('lab/join', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ code, name: `learner-${String(i + 1).padStart(3, '0')}` }),
      });
    } catch (e) {
      if (attempt === 3) return { ...me, failed: `join: ${(e as Error).message}: ${String((e as Error).cause)}` };
    }
  }
  if (joined.status !== 200) return { ...me, failed: `join: ${joined.status} ${(await joined.text()).trim()}` };
  const { token } = (await joined.json()) as { token: string };
  const ws = new WebSocket(base.replace(/^http/, 'ws') + 'lab/ws', { headers: { origin } });
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  let welcome: ((m: Record<string, unknown>) => void) | undefined;
  let closed: string | undefined;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Record<string, unknown>;
    if (m.type === 'lab-welcome') welcome?.(m);
    else if (typeof m.id === 'number') waiting.get(m.id)?.(m);
  });
  const gone = new Promise<never>((_, reject) =>
    ws.on('close', (c, reason) => {
      closed = `socket closed ${c} ${reason.toString()}`;
      reject(new Error(closed));
    }),
  );
  gone.catch(() => undefined);
  ws.on('error', () => undefined);
  let next = 1;
  const request = (m: object): Promise<Record<string, unknown>> => {
    const id = next++;
    const answer = new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
    ws.send(JSON.stringify({ id, ...m }));
    return Promise.race([answer, gone]).finally(() => waiting.delete(id));
  };
  try {
    await Promise.race([new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject))), gone]);
    const hello = Promise.race([new Promise<Record<string, unknown>>((resolve) => (welcome = resolve)), gone]);
    ws.send(JSON.stringify({ type: 'learner', token }));
    const w = await hello;
    const lesson = (w.lessons as { id: string; cells: string[] }[])[0];
    // What the page does on a first welcome: open the lesson, open its terminal.
    const opened = await request({ type: 'open', lessonId: lesson.id });
    if (opened.type !== 'opened') throw new Error(`open: ${String(opened.message)}`);
    const term = await request({ type: 'terminal-open', terminalId: 't' });
    if (term.type !== 'terminal-opened') throw new Error(`terminal-open: ${String(term.message)}`);
    for (const cell of lesson.cells) {
      await new Promise((r) => setTimeout(r, thinkTime(PACE, rand)));
      if (aborted) throw new Error(aborted);
      const t0 = performance.now();
      const r = await request({ type: 'run-cell', cellId: cell });
      if (r.type === 'cell-outcome') me.latencies.push(performance.now() - t0);
      else me.errors.push(`${cell}: ${String(r.code)}: ${String(r.message)}`);
    }
  } catch (e) {
    me.failed = (e as Error).message;
  } finally {
    ws.close();
  }
  return me;
}

// Stop early, rather than push the machine into swapping or the OOM killer, when free memory runs low.
const guard = setInterval(() => {
  void memAvailableMb().then((free) => {
    if (free < MIN_FREE_MB && !aborted) {
      aborted = `stopped: the machine had ${Math.round(free)} MB of memory left (less than --min-free-mb ${MIN_FREE_MB})`;
      log(aborted);
      // Free the memory at once: the session processes end when their server's channel closes.
      server.kill('SIGKILL');
    }
  });
}, 500);
const progress = setInterval(
  () => void memory(serverPid).then((m) => log(`${m.processes - 1} session processes, tree RSS ${Math.round(m.treeRss / 1024)} MB`)),
  15_000,
);

const t0 = performance.now();
const cpu0 = (await memory(serverPid)).cpu;
const results = await Promise.all(
  plans.map((_, i) => learner(i).catch((e: Error): Learner => ({ latencies: [], errors: [], failed: e.message }))),
);
const driveMs = performance.now() - t0;
clearInterval(guard);
clearInterval(progress);
const after = await memory(serverPid);
server.kill('SIGTERM');
await exited;
await rm(dir, { recursive: true, force: true });
const writes = /podlab lab: (\d+) database writes/.exec(stderr);
const latencies = results.flatMap((r) => r.latencies);
const errorSamples = [...new Set([...results.flatMap((r) => r.errors), ...results.flatMap((r) => (r.failed ? [r.failed] : []))])].slice(
  0,
  5,
);
const result: LoadResult = {
  learners: N,
  paceMs: PACE,
  cells: latencies.length,
  errors: results.reduce((n, r) => n + r.errors.length, 0),
  failedLearners: results.filter((r) => r.failed).length,
  errorSamples,
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
  maxMs: percentile(latencies, 100),
  driveMs,
  serverRssBeforeKb: before.serverRss,
  serverRssAfterKb: after.serverRss,
  treeRssBeforeKb: before.treeRss,
  treeRssAfterKb: after.treeRss,
  treePssBeforeKb: before.treePss,
  treePssAfterKb: after.treePss,
  cpuMs: after.cpu - cpu0,
  dbWrites: writes ? Number(writes[1]) : NaN,
  runtime: bundled ? 'the bundle' : 'sources (no fresh bundle: npm run build)',
  database: values.db !== undefined ? 'PostgreSQL (--db)' : 'embedded (PGlite)',
  sessions:
    values.sessions === 'pool'
      ? `a pool of ${values['pool-size'] === undefined ? 'host processes (one per CPU)' : `${values['pool-size']} host processes`}`
      : 'a process per learner',
};
console.log(JSON.stringify(result));
