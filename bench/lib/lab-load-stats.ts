// The pure part of the lab load bench (bench/lab-load.ts): percentiles, the seeded think times, the table, and how
// many instances a class needs, derived from the measured figures. No I/O here: test/unit/lab checks it.

/** One measured class size, as bench/lib/lab-load-run.ts prints it (its last line, JSON). */
export interface LoadResult {
  learners: number;
  /** Mean think time between two cells of a learner (ms); each pause is drawn from [0.5, 1.5] × this. */
  paceMs: number;
  /** Cells sent and answered with a verdict (a cell outcome). */
  cells: number;
  /** Cells answered with an error (refused, budget, database…), and learners that never got to work. */
  errors: number;
  failedLearners: number;
  /** First error messages seen (a few, for the report). */
  errorSamples: string[];
  /** Latency from sending run-cell to its verdict (ms). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Wall time from the first join to the last verdict (ms). */
  driveMs: number;
  /** VmRSS of the `podlab lab` process itself, before the learners and after (kB). */
  serverRssBeforeKb: number;
  serverRssAfterKb: number;
  /** The same summed over the server and its session processes (RSS, and PSS: shared pages split between sharers). */
  treeRssBeforeKb: number;
  treeRssAfterKb: number;
  treePssBeforeKb: number;
  treePssAfterKb: number;
  /** CPU time (user + system) of the server and its session processes during the drive (ms). */
  cpuMs: number;
  /** Database statements that wrote (INSERT, UPDATE, DELETE), as the server reported them when it stopped. */
  dbWrites: number;
  /** Where the lab ran: "the bundle" or "sources", and the database. */
  runtime: string;
  database: string;
  /** How sessions ran: in a pool of shared host processes, or a process each (`--sessions`). */
  sessions: string;
}

/** Nearest-rank percentile (p in 0..100) of a list; NaN for an empty one. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A small seeded generator (mulberry32): the same seed gives the same think times and arrivals on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A think time around `paceMs`: uniform in [0.5, 1.5] × paceMs. */
export function thinkTime(paceMs: number, random: () => number): number {
  return Math.round(paceMs * (0.5 + random()));
}

/** A Markdown table (the house style of bench/table.ts): a header, a rule, rows, columns padded. */
export function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [head, widths.map((w) => '-'.repeat(w)), ...rows]
    .map((r) => `| ${widths.map((w, i) => (r[i] ?? '').padEnd(w)).join(' | ')} |`)
    .join('\n');
}

export const TARGETS = { p99Ms: 500, rssPerSessionMb: 15 } as const;

const mb = (kb: number) => kb / 1024;

/**
 * Memory one session adds (MB), divided by the learners: for the server alone, its growth (negative when the
 * garbage of its start-up — the embedded database's creation — was collected during the run); for the server with
 * its session processes, the session processes' growth plus the server's growth when it grew (a shrinking server
 * must not hide what the sessions cost).
 */
export function perSessionMb(r: LoadResult, which: 'serverRss' | 'treeRss' | 'treePss'): number {
  const server = r.serverRssAfterKb - r.serverRssBeforeKb;
  if (which === 'serverRss') return mb(server) / r.learners;
  const [before, after] = which === 'treeRss' ? [r.treeRssBeforeKb, r.treeRssAfterKb] : [r.treePssBeforeKb, r.treePssAfterKb];
  // The server's share of the tree's figure: its RSS (for PSS, close enough: little of it is shared).
  return mb(after - before - server + Math.max(0, server)) / r.learners;
}

/** Whether a measured class size meets the issue's targets (latency, memory per session, no errors). */
export function meetsTargets(r: LoadResult): { ok: boolean; why: string[] } {
  const why: string[] = [];
  if (r.errors > 0 || r.failedLearners > 0) why.push(`${r.errors} cell errors, ${r.failedLearners} learners failed`);
  if (!(r.p99Ms < TARGETS.p99Ms)) why.push(`p99 ${Math.round(r.p99Ms)} ms ≥ ${TARGETS.p99Ms} ms`);
  const rss = perSessionMb(r, 'treeRss');
  if (!(rss < TARGETS.rssPerSessionMb)) why.push(`${rss.toFixed(1)} MB RSS per session ≥ ${TARGETS.rssPerSessionMb} MB`);
  return { ok: why.length === 0, why };
}

export interface Capacity {
  /** Learners one instance serves: the smallest of the three bounds below. */
  learners: number;
  /** Which bound binds: 'cpu', 'memory' or 'latency'. */
  bound: 'cpu' | 'memory' | 'latency';
  cpuBound: number;
  memoryBound: number;
  /**
   * The largest measured class size whose p99 met the target (Infinity when every measured size met it; the smallest
   * size measured less one when even that one missed).
   */
  latencyBound: number;
  /** True when `learners` is only an upper bound: even the smallest size measured missed the latency target. */
  atMost: boolean;
  /** The arithmetic, in words, for the report. */
  how: string[];
}

/**
 * Learners one instance can serve, from the measured figures:
 * - CPU: each learner asks for one cell per think time, and a cell costs the measured CPU time (server and session
 *   processes); an instance is full when cells would use `cpuShare` of its cores.
 * - memory: (the instance's memory budget − the idle server) / the memory one session adds (RSS, largest run).
 * - latency: no more than the largest measured class size whose p99 stayed under the target, when a larger one
 *   missed it (a bound seen, not extrapolated).
 */
export function capacity(
  results: readonly LoadResult[],
  machine: { cores: number; memoryMb: number },
  cpuShare = 0.7,
  memoryShare = 0.8,
): Capacity | undefined {
  const ran = results.filter((r) => r.cells > 0);
  if (ran.length === 0) return undefined;
  const largest = ran.reduce((a, b) => (b.learners > a.learners ? b : a));
  const cpuPerCellMs = largest.cpuMs / largest.cells;
  const cellsPerSecondPerLearner = 1000 / largest.paceMs;
  const cpuBound = Math.floor((machine.cores * cpuShare * 1000) / (cpuPerCellMs * cellsPerSecondPerLearner));
  const perSession = perSessionMb(largest, 'treeRss');
  const memoryBound = Math.floor((machine.memoryMb * memoryShare - mb(largest.treeRssBeforeKb)) / Math.max(perSession, 0.001));
  const sorted = [...ran].sort((a, b) => a.learners - b.learners);
  const firstMiss = sorted.find((r) => saturation([r]) !== undefined);
  const metBefore = firstMiss ? sorted.filter((r) => r.learners < firstMiss.learners).pop() : undefined;
  // When even the smallest size measured missed, the bound is "fewer than that": its size less one, an upper bound.
  const latencyBound = firstMiss ? (metBefore?.learners ?? firstMiss.learners - 1) : Infinity;
  const bounds = { cpu: cpuBound, memory: memoryBound, latency: latencyBound };
  const bound = (Object.keys(bounds) as (keyof typeof bounds)[]).reduce((a, b) => (bounds[b] < bounds[a] ? b : a));
  return {
    learners: Math.max(0, bounds[bound]),
    bound,
    atMost: bound === 'latency' && firstMiss !== undefined && metBefore === undefined,
    cpuBound,
    memoryBound,
    latencyBound,
    how: [
      `cpu: ${machine.cores} cores × ${cpuShare} / (${cpuPerCellMs.toFixed(1)} ms CPU per cell, session start-up included, × ${cellsPerSecondPerLearner.toFixed(3)} cells/s per learner at a ${largest.paceMs} ms pace) = ${cpuBound} learners`,
      `memory: (${Math.round(machine.memoryMb)} MB × ${memoryShare} − ${Math.round(mb(largest.treeRssBeforeKb))} MB idle server) / ${perSession.toFixed(1)} MB per session = ${memoryBound} learners`,
      firstMiss
        ? `latency: ${firstMiss.learners} learners did not keep up (${saturation([firstMiss])!.why}), ${metBefore ? `${metBefore.learners} met them = ${latencyBound} learners` : `no smaller size was measured (try --learners 10,25) = at most ${latencyBound} learners`}`
        : `latency: every measured size (up to ${largest.learners}) kept p99 < ${TARGETS.p99Ms} ms: no bound seen`,
    ],
  };
}

/** The first measured size where the lab stops keeping up: p99 over the target, cells refused, or learners failing. */
export function saturation(results: readonly LoadResult[]): { learners: number; why: string } | undefined {
  for (const r of [...results].sort((a, b) => a.learners - b.learners)) {
    const why: string[] = [];
    if (r.errors > 0 || r.failedLearners > 0) why.push(`${r.errors} cell errors, ${r.failedLearners} learners failed`);
    if (!(r.p99Ms < TARGETS.p99Ms)) why.push(`p99 ${Math.round(r.p99Ms)} ms ≥ ${TARGETS.p99Ms} ms`);
    if (why.length > 0) return { learners: r.learners, why: why.join('; ') };
  }
  return undefined;
}

/** Instances a class needs, one instance holding at most `perInstance` learners. */
export function instancesFor(classSize: number, perInstance: number): number {
  if (perInstance <= 0) return Infinity;
  return Math.ceil(classSize / perInstance);
}
