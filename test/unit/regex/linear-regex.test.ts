// Issue 9, finding 2: regular expressions from learners (grep, sed, awk) and authors (`output matches /re/`) run
// in linear time through RE2, with the POSIX dialects translated and leftmost-longest matches as POSIX tools give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpectRegex, LinearRegex, posixToRe2 } from '../../../src/core/regex/index.ts';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import { createTerminal } from '../../../src/core/sim/proc/index.ts';
import { coreTools } from '../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE } from '../sim/proc/shell/fake-world.ts';

const CORE = new Map(coreTools.map((t) => [t.name, t]));

async function run(line: string): Promise<{ output: string; exitCode: number }> {
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE });
  const r = await t.type(line, { timeoutMs: 600_000, maxOutputBytes: 100_000 });
  return { output: r.output, exitCode: r.exitCode };
}

test('an expect regex /(a+)+c/ on a long run of a: answered at once (16 s for 28 characters before)', { timeout: 60_000 }, () => {
  assert.equal(compileExpectRegex('(a+)+c').test('a'.repeat(100_000)), false);
  assert.equal(compileExpectRegex('^web-\\S+\\nweb-\\S+$', 'm').test('x\nweb-1\nweb-2'), true);
  assert.equal(compileExpectRegex('TTL=6[34]', 'i').test('ttl=63'), true);
});

test('grep, sed and awk on a backtracking shape over 100,000 characters', { timeout: 120_000 }, async () => {
  const long = 's=a; for i in $(seq 1 17); do s=$s$s; done; echo $s > f;';
  assert.deepEqual(
    await run(
      `${long} grep -cE '(a+)+c' f; grep -c '\\(a*\\)*b' f; sed 's/\\(a*\\)*c/x/' f | wc -c; awk '/(a|aa)+c/ { n++ } END { print n + 0 }' f`,
    ),
    { output: '0\n0\n131073\n0\n', exitCode: 0 },
  );
});

test('POSIX dialects: BRE and ERE translated to RE2', () => {
  const rows: [string, boolean, string, boolean][] = [
    ['a\\{2\\}', false, 'xaay', true],
    ['a{2}', false, 'a{2}', true],
    ['a{2}', true, 'xaay', true],
    ['\\(ab\\)*c', false, 'ababc', true],
    ['(ab)*c', false, '(ab)c', true],
    ['a\\|b', false, 'b', true],
    ['a|b', false, 'a|b', true],
    ['a|b', true, 'b', true],
    ['*a', false, '*a', true],
    ['[[:digit:]]\\+', false, 'x12', true],
    ['[]a]', false, ']', true],
    ['[^]a]', false, 'a', false],
    ['[a\\]', false, '\\', true],
    ['\\<the\\>', false, 'in the end', true],
    ['\\<the\\>', false, 'other', false],
    ['a.c', true, 'abc', true],
    ['^$', true, '', true],
    ['x{,2}y', true, 'xxy', true],
    ['a)', true, 'a)', true],
  ];
  for (const [pattern, ere, text, want] of rows) {
    assert.equal(
      LinearRegex.compile(pattern, ere ? 'ere' : 'bre').test(text),
      want,
      `${ere ? 'ERE' : 'BRE'} ${pattern} on ${JSON.stringify(text)} (${posixToRe2(pattern, ere)})`,
    );
  }
});

test('POSIX tools take the leftmost-longest match', async () => {
  assert.equal((await run("echo abcd | sed 's/a\\|ab/X/'")).output, 'Xcd\n');
  assert.equal((await run("echo abcd | grep -oE 'a|ab'")).output, 'ab\n');
  assert.equal((await run("echo 'x=1 y=22' | sed 's/[0-9]*$/N/; s/=/:/2'")).output, 'x=1 y:N\n');
  assert.equal((await run("echo 'aaa bbb' | awk '{ gsub(/a+|b/, \"-\"); print }'")).output, '- ---\n');
});

test('what RE2 cannot run is a clear error, not a hang', async () => {
  assert.deepEqual(await run("echo aa | grep '\\(a\\)\\1'"), {
    output: 'grep: backreferences (\\1-\\9) are not simulated: patterns are matched in linear time\n',
    exitCode: 2,
  });
  assert.deepEqual(await run("echo aa | grep '[[:nope:]]'"), { output: 'grep: Invalid character class name\n', exitCode: 2 });
  const lesson = parseLesson('# T\n\n```sh\necho hi\n```\n\n```expect\noutput matches /h(?=i)/\n```\n', 'l.md');
  const messages = lesson.diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /invalid regex: lookahead and lookbehind are not supported/);
});
