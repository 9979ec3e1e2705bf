// Budgets of a typed line: simulated time (timeoutMs), a step count, the output cap, the abort signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import type { ToolInfo } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';

const CORE = new Map(coreTools.map((t) => [t.name, t]));

async function runLine(
  line: string,
  opts: { timeoutMs?: number; maxOutputBytes?: number; maxSteps?: number; tools?: Map<string, ToolInfo> } = {},
) {
  const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.3' }] });
  const t = createTerminal(w, NODE, { tools: opts.tools ?? CORE, maxSteps: opts.maxSteps });
  const before = w.clock.now();
  const r = await t.type(line, { timeoutMs: opts.timeoutMs ?? 10_000, maxOutputBytes: opts.maxOutputBytes ?? 100_000 });
  return { r, t, w, elapsed: w.clock.now() - before };
}

test('an endless loop runs out of steps: timed out, clock at the deadline, status 130', async () => {
  const { r, elapsed, t } = await runLine('while true; do :; done', { timeoutMs: 7_000 });
  assert.deepEqual([r.timedOut, r.exitCode, r.output, r.durationMs], [true, 130, '', 7_000]);
  assert.equal(elapsed, 8_000, '1 s of typing, then the 7 s budget');
  const next = await t.type('echo $?', { timeoutMs: 1_000, maxOutputBytes: 100 });
  assert.equal(next.output, '130\n', 'the shell goes on after a stopped line');
});

test('sleep 3600 ends at the time budget', async () => {
  const { r } = await runLine('sleep 3600; echo never', { timeoutMs: 5_000 });
  assert.deepEqual([r.timedOut, r.durationMs, r.output], [true, 5_000, '']);
});

test('a sleep within the budget runs and lets time pass', async () => {
  const { r } = await runLine('sleep 2; sleep 1.5; date +%T', { timeoutMs: 5_000 });
  assert.deepEqual([r.timedOut, r.durationMs, r.output], [false, 3_500, '00:00:04\n']);
});

test('budgets reach nested shells and programs that sleep', async () => {
  let turns = 0;
  const poll: ToolInfo = {
    name: 'poll',
    on: 'everywhere',
    summary: '',
    run: (ctx) => {
      while (ctx.sleep(1_000)) turns++;
      return 0;
    },
  };
  const tools = new Map([...CORE, ['poll', poll]]);
  const a = await runLine('sh -c "while :; do :; done"', { timeoutMs: 3_000 });
  assert.equal(a.r.timedOut, true);
  const b = await runLine('poll; echo after', { timeoutMs: 4_500, tools });
  assert.deepEqual([b.r.timedOut, b.r.output, turns], [true, '', 4]);
});

test('the step budget counts commands and loop turns', async () => {
  const small = await runLine('for i in $(seq 10); do :; done; echo done', { maxSteps: 50 });
  assert.deepEqual([small.r.timedOut, small.r.output], [false, 'done\n']);
  const big = await runLine('for i in $(seq 100); do :; done; echo done', { maxSteps: 50 });
  assert.equal(big.r.timedOut, true);
});

test('output past maxOutputBytes is cut and marked truncated', async () => {
  const { r } = await runLine('seq 1000', { maxOutputBytes: 20 });
  assert.deepEqual([r.output, r.truncated, r.timedOut], ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10', true, false]);
  const loop = await runLine('while true; do echo yes; done', { maxOutputBytes: 8 });
  assert.deepEqual([loop.r.output, loop.r.truncated, loop.r.timedOut], ['yes\nyes\n', true, true]);
});

test('the cap counts UTF-8 bytes and never splits a character', async () => {
  const { r } = await runLine('echo 网络网络', { maxOutputBytes: 7 });
  assert.deepEqual([r.output, r.truncated], ['网络', true]);
});

test('an aborted line stops at once', async () => {
  const w = new FakeWorld();
  const t = createTerminal(w, NODE, { tools: CORE });
  const r = await t.type('echo a; sleep 100; echo b', { timeoutMs: 60_000, maxOutputBytes: 100, signal: { aborted: true } });
  assert.deepEqual([r.output, r.exitCode, r.timedOut], ['', 130, false]);
});

test('runs are deterministic: same world, same line, same bytes and clock', async () => {
  const line = 'sleep 3 & X=$(date); for i in 1 2 3; do echo $i $X; done; while :; do :; done';
  const a = await runLine(line, { timeoutMs: 4_000 });
  const b = await runLine(line, { timeoutMs: 4_000 });
  assert.deepEqual(a.r, b.r);
  assert.equal(a.w.clock.now(), b.w.clock.now());
});

test('a container shell has the same budgets', async () => {
  const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.3' }] });
  const t = createTerminal(w, podHost('bb'), { tools: CORE });
  const r = await t.type('sleep 10', { timeoutMs: 2_000, maxOutputBytes: 100 });
  assert.deepEqual([r.timedOut, r.durationMs], [true, 2_000]);
});

test('onOutput gets the output once', async () => {
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE });
  const chunks: string[] = [];
  await t.type('echo a; echo b', { timeoutMs: 1_000, maxOutputBytes: 100, onOutput: (c) => chunks.push(c) });
  assert.deepEqual(chunks, ['a\nb\n']);
});
