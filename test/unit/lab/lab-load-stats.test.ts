// The lab load bench's pure helpers (bench/lib/lab-load-stats.ts): percentiles, seeded think times, the table, and the
// capacity arithmetic. No timings are measured here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  capacity,
  instancesFor,
  type LoadResult,
  markdownTable,
  meetsTargets,
  percentile,
  perSessionMb,
  saturation,
  seededRandom,
  thinkTime,
} from '../../../bench/lib/lab-load-stats.ts';

function result(over: Partial<LoadResult>): LoadResult {
  return {
    learners: 50,
    paceMs: 8000,
    cells: 950,
    errors: 0,
    failedLearners: 0,
    errorSamples: [],
    p50Ms: 40,
    p99Ms: 300,
    maxMs: 400,
    driveMs: 200_000,
    serverRssBeforeKb: 100 * 1024,
    serverRssAfterKb: 150 * 1024,
    treeRssBeforeKb: 100 * 1024,
    treeRssAfterKb: 600 * 1024,
    treePssBeforeKb: 100 * 1024,
    treePssAfterKb: 350 * 1024,
    cpuMs: 95_000,
    dbWrites: 5000,
    runtime: 'the bundle',
    database: 'embedded (PGlite)',
    sessions: 'a pool of 2 host processes',
    ...over,
  };
}

test('nearest-rank percentiles', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 99), 99);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile(xs, 0), 1);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.deepEqual(xs.slice(0, 2), [100, 99], 'the input is not sorted in place');
});

test('think times are seeded and stay within [0.5, 1.5] × the pace', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const xs = Array.from({ length: 1000 }, () => thinkTime(1000, a));
  assert.deepEqual(
    xs,
    Array.from({ length: 1000 }, () => thinkTime(1000, b)),
  );
  assert.ok(xs.every((x) => x >= 500 && x <= 1500));
  assert.ok(new Set(xs).size > 100, 'jitter, not a constant');
  assert.notDeepEqual(Array.from({ length: 5 }, seededRandom(8)), Array.from({ length: 5 }, seededRandom(7)));
});

test('the table pads every column to its widest cell', () => {
  assert.equal(markdownTable(['n', 'p99'], [['50', '12 ms']]), '| n  | p99   |\n| -- | ----- |\n| 50 | 12 ms |');
});

test('memory per session is the growth divided by the learners', () => {
  const r = result({});
  assert.equal(perSessionMb(r, 'serverRss'), 1);
  assert.equal(perSessionMb(r, 'treeRss'), 10);
  assert.equal(perSessionMb(r, 'treePss'), 5);
  assert.deepEqual(meetsTargets(r), { ok: true, why: [] });
  // A server that shrank (its start-up garbage collected) does not hide the sessions' cost: 500 MB over 50.
  const shrunk = result({ serverRssAfterKb: 50 * 1024, treeRssAfterKb: 550 * 1024 });
  assert.equal(perSessionMb(shrunk, 'serverRss'), -1);
  assert.equal(perSessionMb(shrunk, 'treeRss'), 10);
  const fat = meetsTargets(result({ treeRssAfterKb: 1100 * 1024, p99Ms: 700 }));
  assert.equal(fat.ok, false);
  assert.deepEqual(fat.why, ['p99 700 ms ≥ 500 ms', '20.0 MB RSS per session ≥ 15 MB']);
});

test('saturation is the first size that does not keep up', () => {
  const rs = [result({ learners: 500, p99Ms: 900 }), result({ learners: 50 }), result({ learners: 200, errors: 3 })];
  assert.deepEqual(saturation(rs), { learners: 200, why: '3 cell errors, 0 learners failed' });
  assert.equal(saturation([result({})]), undefined);
});

test('capacity takes the tightest of CPU, memory and the latency seen; instances round up', () => {
  // 100 ms CPU per cell, one cell per 8 s per learner: 2 cores × 0.7 / (0.1 × 0.125) = 112 learners by CPU.
  const r = result({ learners: 200, cells: 1000, cpuMs: 100_000, treeRssAfterKb: 100 * 1024 + 200 * 50 * 1024 });
  const c = capacity([r], { cores: 2, memoryMb: 10_000 })!;
  assert.equal(c.cpuBound, 112);
  // (10,000 × 0.8 − 100) / 50 MB = 158.
  assert.equal(c.memoryBound, 158);
  assert.equal(c.latencyBound, Infinity);
  assert.equal(c.bound, 'cpu');
  assert.equal(c.learners, 112);
  assert.equal(c.how.length, 3);
  const slow = capacity([result({ learners: 50 }), { ...r, p99Ms: 800 }], { cores: 2, memoryMb: 10_000 })!;
  assert.equal(slow.latencyBound, 50);
  assert.equal(slow.bound, 'latency');
  assert.equal(slow.atMost, false);
  assert.equal(c.atMost, false);
  // Even the smallest size missed: fewer than it, and only an upper bound.
  const worse = capacity([{ ...r, learners: 50, p99Ms: 800 }], { cores: 2, memoryMb: 100_000 })!;
  assert.equal(worse.latencyBound, 49);
  assert.equal(worse.atMost, true);
  assert.match(worse.how[2], /at most 49 learners/);
  assert.equal(instancesFor(1000, 112), 9);
  assert.equal(instancesFor(1000, 1000), 1);
  assert.equal(instancesFor(1000, 0), Infinity);
  assert.equal(capacity([], { cores: 2, memoryMb: 1 }), undefined);
});
