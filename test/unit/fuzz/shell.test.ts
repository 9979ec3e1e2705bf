// Fuzzer: random shell programs from a small grammar, hostile shapes included (deep nesting, doubling strings,
// star patterns, huge printf widths, long seq, eval recursion, backtracking regexes). Invariants: typing a line
// never throws, never shows a stack trace, stays within its output and time budgets, and the terminal answers
// the next line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createTerminal } from '../../../src/core/sim/proc/index.ts';
import { coreTools } from '../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE } from '../sim/proc/shell/fake-world.ts';
import { fuzzParams, STACK_TRACE } from './fuzz-runs.ts';
import { program } from './shell-grammar.ts';

const TOOLS = new Map(coreTools.map((t) => [t.name, t]));

test('fuzz: typed shell programs never crash, never show a stack trace, stay in their budgets', { timeout: 600_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(program, async (line) => {
      const t = createTerminal(new FakeWorld(), NODE, { tools: TOOLS, maxSteps: 3_000 });
      const r = await t.type(line, { timeoutMs: 5_000, maxOutputBytes: 4_096 });
      assert.doesNotMatch(r.output, STACK_TRACE, line.slice(0, 200));
      assert.ok(r.output.length <= 4_096, 'output within its cap');
      assert.ok(r.durationMs <= 5_000, 'time within its budget');
      assert.ok(Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode <= 255, `status ${r.exitCode}`);
      if (t.prompt() === '> ') return; // an unfinished line: the shell waits for the rest, as bash does
      const after = await t.type('echo alive', { timeoutMs: 1_000, maxOutputBytes: 100 });
      assert.equal(after.output, 'alive\n', `the terminal goes on after ${line.slice(0, 200)}`);
    }),
    fuzzParams(150),
  );
});
