// Fuzzer: random shell programs from a small grammar, hostile shapes included (deep nesting, doubling strings,
// star patterns, huge printf widths, long seq, eval recursion, backtracking regexes). Invariants: typing a line
// never throws, never shows a stack trace, stays within its output and time budgets, and the terminal answers
// the next line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createTerminal } from '../../../src/core/sim/proc/shell/index.ts';
import { coreTools } from '../../../src/core/sim/proc/tools/core/index.ts';
import { FakeWorld, NODE } from '../sim/proc/shell/fake-world.ts';
import { fuzzParams, STACK_TRACE } from './fuzz-runs.ts';

const TOOLS = new Map(coreTools.map((t) => [t.name, t]));

const word = fc.constantFrom('a', 'b', 'ab', '""', "'x y'", '$X', '"$X"', '${X:-d}', '$s', '*', '?', '[ab]', '$((1+2))', '$?', '~');
const globPiece = fc.constantFrom('*', '*', 'a', 'b', '?', '[a-c]', '[!b]', '\\*', '[[:alpha:]]');
const glob = fc.array(globPiece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const rePiece = fc.constantFrom('a', 'b', '(', ')', '+', '*', '|', '.', '[a-c]', '^', '$', '{2}', '\\(', '\\)', '\\1', '[', '?');
const regex = fc.array(rePiece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const arithPiece = fc.constantFrom('1', 'x', '(', ')', '+', '*', '-', '**', '2', '/', '0', '?', ':', ',', '=');
const arith = fc.array(arithPiece, { maxLength: 10 }).map((p) => p.join(' '));
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Simple commands, hostile ones among them. */
const simple: fc.Arbitrary<string> = fc.oneof(
  word.map((w) => `echo ${w}`),
  fc.tuple(fc.constantFrom('X', 's', 'v'), word).map(([n, w]) => `${n}=${w}`),
  fc.tuple(glob, word, fc.boolean()).map(([p, r, all]) => `v=\${s${all ? '//' : '/'}${p}/${r}}`),
  fc.tuple(glob, fc.constantFrom('#', '##', '%', '%%')).map(([p, op]) => `echo \${s${op}${p}}`),
  glob.map((p) => `case $s in ${p}) echo yes;; *) echo no;; esac`),
  fc.integer({ min: 0, max: 22 }).map((k) => `s=a; for i in $(seq 1 ${k}); do s=$s$s; done`),
  fc.constantFrom('s=$s$s', 'echo ${#s}', 'v=${s//a/bb}', 'true', 'false', ':'),
  fc.tuple(fc.constantFrom('%d', '%s', '%0999999999d', '%.300f', '%*d', '%-20s|', '%b', '%x'), word).map(([f, a]) => `printf ${quote(f)} ${a}`),
  fc.constantFrom('seq 3', 'seq 1 100000 | tail -n 1', 'seq 1 3000000 | wc -l', 'seq 5 -1 1', 'seq 0.5 0.5 2'),
  fc.tuple(regex, fc.constantFrom('grep -E', 'grep', 'grep -c', 'grep -ow')).map(([r, g]) => `echo $s | ${g} ${quote(r)}`),
  regex.map((r) => `echo aaab | sed ${quote(`s/${r}/X/g`)}`),
  regex.map((r) => `echo aaab | awk ${quote(`/${r}/ { print "m" }`)}`),
  arith.map((a) => `echo $(( ${a} ))`),
  fc.constantFrom('x=\'eval "$x"\'; eval "$x"', 'x=x; echo $((x))', 'eval "echo hi"', 'sh -c "echo in"'),
  fc.tuple(fc.constantFrom(['echo $(', ')'], ['{ ', '; }'], ['( ', ' )'], ['$(( ', ' ))'], ['${X:-', '}'], ['if true; then ', '; fi']), fc.integer({ min: 1, max: 2500 })).map(
    ([[open, close], n]) => `${open.repeat(n)}echo deep${close.repeat(n)}`,
  ),
);

/** Programs: simple commands joined by operators and compound commands, a few levels deep. */
const program: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    fc.tuple(tie('p'), fc.constantFrom('; ', ' | ', ' && ', ' || '), tie('p')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('p').map((a) => `{ ${a}; }`),
    tie('p').map((a) => `( ${a} )`),
    tie('p').map((a) => `echo "$(${a})"`),
    fc.tuple(fc.integer({ min: 0, max: 30 }), tie('p')).map(([k, a]) => `for i in $(seq 1 ${k}); do ${a}; done`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `if ${a}; then ${b}; fi`),
  ),
})).p;

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
