// ToolContext.execIn: a container runtime's exec, no shell in between (unless argv is `sh -c ...`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import type { ToolInfo } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE } from './fake-world.ts';
import { type } from './helpers.ts';

/** `kx POD [-i] [-t] -- ARGV`: execIn in the pod, like kubectl exec without the API. */
const kx: ToolInfo = {
  name: 'kx',
  on: 'node',
  summary: '',
  run: (ctx) => {
    const dash = ctx.argv.indexOf('--');
    const flags = ctx.argv.slice(2, dash);
    const host = { kind: 'pod' as const, namespace: 'default', pod: ctx.argv[1], container: ctx.argv[1] };
    return ctx.execIn(host, ctx.argv.slice(dash + 1), flags.includes('-i') ? ctx.stdin : '', { tty: flags.includes('-t') });
  },
};

function terminal() {
  const w = new FakeWorld({
    pods: [
      { name: 'bb', node: 'wk1', ip: '172.16.1.5' },
      {
        name: 'app',
        node: 'wk1',
        ip: '172.16.1.6',
        image: 'app',
        containers: [{ name: 'app', image: 'app', env: [{ name: 'MODE', value: 'test' }] }],
      },
    ],
  });
  return { w, t: createTerminal(w, NODE, { tools: new Map([...coreTools, kx].map((t) => [t.name, t])) }) };
}

test('runs the program in the pod with its environment and working directory; output joins the caller’s', async () => {
  const { t } = terminal();
  assert.equal((await type(t, 'kx bb -- hostname | tr a-z A-Z')).output, 'BB\n');
  assert.equal((await type(t, 'kx app -- pwd')).output, '/data\n');
  const env = (await type(t, 'kx app -- env')).output;
  assert.match(env, /^PATH=.*\nHOSTNAME=app\nMODE=test\nKUBERNETES_SERVICE_HOST=10\.96\.0\.1\n/);
  assert.match(env, /\nHOME=\/root\n$/);
  assert.doesNotMatch(env, /TERM=/);
  assert.match((await type(t, 'kx app -t -- env')).output, /\nTERM=xterm\n/);
});

test('no shell in between: builtins and missing programs fail to start (126)', async () => {
  const { t } = terminal();
  const cd = await type(t, 'kx bb -- cd /tmp');
  assert.deepEqual(
    [cd.output, cd.exitCode],
    [
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "cd": executable file not found in $PATH: unknown\n',
      126,
    ],
  );
  const curl = await type(t, 'kx bb -- curl x');
  assert.equal(curl.exitCode, 126);
  const abs = await type(t, 'kx bb -- /bin/bash');
  assert.equal(
    abs.output,
    'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\n',
  );
  assert.equal((await type(t, 'kx bb -- /bin/hostname')).output, 'bb\n', 'an absolute path to a program in a bin directory works');
});

test('sh -c runs a script in the image’s shell, with its messages and status', async () => {
  const { t } = terminal();
  const r = await type(t, "kx bb -- sh -c 'echo $HOSTNAME; cd /nope; exit 4'");
  assert.deepEqual([r.output, r.exitCode], ["bb\nsh: cd: line 0: can't cd to /nope: No such file or directory\n", 4]);
  const d = await type(t, "kx app -- sh -c 'nosuch'");
  assert.deepEqual([d.output, d.exitCode], ['sh: 1: nosuch: not found\n', 127]);
});

test('stdin reaches the program with -i; `sh` reads its script from it', async () => {
  const { t } = terminal();
  assert.equal((await type(t, 'printf "a\\nb\\n" | kx bb -i -- wc -l')).output, '2\n');
  assert.equal((await type(t, 'echo "hostname; echo \\$0" | kx bb -i -- sh')).output, 'bb\nsh\n');
  assert.equal((await type(t, 'echo ignored | kx bb -- cat')).output, '', 'without -i the program reads nothing');
});

test('an exec’d program shares the line’s time budget', async () => {
  const { t, w } = terminal();
  const start = w.clock.now();
  const r = await t.type('kx bb -- sleep 100; echo after', { timeoutMs: 3_000, maxOutputBytes: 1000 });
  assert.deepEqual([r.timedOut, r.output, w.clock.now() - start], [true, '', 4_000]);
});

test('files written in an exec stay in that container', async () => {
  const { t, w } = terminal();
  await type(t, "kx bb -- sh -c 'echo data > /tmp/f'");
  assert.equal(w.fs({ kind: 'pod', namespace: 'default', pod: 'bb', container: 'bb' }).read('/tmp/f'), 'data\n');
  assert.equal((await type(t, 'cat /tmp/f')).exitCode, 1);
});
