// Properties over arbitrary input: the parser never throws; a typed line never throws, stays within its budgets,
// and the same line on the same world gives the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8Length } from '../../../../../src/core/sim/proc/os/fs/utf8.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { parseShell } from '../../../../../src/core/sim/proc/shell/parser.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE } from './fake-world.ts';

const TOOLS = new Map(coreTools.map((t) => [t.name, t]));

/** Lines made of shell-ish pieces, so they often parse and often run something. */
const piece = fc.constantFrom(
  'echo',
  'a',
  'b',
  ' ',
  ' ',
  ';',
  '&&',
  '||',
  '|',
  '&',
  '>',
  '>>',
  '<',
  '2>&1',
  "'",
  '"',
  '\\',
  '$',
  '$X',
  '${X:-d}',
  '$(',
  ')',
  '`',
  '(',
  '{',
  '}',
  'if',
  'then',
  'fi',
  'while',
  'do',
  'done',
  'for',
  'in',
  'case',
  'esac',
  ';;',
  '#',
  '~',
  '*',
  'X=1',
  'cat',
  'seq 3',
  'grep a',
  'wc -l',
  'sleep 1',
  'true',
  'false',
  'exit',
  'cd /tmp',
  'ls',
  '<<E',
  '\n',
  'sort',
  'head -1',
);
const line = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));

test('the parser returns a value for any input', () => {
  fc.assert(
    fc.property(fc.oneof(line, fc.string({ maxLength: 40 })), (src) => {
      const r = parseShell(src);
      assert.ok(r.ok === true || r.ok === false);
    }),
    { numRuns: 2000, seed: 1 },
  );
});

test('a typed line stays within its time and output budgets and is deterministic', async () => {
  await fc.assert(
    fc.asyncProperty(line, async (text) => {
      const results = [];
      for (let i = 0; i < 2; i++) {
        const w = new FakeWorld();
        const t = createTerminal(w, NODE, { tools: TOOLS, maxSteps: 2_000 });
        const r = await t.type(text, { timeoutMs: 3_000, maxOutputBytes: 200 });
        assert.ok(r.durationMs <= 3_000, `duration ${r.durationMs} for ${JSON.stringify(text)}`);
        assert.ok(utf8Length(r.output) <= 200);
        results.push({ r, prompt: t.prompt(), clock: w.clock.now() });
      }
      assert.deepEqual(results[0], results[1]);
    }),
    { numRuns: 300, seed: 2 },
  );
});
