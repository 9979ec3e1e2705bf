// `podlab matrix`: the full matrix, the shape of `run --json`'s, at a point of the lesson; clear errors and exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReachMatrix, RunReport } from '../../../src/core/index.ts';
import type { CliIO } from '../../../src/node/cli/context.ts';
import { main } from '../../../src/node/cli/main.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t), tty: false, color: false };
  const code = await main(args, io);
  return { code, out, err };
}

const LESSON = 'lessons/network-policy/lesson.en.md';

test('matrix --json has a cell for every source and target but the pod itself, and agrees with run --json on a small lesson', async () => {
  const full = await cli(['matrix', LESSON, '--json']);
  const m = JSON.parse(full.out) as ReachMatrix;
  const run = JSON.parse((await cli(['run', LESSON, '--json'])).out) as RunReport;
  const expected = m.sources.flatMap((s) =>
    m.targets.filter((t) => t.name !== s).map((t) => `${s} ${t.name} ${t.protocol} ${t.port ?? ''}`),
  );
  assert.deepEqual(
    m.cells.map((c) => `${c.from} ${c.to} ${c.protocol} ${c.port ?? ''}`),
    expected,
  );
  assert.ok(
    m.targets.some((t) => t.kind === 'service'),
    'Services are columns',
  );
  // this lesson fits run's excerpt, so the two are the same document
  assert.ok(run.matrix.sources.length < 24);
  assert.deepEqual(m, run.matrix);
  assert.equal(full.code, m.cells.some((c) => c.agrees === false) ? 1 : 0);
});

test('matrix --after shows the cluster at that section, not at the end', async () => {
  const early = JSON.parse((await cli(['matrix', LESSON, '--after', '1', '--json'])).out) as ReachMatrix;
  const late = JSON.parse((await cli(['matrix', LESSON, '--after', '2', '--json'])).out) as ReachMatrix;
  const outcomes = (m: ReachMatrix) => m.cells.map((c) => `${c.from}>${c.to}:${c.port ?? 'icmp'}=${c.observed}`);
  // section 2 applies a default-deny policy: some square that was ok before is not after
  assert.notDeepEqual(outcomes(early), outcomes(late));
  assert.ok(early.cells.some((c) => c.observed === 'ok'));
});

test('matrix prints a grid and a closing count; a bad section, seed or file exits 2 with a message', async () => {
  const text = await cli(['matrix', LESSON, '--after', '1']);
  assert.match(text.out, /^Reachability \(rows reach columns/m);
  assert.match(text.out, /\d+ sources × \d+ targets: \d+ probes, \d+ differ from the lesson\n$/);
  const noSection = await cli(['matrix', LESSON, '--after', '99']);
  assert.equal(noSection.code, 2);
  assert.match(noSection.err, /has no section 99/);
  const badSeed = await cli(['matrix', LESSON, '--seed', 'x']);
  assert.equal(badSeed.code, 2);
  assert.match(badSeed.err, /--seed takes a whole number/);
  const missing = await cli(['matrix', 'no-such-lesson.md']);
  assert.equal(missing.code, 2);
  assert.doesNotMatch(missing.err, /\n\s+at /);
});
