// What each shell prints for bad syntax, unknown commands and failed cd/redirections: the exact words of
// bash 5.2, dash 0.5.12 and BusyBox 1.35 ash, captured on Debian 12 (interactive through a pty, and with -c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';
import { type } from './helpers.ts';

const world = (): FakeWorld =>
  new FakeWorld({
    pods: [
      { name: 'deb', node: 'wk1', ip: '172.16.1.2', image: 'nginx' },
      { name: 'bb', node: 'wk1', ip: '172.16.1.3', image: 'busybox' },
    ],
  });

/** [line, output, status] typed into an interactive shell. */
type Row = [string, string, number];

const INTERACTIVE: Record<'bash' | 'dash' | 'ash', Row[]> = {
  bash: [
    ['echo a ;; b', "bash: syntax error near unexpected token `;;'\n", 2],
    ['echo >', "bash: syntax error near unexpected token `newline'\n", 2],
    ['echo a | | b', "bash: syntax error near unexpected token `|'\n", 2],
    ['echo )', "bash: syntax error near unexpected token `)'\n", 2],
    ['; echo a', "bash: syntax error near unexpected token `;'\n", 2],
    ['cd /nope', 'bash: cd: /nope: No such file or directory\n', 1],
    ['foo', 'bash: foo: command not found\n', 127],
    ['cat < /nope', 'bash: /nope: No such file or directory\n', 1],
    ['echo x > /nope/x', 'bash: /nope/x: No such file or directory\n', 1],
    ['echo x > /tmp', 'bash: /tmp: Is a directory\n', 1],
    ['/tmp', 'bash: /tmp: Is a directory\n', 126],
    ['/nope/foo', 'bash: /nope/foo: No such file or directory\n', 127],
    ['./nofile', 'bash: ./nofile: No such file or directory\n', 127],
    ['exit 3', 'exit\n', 3],
  ],
  // dash numbers typed lines; a line whose error comes before its newline is not counted.
  dash: [
    ['echo a ;; b', 'sh: 1: Syntax error: ";;" unexpected\n', 2],
    ['echo >', 'sh: 2: Syntax error: newline unexpected\n', 2],
    ['echo a | | b', 'sh: 2: Syntax error: "|" unexpected\n', 2],
    ['echo )', 'sh: 2: Syntax error: ")" unexpected\n', 2],
    ['; echo a', 'sh: 2: Syntax error: ";" unexpected\n', 2],
    ['cd /nope', "sh: 2: cd: can't cd to /nope\n", 2],
    ['foo', 'sh: 3: foo: not found\n', 127],
    ['cat < /nope', 'sh: 4: cannot open /nope: No such file\n', 2],
    ['echo x > /nope/x', 'sh: 5: cannot create /nope/x: Directory nonexistent\n', 2],
    ['echo x > /tmp', 'sh: 6: cannot create /tmp: Is a directory\n', 2],
    ['cat /tmp', 'cat: /tmp: Is a directory\n', 1],
    ['/tmp', 'sh: 8: /tmp: Permission denied\n', 126],
    ['/nope/foo', 'sh: 9: /nope/foo: not found\n', 127],
    ['./nofile', 'sh: 10: ./nofile: not found\n', 127],
    ['exit 3', '', 3],
  ],
  ash: [
    ['echo a ;; b', 'sh: syntax error: unexpected ";;"\n', 2],
    ['echo >', 'sh: syntax error: unexpected newline\n', 2],
    ['echo a | | b', 'sh: syntax error: unexpected "|"\n', 2],
    ['echo )', 'sh: syntax error: unexpected ")"\n', 2],
    ['; echo a', 'sh: syntax error: unexpected ";"\n', 2],
    ['cd /nope', "sh: cd: can't cd to /nope: No such file or directory\n", 2],
    ['foo', 'sh: foo: not found\n', 127],
    ['cat < /nope', "sh: can't open /nope: no such file\n", 1],
    ['echo x > /nope/x', "sh: can't create /nope/x: nonexistent directory\n", 1],
    ['echo x > /tmp', "sh: can't create /tmp: Is a directory\n", 1],
    ['cat /tmp', 'cat: read error: Is a directory\n', 1],
    ['/tmp', 'sh: /tmp: Permission denied\n', 126],
    ['/nope/foo', 'sh: /nope/foo: not found\n', 127],
    ['./nofile', 'sh: ./nofile: not found\n', 127],
    ['exit 3', '', 3],
  ],
};

for (const [flavour, rows] of Object.entries(INTERACTIVE)) {
  test(`interactive ${flavour}: messages and statuses`, async () => {
    const w = world();
    const t =
      flavour === 'bash'
        ? createTerminal(w, podHost('deb'), { program: 'bash' })
        : flavour === 'dash'
          ? createTerminal(w, podHost('deb'), { program: 'sh' })
          : createTerminal(w, podHost('bb'));
    for (const [line, out, code] of rows) {
      const r = await type(t, line);
      assert.equal(r.output, out, `${flavour}: ${line}`);
      assert.equal(r.exitCode, code, `${flavour}: status of ${line}`);
    }
    assert.equal(t.depth(), 0, 'exit at depth 1 ends the terminal');
  });
}

/** [script, output] for `<shell> -c script`; every row exits 2 unless noted. */
const DASH_C: Record<'bash' | 'dash' | 'ash', [string, string, number?][]> = {
  bash: [
    ['echo a ;; b', "bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `echo a ;; b'\n"],
    ['echo >', "bash: -c: line 1: syntax error near unexpected token `newline'\nbash: -c: line 1: `echo >'\n"],
    ['( echo a', 'bash: -c: line 2: syntax error: unexpected end of file\n'],
    ["echo 'abc", "bash: -c: line 1: unexpected EOF while looking for matching `''\n"],
    ['echo $(echo a', "bash: -c: line 2: unexpected EOF while looking for matching `)'\n"],
    ['cd /nope', 'bash: line 1: cd: /nope: No such file or directory\n', 1],
    ['foo', 'bash: line 1: foo: command not found\n', 127],
    ['cat < /nope', 'bash: line 1: /nope: No such file or directory\n', 1],
  ],
  dash: [
    ['echo a ;; b', 'sh: 1: Syntax error: ";;" unexpected\n'],
    ['echo >', 'sh: 1: Syntax error: end of file unexpected\n'],
    ['( echo a', 'sh: 1: Syntax error: end of file unexpected (expecting ")")\n'],
    ["echo 'abc", 'sh: 1: Syntax error: Unterminated quoted string\n'],
    ['for x in a b; do echo $x', 'sh: 1: Syntax error: end of file unexpected (expecting "done")\n'],
    ['echo `echo a', 'sh: 1: Syntax error: EOF in backquote substitution\n'],
    ['cd /nope', "sh: 1: cd: can't cd to /nope\n"],
    ['foo', 'sh: 1: foo: not found\n', 127],
  ],
  ash: [
    ['echo a ;; b', 'sh: syntax error: unexpected ";;"\n'],
    ['echo >', 'sh: syntax error: unexpected end of file\n'],
    ['{ echo a; ', 'sh: syntax error: unexpected end of file (expecting "}")\n'],
    ['echo "abc', 'sh: syntax error: unterminated quoted string\n'],
    ['cd /nope', "sh: cd: line 0: can't cd to /nope: No such file or directory\n"],
    ['foo', 'sh: foo: not found\n', 127],
    ['echo x > /nope/x', "sh: can't create /nope/x: nonexistent directory\n", 1],
  ],
};

for (const [flavour, rows] of Object.entries(DASH_C)) {
  test(`${flavour} -c: messages and statuses`, async () => {
    const w = world();
    const t = createTerminal(w, flavour === 'ash' ? podHost('bb') : podHost('deb'), { program: 'bash' });
    const program = flavour === 'bash' ? 'bash' : 'sh';
    for (const [script, out, code = 2] of rows) {
      const r = await type(t, `${program} -c '${script.replace(/'/g, `'"'"'`)}'`);
      assert.equal(r.output, out, `${flavour} -c ${script}`);
      assert.equal(r.exitCode, code, `${flavour} -c status of ${script}`);
    }
  });
}

test('a script file names itself and its line in messages', async () => {
  const w = world();
  w.fs(NODE).write('/root/s.sh', 'echo a\nfoo\necho $0 $1\n');
  const t = createTerminal(w, NODE);
  const r = await type(t, 'bash /root/s.sh x');
  assert.equal(r.output, 'a\n/root/s.sh: line 2: foo: command not found\n/root/s.sh x\n');
  const bb = createTerminal(w, podHost('bb'));
  w.fs(podHost('bb')).write('/s.sh', 'foo\n');
  assert.equal((await type(bb, 'sh /s.sh')).output, '/s.sh: line 1: foo: not found\n');
  assert.equal((await type(bb, 'sh nofile')).output, "sh: can't open 'nofile': No such file or directory\n");
});
