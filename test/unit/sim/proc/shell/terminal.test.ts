// SimTerminal: prompts per OS and shell, nested shells (push/pop and the `exit` echo), PS2 continuation, typing
// time, the end of the terminal, completion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import type { HostRef } from '../../../../../src/core/sim/contracts.ts';
import type { ShellRequest, ToolInfo } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';
import { transcript, type } from './helpers.ts';

/** A stand-in for `kubectl exec -it POD -- PROGRAM`: asks the terminal for a nested shell in the pod. */
function fakeExec(extra: Partial<ShellRequest> = {}): ToolInfo {
  return {
    name: 'kexec',
    on: 'node',
    summary: '',
    run: (ctx) => {
      const [pod, program] = ctx.argv.slice(1);
      const host: HostRef = { kind: 'pod', namespace: 'default', pod, container: pod };
      ctx.openShell({ host, program, ...extra });
      return 0;
    },
  };
}

function world(): FakeWorld {
  return new FakeWorld({
    pods: [
      { name: 'mypod', node: 'wk1', ip: '172.16.1.2', image: 'app' },
      { name: 'web', node: 'wk1', ip: '172.16.1.3', image: 'nginx' },
      { name: 'bb', node: 'wk1', ip: '172.16.1.4', image: 'busybox' },
      { name: 'alp', node: 'wk1', ip: '172.16.1.5', image: 'alpine' },
    ],
  });
}

const tools = (...extra: ToolInfo[]): Map<string, ToolInfo> => new Map([...coreTools, ...extra].map((t) => [t.name, t]));

test('prompts: CentOS-style node bash, Debian bash, BusyBox/Alpine ash, dash', async () => {
  const w = world();
  const node = createTerminal(w, NODE, { cwd: '/root/network', tools: tools() });
  assert.equal(node.prompt(), '[root@cp1 network]# ');
  await type(node, 'cd');
  assert.equal(node.prompt(), '[root@cp1 ~]# ');
  await type(node, 'cd /');
  assert.equal(node.prompt(), '[root@cp1 /]# ');
  assert.equal(createTerminal(w, podHost('mypod'), { tools: tools() }).prompt(), 'root@mypod:/data# ');
  const web = createTerminal(w, podHost('web'), { tools: tools() });
  assert.equal(web.prompt(), 'root@web:/# ');
  await type(web, 'cd /root/');
  assert.equal(web.prompt(), 'root@web:~# ');
  await type(web, 'mkdir -p sub; cd sub');
  assert.equal(web.prompt(), 'root@web:~/sub# ');
  const bb = createTerminal(w, podHost('bb'), { tools: tools() });
  assert.equal(bb.prompt(), '/ # ');
  await type(bb, 'cd /root');
  assert.equal(bb.prompt(), '~ # ');
  assert.equal(createTerminal(w, podHost('alp'), { tools: tools() }).prompt(), '/ # ');
  assert.equal(createTerminal(w, podHost('web'), { tools: tools(), program: 'sh' }).prompt(), '# ');
  assert.equal(createTerminal(w, NODE, { tools: tools(), user: 'dev', cwd: '/home/dev' }).prompt(), '[dev@cp1 ~]$ ');
  assert.equal(createTerminal(w, NODE, { tools: tools(), program: 'sh' }).prompt(), 'sh-4.2# ');
});

test('PS1 set by the user is rendered', async () => {
  const t = createTerminal(world(), NODE, { tools: tools() });
  await type(t, "PS1='\\h:\\W \\$ '");
  assert.equal(t.prompt(), 'cp1:~ # ');
});

test('a nested shell: pushed by a program, `exit` pops it, bash echoes exit, $? carries its status', async () => {
  const w = world();
  const t = createTerminal(w, NODE, { cwd: '/root/network', tools: tools(fakeExec()) });
  const text = await transcript(t, ['kexec mypod bash', 'hostname', 'cd /tmp', 'exit 3', 'echo $?']);
  assert.equal(
    text,
    [
      '[root@cp1 network]# kexec mypod bash',
      'root@mypod:/data# hostname',
      'mypod',
      'root@mypod:/data# cd /tmp',
      'root@mypod:/tmp# exit 3',
      'exit',
      '[root@cp1 network]# echo $?',
      '3',
      '',
    ].join('\n'),
  );
  assert.equal(t.depth(), 1);
});

test('ash and dash leave without a word; depth follows the stack', async () => {
  const t = createTerminal(world(), NODE, { tools: tools(fakeExec()) });
  await type(t, 'kexec bb sh');
  assert.deepEqual([t.depth(), t.prompt()], [2, '/ # ']);
  assert.deepEqual([(await type(t, 'exit')).output, t.depth()], ['', 1]);
  await type(t, 'kexec web sh');
  assert.deepEqual([t.depth(), t.prompt()], [2, '# ']);
  await type(t, 'bash');
  assert.deepEqual([t.depth(), t.prompt()], [3, 'root@web:/# ']);
  assert.deepEqual([(await type(t, 'exit')).output, t.depth(), t.prompt()], ['exit\n', 2, '# ']);
  assert.deepEqual([(await type(t, 'exit')).output, t.depth()], ['', 1]);
});

test('the opener may map the nested status and print on exit; env reaches the nested shell', async () => {
  const t = createTerminal(world(), NODE, {
    tools: tools(
      fakeExec({
        env: { TERM: 'xterm-256color' },
        onExit: (io, status) => {
          if (status !== 0) io.stderr(`command terminated with exit code ${status}\n`);
          return status;
        },
      }),
    ),
  });
  await type(t, 'kexec web bash');
  assert.equal((await type(t, 'echo $TERM')).output, 'xterm-256color\n');
  const r = await type(t, 'exit 5');
  assert.deepEqual([r.output, r.exitCode], ['exit\ncommand terminated with exit code 5\n', 5]);
});

test('exit at depth 1 ends the terminal; typing then says so', async () => {
  const t = createTerminal(world(), NODE, { tools: tools() });
  const r = await type(t, 'exit');
  assert.deepEqual([r.output, r.exitCode, t.depth()], ['exit\n', 0, 0]);
  const after = await type(t, 'echo hi');
  assert.equal(after.output, 'podlab: this terminal has exited; open a new one\n');
  assert.equal(after.exitCode, 1);
});

test('an unfinished line waits for more with PS2', async () => {
  const t = createTerminal(world(), NODE, { tools: tools() });
  const r1 = await type(t, 'for i in 1 2; do');
  assert.deepEqual([r1.output, t.prompt()], ['', '> ']);
  const r2 = await type(t, 'echo $i; done');
  assert.equal(r2.output, '1\n2\n');
  assert.equal(t.prompt(), '[root@cp1 ~]# ');
  await type(t, 'cat <<EOF');
  await type(t, 'line one');
  assert.equal((await type(t, 'EOF')).output, 'line one\n');
});

test('each typed line lets a second of simulated time pass before it runs', async () => {
  const w = world();
  const t = createTerminal(w, NODE, { tools: tools() });
  const start = w.clock.now();
  await type(t, 'true');
  await type(t, 'true');
  assert.equal(w.clock.now() - start, 2_000);
  const slow = createTerminal(w, NODE, { tools: tools(), typingMs: 250 });
  await type(slow, 'true');
  assert.equal(w.clock.now() - start, 2_250);
});

test('bash typed in bash nests a shell in the same directory; SHLVL counts', async () => {
  const t = createTerminal(world(), NODE, { tools: tools(), cwd: '/tmp' });
  assert.equal((await type(t, 'echo $SHLVL')).output, '1\n');
  await type(t, 'bash');
  assert.deepEqual([t.depth(), t.prompt()], [2, '[root@cp1 tmp]# ']);
  assert.equal((await type(t, 'echo $SHLVL')).output, '2\n');
});

test('completion offers commands first, then paths', () => {
  const w = world();
  const node = createTerminal(w, NODE, { tools: tools() });
  assert.deepEqual(node.complete?.('ech'), ['echo']);
  assert.deepEqual(node.complete?.('cat /etc/ho'), ['/etc/hostname', '/etc/hosts']);
  assert.deepEqual(node.complete?.('ls /r'), ['/root/', '/run/']);
  const bb = createTerminal(w, podHost('bb'), { tools: tools() });
  assert.ok(!(bb.complete?.('ku') ?? []).includes('kubectl'));
});

test('a terminal cannot open on a missing host or a container without a shell', () => {
  const w = world();
  w.addPod({ name: 'nosh', node: 'wk1', ip: '172.16.1.9', image: 'distroless' });
  assert.throws(() => createTerminal(w, { kind: 'node', node: 'nope' }), /no node named nope/);
  assert.throws(() => createTerminal(w, podHost('nosh')), /has no shell/);
  assert.throws(() => createTerminal(w, podHost('ghost')), /no container/);
});

test('a nested shell whose pod is gone ends with 137; the next line runs in the shell below', async () => {
  const w = world();
  const t = createTerminal(w, NODE, { tools: tools(fakeExec()) });
  await type(t, 'kexec bb sh');
  assert.equal(t.depth(), 2);
  w.store.delete('Pod', 'default', 'bb');
  const r = await type(t, 'echo $?; hostname');
  assert.deepEqual([r.output, t.depth()], ['137\ncp1\n', 1]);
  const direct = createTerminal(w, podHost('web'), { tools: tools() });
  w.store.delete('Pod', 'default', 'web');
  assert.equal((await type(direct, 'hostname')).output, 'podlab: this terminal has exited; open a new one\n');
});
