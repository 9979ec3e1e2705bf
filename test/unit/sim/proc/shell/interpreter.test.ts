// The interpreter: pipes, && and ||, $?, variables, expansions, loops, case, redirections, here-documents, globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import type { ToolInfo } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';
import { type } from './helpers.ts';

const CORE = new Map(coreTools.map((t) => [t.name, t]));

/** [line, output, status]: each row runs in a fresh shell on a node host, in /root/lab. */
const ROWS: [string, string, number][] = [
  ['echo hello   world', 'hello world\n', 0],
  ['echo \'single  $X\' "double $HOME" back\\ slash', 'single  $X double /root back slash\n', 0],
  ['X=5; echo "x=$X" ${X}0 $((X * 2 + 1))', 'x=5 50 11\n', 0],
  ['echo ${UNSET:-default} ${UNSET-dash} "${UNSET:+plus}"', 'default dash \n', 0],
  ['F=file.tar.gz; echo ${F%.gz} ${F%%.*} ${F#*.} ${#F} ${F/tar/zip}', 'file.tar file tar.gz 11 file.zip.gz\n', 0],
  ['echo $(echo inner) `echo back`', 'inner back\n', 0],
  ['X=$(printf "a\\n\\n"); echo "[$X]"', '[a]\n', 0],
  ['false; echo $?; true; echo $?', '1\n0\n', 0],
  ['false && echo no || echo yes', 'yes\n', 0],
  ['true && echo a && false || echo b', 'a\nb\n', 0],
  ['! true; echo $?', '1\n', 0],
  ['echo one two three | wc -w', '3\n', 0],
  ['printf "b\\na\\nc\\n" | sort | head -n 2', 'a\nb\n', 0],
  ['echo x | grep -q y; echo $?', '1\n', 0],
  ['false | true; echo $?', '0\n', 0],
  ['for i in 1 2 3; do echo $i; done', '1\n2\n3\n', 0],
  ['i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo $i', '3\n', 0],
  ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); echo $i; done', '1\n2\n', 0],
  ['for i in a b c; do [ $i = b ] && continue; echo $i; done', 'a\nc\n', 0],
  ['for i in 1 2 3; do for j in x y; do [ $j = y ] && break 2; echo $i$j; done; done', '1x\n', 0],
  ['if [ -d /tmp ]; then echo dir; elif true; then echo no; else echo never; fi', 'dir\n', 0],
  ['if false; then echo a; else echo b; fi', 'b\n', 0],
  ['case web-1 in db*) echo db;; web-*|www) echo web;; *) echo other;; esac', 'web\n', 0],
  ['{ echo a; echo b; } | wc -l', '2\n', 0],
  ['X=1; (X=2; echo $X); echo $X', '2\n1\n', 0],
  ['cd /tmp; pwd; cd -; pwd', '/tmp\n/root/lab\n/root/lab\n', 0],
  ['echo hi > f.txt; echo there >> f.txt; cat f.txt; cat < f.txt | wc -l', 'hi\nthere\n2\n', 0],
  ['ls /nope 2>/dev/null; echo $?', '2\n', 0],
  ['ls /nope 2>&1 | grep -c cannot', '1\n', 0],
  ['ls /nope > out.txt 2>&1; cat out.txt', "ls: cannot access '/nope': No such file or directory\n", 0],
  ['cat <<EOF\nhome is $HOME\nEOF', 'home is /root\n', 0],
  ["cat <<'EOF'\nhome is $HOME\nEOF", 'home is $HOME\n', 0],
  ['grep -c a <<< "banana"', '1\n', 0],
  ['printf "a b\\nc d\\n" > t; while read x y; do echo "$y-$x"; done < t', 'b-a\nd-c\n', 0],
  ['touch a.yaml b.yaml c.txt; echo *.yaml', 'a.yaml b.yaml\n', 0],
  ['echo *.nomatch', '*.nomatch\n', 0],
  ['X="a   b"; echo $X; echo "$X"', 'a b\na   b\n', 0],
  ['set -- one two; echo $# $1 "$@"', '2 one one two\n', 0],
  ['export A=1; B=2; env | grep -E "^(A|B)="', 'A=1\n', 0],
  ['C=3 env | grep ^C=; echo "[$C]"', 'C=3\n[]\n', 0],
  ['alias ll="ls -1"; touch z; ll', 'z\n', 0],
  ['type echo cat', 'echo is a shell builtin\ncat is /usr/bin/cat\n', 0],
  ['eval "echo \\$HOME"', '/root\n', 0],
  ['echo ~ ~/x', '/root /root/x\n', 0],
  ['exit 7', 'exit\n', 7],
  ['nosuch arg', 'bash: nosuch: command not found\n', 127],
  ['[ 1 -eq x ]', 'bash: [: x: integer expression expected\n', 2],
  ['echo ${X:?must be set}', 'bash: X: must be set\n', 1],
];

test('interpreter table', async () => {
  for (const [line, out, code] of ROWS) {
    const w = new FakeWorld();
    const t = createTerminal(w, NODE, { cwd: '/root/lab', tools: CORE });
    const r = await type(t, line);
    assert.equal(r.output, out, line);
    assert.equal(r.exitCode, code, `status of: ${line}`);
  }
});

test('variables and cwd persist between lines; a subshell and a pipeline member do not change them', async () => {
  const t = createTerminal(new FakeWorld(), NODE, { tools: CORE });
  await type(t, 'X=1; cd /tmp');
  await type(t, '(cd /; X=2); echo x | read X');
  assert.equal((await type(t, 'echo $X $PWD')).output, '1 /tmp\n');
});

test('a program sees exported variables, the cwd, stdin from a pipe, and tty only when not piped or redirected', async () => {
  const seen: { env: Record<string, string>; cwd: string; stdin: string; tty: boolean }[] = [];
  const probe: ToolInfo = {
    name: 'probe',
    on: 'everywhere',
    summary: '',
    run: (ctx) => (seen.push({ env: ctx.env, cwd: ctx.cwd, stdin: ctx.stdin, tty: ctx.tty }), 0),
  };
  const t = createTerminal(new FakeWorld(), NODE, { tools: new Map([...CORE, ['probe', probe]]), cwd: '/tmp' });
  await type(t, 'export E=1; L=2; probe; echo in | probe; probe > /dev/null; probe < /dev/null');
  assert.equal(seen[0].env.E, '1');
  assert.equal(seen[0].env.L, undefined);
  assert.equal(seen[0].cwd, '/tmp');
  assert.deepEqual(
    seen.map((s) => [s.stdin, s.tty]),
    [
      ['', true],
      ['in\n', false],
      ['', false],
      ['', false],
    ],
  );
});

test('programs exist where the host has them: node tools on nodes, image commands in containers', async () => {
  const nodeOnly: ToolInfo = { name: 'kubeadm', on: 'node', summary: '', run: (ctx) => (ctx.stdout('ok\n'), 0) };
  const imageOnly: ToolInfo = { name: 'curl', on: 'image', summary: '', run: (ctx) => (ctx.stdout('curl ok\n'), 0) };
  const tools = new Map([...CORE, ['kubeadm', nodeOnly], ['curl', imageOnly]]);
  const w = new FakeWorld({
    pods: [
      { name: 'bb', node: 'wk1', ip: '172.16.1.3' },
      { name: 'web', node: 'wk1', ip: '172.16.1.4', image: 'nginx' },
    ],
  });
  const node = createTerminal(w, NODE, { tools });
  assert.equal((await type(node, 'kubeadm')).output, 'ok\n');
  assert.equal((await type(node, 'curl')).output, 'bash: curl: command not found\n');
  const web = createTerminal(w, podHost('web'), { tools });
  assert.equal((await type(web, 'curl')).output, 'curl ok\n');
  assert.equal((await type(web, 'kubeadm')).output, 'bash: kubeadm: command not found\n');
  assert.equal((await type(web, 'nginx -v')).output, 'podlab: nginx: this program is in the image but not simulated\n');
  const bb = createTerminal(w, podHost('bb'), { tools });
  const r = await type(bb, 'curl x');
  assert.deepEqual([r.output, r.exitCode], ['sh: curl: not found\n', 127]);
});

test('background jobs print [N] PID in bash, run without holding the line, and report Done', async () => {
  const w = new FakeWorld();
  const t = createTerminal(w, NODE, { tools: CORE });
  const start = w.clock.now();
  const r = await type(t, 'sleep 5 &');
  assert.match(r.output, /^\[1\] \d+\n$/);
  assert.equal(r.durationMs, 0);
  assert.equal((await type(t, 'echo $!')).output, `${/\] (\d+)/.exec(r.output)?.[1]}\n`);
  const later = await type(t, 'sleep 5');
  assert.equal(later.output, '[1]+  Done                    sleep 5\n');
  // Three lines typed (1 s each) and one 5 s sleep in the foreground: the job's 5 s ended meanwhile.
  assert.equal(w.clock.now() - start, 8_000);
});

test('an executable script runs with its #! shell; without the x bit it is refused', async () => {
  const w = new FakeWorld();
  const t = createTerminal(w, NODE, { tools: CORE, cwd: '/root' });
  await type(t, 'printf "#!/bin/sh\\necho script \\$1\\n" > s.sh');
  assert.equal((await type(t, './s.sh')).output, 'bash: ./s.sh: Permission denied\n');
  assert.equal((await type(t, 'chmod +x s.sh; ./s.sh arg')).output, 'script arg\n');
});
