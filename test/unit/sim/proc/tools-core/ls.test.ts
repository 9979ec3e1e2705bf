// ls on a terminal: column layouts compared with what real GNU ls and BusyBox ls printed for the same names
// (test/golden/sim/ls/*.txt were captured from them, LC_ALL=C, 80 columns); -l lines; errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { assertGolden } from '../../../../helpers/golden.ts';
import { FakeWorld, NODE, podHost } from '../shell/fake-world.ts';

const TOOLS = new Map(coreTools.map((t) => [t.name, t]));
const OPTS = { timeoutMs: 10_000, maxOutputBytes: 100_000 };

const SETS: Record<string, string[]> = {
  article: ['nginx_pod.yaml', 'busybox_pod.yaml', 'service.yaml', 'deployment.yaml', 'README.md'],
  letters: 'abcdefghijklmnopqrstuvwxyz'.split(''),
  mixed: [
    'kube-proxy-config.yaml',
    'x',
    'y',
    'calico-node-daemonset-with-a-long-name.yaml',
    'etcd.yaml',
    'a-b',
    'coredns-configmap.yaml',
    'z',
  ],
  fhs: [
    'bin',
    'boot',
    'dev',
    'etc',
    'home',
    'lib',
    'lib64',
    'media',
    'mnt',
    'opt',
    'proc',
    'root',
    'run',
    'sbin',
    'srv',
    'sys',
    'tmp',
    'usr',
    'var',
  ],
  many: Array.from({ length: 40 }, (_, i) => `file-${i + 1}.txt`),
};

test('ls in columns matches GNU ls and BusyBox ls', async () => {
  for (const [name, files] of Object.entries(SETS)) {
    const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.4' }] });
    for (const [host, userland] of [
      [NODE, 'gnu'],
      [podHost('bb'), 'busybox'],
    ] as const) {
      for (const f of files) w.fs(host).write(`/lab/${f}`, '');
      const t = createTerminal(w, host, { tools: TOOLS, cwd: '/lab' });
      const r = await t.type('ls', OPTS);
      assertGolden(r.output, `test/golden/sim/ls/${name}.${userland}.txt`);
    }
  }
});

test('ls not on a terminal prints one name per line', async () => {
  const w = new FakeWorld();
  for (const f of SETS.article) w.fs(NODE).write(`/lab/${f}`, '');
  const t = createTerminal(w, NODE, { tools: TOOLS, cwd: '/lab' });
  assert.equal((await t.type('ls | cat', OPTS)).output, 'README.md\nbusybox_pod.yaml\ndeployment.yaml\nnginx_pod.yaml\nservice.yaml\n');
  assert.equal((await t.type('ls -1 /lab/README.md', OPTS)).output, '/lab/README.md\n');
});

test('ls -l: total, modes, links, sizes and dates, GNU and BusyBox spacing', async () => {
  const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.4' }] });
  for (const host of [NODE, podHost('bb')]) {
    w.fs(host).write('/lab/a.txt', 'hello\n');
    w.fs(host).write('/lab/big.yaml', 'x'.repeat(5000));
    w.fs(host).mkdir?.('/lab/sub');
  }
  const gnu = createTerminal(w, NODE, { tools: TOOLS, cwd: '/lab' });
  assert.equal(
    (await gnu.type('ls -l', OPTS)).output,
    'total 16\n-rw-r--r-- 1 root root    6 Jan  1 00:00 a.txt\n-rw-r--r-- 1 root root 5000 Jan  1 00:00 big.yaml\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 sub\n',
  );
  const bb = createTerminal(w, podHost('bb'), { tools: TOOLS, cwd: '/lab' });
  assert.equal(
    (await bb.type('ls -l', OPTS)).output,
    'total 16\n-rw-r--r--    1 root     root             6 Jan  1 00:00 a.txt\n-rw-r--r--    1 root     root          5000 Jan  1 00:00 big.yaml\ndrwxr-xr-x    2 root     root          4096 Jan  1 00:00 sub\n',
  );
  assert.equal((await gnu.type('ls -ld sub', OPTS)).output, 'drwxr-xr-x 2 root root 4096 Jan  1 00:00 sub\n');
});

test('ls of files and directories together, hidden files, and errors', async () => {
  const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.4' }] });
  w.fs(NODE).write('/lab/a.txt', '');
  w.fs(NODE).write('/lab/sub/inner', '');
  w.fs(NODE).write('/lab/.hidden', '');
  const t = createTerminal(w, NODE, { tools: TOOLS, cwd: '/lab' });
  assert.equal((await t.type('ls a.txt sub', OPTS)).output, 'a.txt\n\nsub:\ninner\n');
  assert.equal((await t.type('ls -A', OPTS)).output, '.hidden  a.txt\tsub\n');
  assert.equal(
    (await t.type('ls -a', OPTS)).output,
    '.  ..  .hidden\ta.txt  sub\n',
    'GNU ls pads with tabs where a tab stop fits (as real ls -a printed)',
  );
  const r = await t.type('ls /nope a.txt', OPTS);
  assert.deepEqual([r.output, r.exitCode], ["ls: cannot access '/nope': No such file or directory\na.txt\n", 2]);
  const bb = createTerminal(w, podHost('bb'), { tools: TOOLS });
  const b = await bb.type('ls /nope', OPTS);
  assert.deepEqual([b.output, b.exitCode], ['ls: /nope: No such file or directory\n', 1]);
});
