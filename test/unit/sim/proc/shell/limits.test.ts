// Issue 9, findings 1, 2 and 6 (shell side): hostile lines end with a clear message, the terminal stays usable,
// and pattern matching takes linear time. Each row failed before the fix (a V8 abort, a stack trace, or a
// regex that ran for minutes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { replacePattern, stripPattern, matchPattern } from '../../../../../src/core/sim/proc/shell/pattern.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';

const CORE = new Map(coreTools.map((t) => [t.name, t]));

async function typeLines(lines: string[]): Promise<{ output: string; exitCode: number }[]> {
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE });
  const out = [];
  for (const line of lines) {
    const r = await t.type(line, { timeoutMs: 600_000, maxOutputBytes: 100_000 });
    out.push({ output: r.output, exitCode: r.exitCode });
  }
  return out;
}

const nest = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);

/** [what, line, expected output (exact or a RegExp), status]. Then `echo alive` must still answer. */
const ROWS: [string, string, string | RegExp, number][] = [
  [
    'doubling to 2^26 characters (finding 1)',
    's=a; for i in $(seq 1 26); do s=$s$s; done; v=${s//a/b}',
    'bash: value too large (limit 16 MiB)\n',
    1,
  ],
  [
    'a replacement that would grow past the limit',
    's=a; for i in $(seq 1 22); do s=$s$s; done; v=${s//a/aaaaaaaa}',
    'bash: value too large (limit 16 MiB)\n',
    1,
  ],
  [
    'many large variables add up (each under the limit)',
    's=a; for i in $(seq 1 23); do s=$s$s; done; for i in $(seq 1 20); do eval "v$i=\\$s\\$i"; done',
    'bash: variables too large in total (limit 64 MiB)\n',
    1,
  ],
  ['a printf width of a billion (finding 1, 6)', 'printf "%0999999999d" 0 | wc -c', 'bash: value too large (limit 16 MiB)\n', 1],
  ['a printf precision past what JavaScript formats (100 digits, documented)', 'printf "%.500f\\n" 1 | wc -c', '103\n', 0],
  ['seq to a million (finding 6: a stack overflow before)', 'seq 1 1000000 | tail -n 1', '1000000\n', 0],
  ['seq past its line limit', 'seq 1 2000000 | wc -l', 'seq: too many lines (limit 1000000)\n1000000\n', 0],
  // Real bash (FUNCNEST unset) and BusyBox ash recurse until the stack overflows and die of SIGSEGV (139);
  // the simulator stops at 200 calls in bash's FUNCNEST words, the line is dropped and the shell goes on.
  ['a function calling itself', 'f() { f; }; f; echo same-line', 'bash: f: maximum function nesting level exceeded (200)\n', 1],
  [
    'two functions calling each other, each with a local, through a pipe',
    'f() { local a=$1; g $((a+1)); }; g() { local b=$1; f $b; }; f 0 | cat; echo "status ${PIPESTATUS[0]}"',
    'bash: f: maximum function nesting level exceeded (200)\nstatus 1\n',
    0,
  ],
  ['a function recursing through $( )', 'f() { echo $(f); }; f', 'bash: nesting too deep (limit 100 levels)\n', 1],
  [
    'brace expansion of 2^24 empty words',
    'echo {,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}{,}',
    'bash: value too large (limit 16 MiB)\n',
    1,
  ],
  ['a brace sequence of ten million', 'echo {1..10000000} | wc -c', 'bash: value too large (limit 16 MiB)\n', 1],
  ['eval recursion (finding 6)', 'x=\'eval "$x"\'; eval "$x"', 'bash: nesting too deep (limit 100 levels)\n', 1],
  ['5,000 nested $( (finding 6)', nest('echo $(', 'echo hi', ')', 5000), 'bash: nesting too deep (limit 200 levels)\n', 2],
  ['5,000 nested { (finding 6)', nest('{ ', 'echo hi', '; }', 5000), 'bash: nesting too deep (limit 200 levels)\n', 2],
  ['5,000 nested ( (finding 6)', nest('( ', 'echo hi', ' )', 5000), 'bash: nesting too deep (limit 200 levels)\n', 2],
  [
    '2,500 nested ( in arithmetic (finding 6)',
    `echo $(( ${nest('(', '1', ')', 2500)} ))`,
    /^bash: \(+1\)+ : expression recursion level exceeded \(error token is "\(+1\)+ "\)\n$/,
    1,
  ],
  ['a variable naming itself in arithmetic', 'x=x; echo $((x))', 'bash: x: expression recursion level exceeded (error token is "x")\n', 1],
  [
    'backtracking pattern on 256 characters (finding 2)',
    's=a; for i in $(seq 1 8); do s=$s$s; done; v=${s//*a*a*a*b/x}; echo ${#v}',
    '256\n',
    0,
  ],
  ['backtracking pattern on 4,096 characters', 's=a; for i in $(seq 1 12); do s=$s$s; done; v=${s//*a*a*a*a*b/x}; echo ${#v}', '4096\n', 0],
  [
    'case pattern on a long subject',
    's=a; for i in $(seq 1 12); do s=$s$s; done; case $s in *a*a*a*a*b) echo yes;; *) echo no;; esac',
    'no\n',
    0,
  ],
  ['prefix strip with stars', 's=a; for i in $(seq 1 12); do s=$s$s; done; v=${s##*a*a*a*b}; echo ${#v}', '4096\n', 0],
];

for (const [what, line, expected, status] of ROWS) {
  test(`hostile line: ${what}`, { timeout: 120_000 }, async () => {
    const [r, after] = await typeLines([line, 'echo alive']);
    if (typeof expected === 'string') assert.equal(r.output, expected);
    else assert.match(r.output, expected);
    assert.equal(r.exitCode, status);
    assert.doesNotMatch(r.output, /\n\s+at /, 'no stack trace');
    assert.equal(after.output, 'alive\n', 'the terminal goes on');
  });
}

test('sh -c dies of a limit alone: the outer shell goes on', async () => {
  const [r] = await typeLines(['sh -c \'x="eval \\"\\$x\\""; eval "$x"\'; echo "status $?"']);
  assert.equal(r.output, 'sh: line 1: nesting too deep (limit 100 levels)\nstatus 1\n');
});

test('BusyBox ash: a function calling itself ends the -c script with the nesting limit', async () => {
  const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.3', image: 'busybox' }] });
  const t = createTerminal(w, podHost('bb'), { tools: CORE });
  const r = await t.type('sh -c \'f() { f; }; f; echo no\'; echo "status $?"', { timeoutMs: 60_000, maxOutputBytes: 10_000 });
  assert.equal(r.output, 'sh: nesting too deep (limit 200 levels)\nstatus 1\n');
  assert.equal((await t.type('echo alive', { timeoutMs: 60_000, maxOutputBytes: 100 })).output, 'alive\n');
});

test('shell patterns match as bash matches (checked against bash 5.2)', () => {
  const rows: [string, string, string, boolean, string][] = [
    ['abc', '*', 'x', true, 'x'],
    ['abc', 'b*', 'x', true, 'ax'],
    ['abc', '?', 'x', true, 'xxx'],
    ['', '*', 'y', false, 'y'],
    ['', '*', 'y', true, 'y'],
    ['aXbXc', 'X', '-', true, 'a-b-c'],
    ['aXbXc', 'X', '-', false, 'a-bXc'],
    ['aXbXc', 'x*', 'Q', true, 'aXbXc'],
    ['abc', '[!a]', '-', true, 'a--'],
    ['abc', '\\*', '-', true, 'abc'],
    ['aaa', 'aa', 'b', true, 'ba'],
    ['a1b22', '[[:digit:]]', '#', true, 'a#b##'],
  ];
  for (const [value, pattern, rep, all, want] of rows)
    assert.equal(replacePattern(value, pattern, rep, all), want, `\${${value}${all ? '//' : '/'}${pattern}/${rep}}`);
  assert.deepEqual(
    ['#', '##', '%', '%%'].map((op) => stripPattern('abcabc', op.startsWith('#') ? '*b' : 'b*', op as '#')),
    ['cabc', 'c', 'abca', 'a'],
  );
  assert.equal(matchPattern('web-*', 'web-1'), true);
  assert.equal(matchPattern('[a-c]?', 'bz'), true);
  assert.equal(matchPattern('[]x]', ']'), true);
  assert.equal(matchPattern('a*', 'ba'), false);
});

test('matching is linear: a million characters against a backtracking shape', { timeout: 120_000 }, () => {
  const long = 'a'.repeat(1_000_000);
  assert.equal(replacePattern(long, '*a*a*a*a*b', 'x', true), long);
  assert.equal(matchPattern('*a*a*a*a*b', long), false);
  assert.equal(stripPattern(long, '*a*a*b', '##'), long);
});

test('a pattern that needs more than the work limit ends with a message, not a hang', () => {
  assert.throws(() => replacePattern('a'.repeat(1_000_000), '?*'.repeat(60) + 'b', 'x', true), /pattern too complex/);
});

test("pattern matching is paid from the line's step budget: a loop of matches ends like any long loop", async () => {
  const line = 's=a; for i in $(seq 1 12); do s=$s$s; done; for i in $(seq 1 100); do v=${s//*a*b/x}; done; echo done';
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE, maxSteps: 1_000 });
  const r = await t.type(line, { timeoutMs: 60_000, maxOutputBytes: 1_000 });
  assert.deepEqual([r.output, r.timedOut, r.exitCode], ['', true, 130]);
  const small = await t.type('s=ab; for i in $(seq 1 100); do v=${s//*a*b/x}; done; echo done', {
    timeoutMs: 60_000,
    maxOutputBytes: 1_000,
  });
  assert.equal(small.output, 'done\n');
});

test('building large values is paid from the step budget: copying a 1 Mi-character value costs 16 steps', async () => {
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE, maxSteps: 1_000 });
  const opts = { timeoutMs: 60_000, maxOutputBytes: 1_000 };
  const big = await t.type('s=a; for i in $(seq 1 20); do s=$s$s; done; for i in $(seq 1 100); do v=$s; done; echo done', opts);
  assert.deepEqual([big.output, big.timedOut], ['', true]);
  const small = await t.type('s=abc; for i in $(seq 1 100); do v=$s; done; echo done', opts);
  assert.equal(small.output, 'done\n');
});
