// ss, netstat and ps over the model: a pod's listeners in its namespace, the node's daemons and hostNetwork pods,
// the process table per pid namespace; formats as iproute2 6.1, procps-ng 4.0.2, BusyBox and net-tools print them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { CALICO_TWO_NODES, type } from '../shell/helpers.ts';

const SPEC = CALICO_TWO_NODES;

async function cluster(seed = 2) {
  const world = createWorld(SPEC, { seed });
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  await type(t, 'kubectl run bb --image=busybox -- nc -lk -p 8080');
  await type(t, 'kubectl run web --image=nginx');
  await type(t, 'kubectl run ns --image=nicolaka/netshoot -- sleep 3600');
  await type(t, 'kubectl wait --for=condition=Ready pod/bb pod/web pod/ns');
  return t;
}

test('ss -tlnp on a node: sshd, kubelet and the hostNetwork pods, compact columns when piped', async () => {
  const t = await cluster();
  const out = (await type(t, 'ss -tlnp | cat')).output.split('\n');
  assert.equal(out[0].trimEnd(), 'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess');
  assert.equal(out[1], 'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=598,fd=3))            ');
  assert.ok(out.some((l) => /^LISTEN 0 {6}4096 {15}\*:10250 {12}\*:\* {4}users:\(\("kubelet",pid=702,fd=3\)\)/.test(l)));
  assert.ok(out.some((l) => l.includes('*:10256') && l.includes('users:(("kube-proxy",')));
  // Every line is as wide as the header: ss pads the last column.
  assert.equal(new Set(out.filter(Boolean).map((l) => l.length)).size, 1);
});

test('ss without -n names known ports; -a adds the Netid column; without -l no socket (connections are not kept)', async () => {
  const t = await cluster();
  const all = (await type(t, 'ss -a | cat')).output;
  assert.match(all, /^Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n/);
  assert.match(all, /\ntcp   LISTEN 0      128          0\.0\.0\.0:ssh        0\.0\.0\.0:\* {10}\n/);
  assert.match(all, /\*:bgp /);
  assert.equal((await type(t, 'ss -t | cat')).output, 'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
});

test('ss in a pod: the pod namespace listeners only; an image without ss cannot exec it', async () => {
  const t = await cluster();
  const out = (await type(t, 'kubectl exec ns -- ss -tlnp')).output;
  assert.equal(out, 'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  // nginx's image ships no ss: the exec fails as a real runtime does.
  assert.match((await type(t, 'kubectl exec web -- ss')).output, /exec: "ss": executable file not found in \$PATH/);
});

test('ss: a bad option prints the usage with status 255; filters are said to be unsimulated', async () => {
  const t = await cluster();
  const bad = await type(t, 'ss -X');
  assert.equal(bad.exitCode, 255);
  assert.match(bad.output, /^ss: invalid option -- 'X'\nUsage: ss \[ OPTIONS \]\n/);
  const f = await type(t, 'ss -tln sport = :22');
  assert.equal(f.exitCode, 1);
  assert.match(f.output, /^podlab: ss: filter expressions are not simulated\n$/);
});

test('BusyBox netstat in the busybox image: the pod listener with its pid as the container sees it', async () => {
  const t = await cluster();
  assert.equal(
    (await type(t, 'kubectl exec bb -- netstat -tlnp')).output,
    'Active Internet connections (only servers)\n' +
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n' +
      'tcp        0      0 :::8080                 :::*                    LISTEN      1/nc\n',
  );
  const bad = await type(t, 'kubectl exec bb -- netstat -Q');
  assert.match(bad.output, /^netstat: invalid option -- 'Q'\nBusyBox v/);
});

test('netstat is not on a Debian node; net-tools netstat in netshoot', async () => {
  const t = await cluster();
  assert.match((await type(t, 'netstat -tln')).output, /command not found/);
  assert.equal(
    (await type(t, 'kubectl exec ns -- netstat -tln')).output,
    'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n',
  );
});

test('ps on a node: procps formats, the daemons, /pause and each container per pod; deterministic', async () => {
  const t = await cluster();
  const ef = (await type(t, 'ps -ef | cat')).output;
  assert.match(ef, /^UID {10}PID {4}PPID {2}C STIME TTY {10}TIME CMD\n/);
  assert.match(ef, /\nroot {11}1 {7}0 {2}0 \d\d:\d\d \? {8}00:00:00 \/sbin\/init\n/);
  assert.match(ef, /\n65535 +\d+ +\d+ +0 \d\d:\d\d \? +00:00:00 \/pause\n/);
  assert.match(ef, /\/usr\/bin\/kubelet --bootstrap-kubeconfig/);
  assert.match(ef, /\/coredns -conf \/etc\/coredns\/Corefile\n/);
  assert.match((await type(t, 'ps aux | cat')).output, /^USER {9}PID %CPU %MEM {4}VSZ {3}RSS TTY {6}STAT START {3}TIME COMMAND\n/);
  assert.match((await type(t, 'ps')).output, /^ {4}PID TTY {10}TIME CMD\n +\d+ pts\/0 {4}00:00:00 ps\n$/);
  // Same seed, same table (ps's own line aside: each run takes the next pid).
  const withoutSelf = (text: string) => text.replace(/[^\n]*ps -ef\n$/, '');
  const again = await cluster();
  assert.equal(withoutSelf((await type(again, 'ps -ef | cat')).output), withoutSelf(ef));
  const bad = await type(t, 'ps --bad');
  assert.equal(bad.exitCode, 1);
  assert.match(bad.output, /^error: unknown gnu long option\n\nUsage:\n ps \[options\]\n/);
});

test('BusyBox ps in a pod: its own main process as PID 1, then ps', async () => {
  const t = await cluster();
  const out = (await type(t, 'kubectl exec bb -- ps')).output.split('\n');
  assert.equal(out[0], 'PID   USER     TIME  COMMAND');
  assert.equal(out[1], '    1 root      0:00 nc -lk -p 8080');
  assert.match(out[2], /^ +\d+ root {6}0:00 ps$/);
});

test('shareProcessNamespace: every container of the pod and /pause as PID 1', async () => {
  const world = createWorld(SPEC, { seed: 3 });
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  world.fs({ kind: 'node', node: 'm1' }).write(
    '/root/p.yaml',
    `apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  shareProcessNamespace: true
  containers:
  - {name: a, image: busybox, command: [sleep, '3600']}
  - {name: b, image: busybox, command: [nc, -lk, -p, '9000']}
`,
  );
  await type(t, 'kubectl apply -f p.yaml');
  await type(t, 'kubectl wait --for=condition=Ready pod/two');
  const out = (await type(t, 'kubectl exec two -c a -- ps')).output.split('\n');
  assert.deepEqual(out.slice(0, 4), [
    'PID   USER     TIME  COMMAND',
    '    1 65535     0:00 /pause',
    '    2 root      0:00 sleep 3600',
    '    3 root      0:00 nc -lk -p 9000',
  ]);
  assert.match((await type(t, 'kubectl exec two -c a -- netstat -tlnp')).output, /:::9000 .* LISTEN {6}3\/nc\n$/);
});
