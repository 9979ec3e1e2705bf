// The shell in a whole simulated world (createWorld): workstation terminal, kubectl exec -it into pods and back,
// files generated from the live model. Names and addresses differ from the article on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { type, transcript } from './helpers.ts';

const SPEC: ClusterSpec = {
  cni: 'flannel',
  nodes: [
    { name: 'ctl-a', role: 'control-plane' },
    { name: 'wrk-b', role: 'worker' },
    { name: 'wrk-c', role: 'worker' },
  ],
  workstation: { node: 'ctl-a', cwd: '/root/lab', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: toolbox
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 3600']
---
apiVersion: v1
kind: Pod
metadata:
  name: webapp
spec:
  containers:
  - name: web
    image: nginx
`;

async function started() {
  const world = createWorld(SPEC, { seed: 42 });
  const ws = world.cluster.workstation;
  world.fs({ kind: 'node', node: ws.node }).write(`${ws.cwd}/pods.yaml`, MANIFEST);
  const t = createTerminal(world, { kind: 'node', node: ws.node }, { cwd: ws.cwd, user: ws.user });
  const applied = await type(t, 'kubectl apply -f pods.yaml');
  assert.equal(applied.exitCode, 0, applied.output);
  await type(t, 'sleep 30');
  return { world, t };
}

test('workstation shell: prompt from the node OS, files from the backend, kubectl', async () => {
  const { t } = await started();
  // cluster.os defaults to debian: Debian's ~/.bashrc prompt (CentOS's /etc/bashrc style is tested below).
  assert.equal(t.prompt(), 'root@ctl-a:~/lab# ');
  assert.equal((await type(t, 'ls')).output, 'pods.yaml\n');
  assert.match((await type(t, 'kubectl get pods')).output, /^NAME +READY +STATUS/);
});

test('kubectl exec -it pushes the pod shell; it sees the live model; exit pops back', async () => {
  const { world, t } = await started();
  const pod = world.store.get<Pod>('Pod', 'default', 'toolbox') as Pod;
  const ip = pod.status?.podIP as string;
  assert.ok(ip, 'the pod has an IP');
  const text = await transcript(t, ['kubectl exec -it toolbox -- sh', 'hostname; hostname -i', 'tail -n 1 /etc/hosts', 'exit']);
  assert.equal(
    text,
    `root@ctl-a:~/lab# kubectl exec -it toolbox -- sh\n/ # hostname; hostname -i\ntoolbox\n${ip}\n/ # tail -n 1 /etc/hosts\n${ip}\ttoolbox\n/ # exit\n`,
  );
  assert.equal(t.depth(), 1);
  await type(t, 'kubectl exec -it webapp -- bash');
  assert.equal(t.prompt(), 'root@webapp:/# ');
  const bye = await type(t, 'exit 2');
  assert.equal(bye.output.startsWith('exit\n'), true);
  assert.equal(t.depth(), 1);
  assert.equal((await type(t, 'echo $?')).output, '2\n');
});

test('kubectl exec without -it runs the program directly in the container', async () => {
  const { t } = await started();
  const rc = await type(t, 'kubectl exec toolbox -- cat /etc/resolv.conf');
  assert.equal(rc.output, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  const sh = await type(t, `kubectl exec webapp -- sh -c 'echo $HOSTNAME; nosuch'`);
  assert.match(sh.output, /^webapp\nsh: 1: nosuch: not found\n/);
  assert.notEqual(sh.exitCode, 0);
});

test('a long sleep in a pod ends at the line budget; the world clock is at the deadline', async () => {
  const { world, t } = await started();
  await type(t, 'kubectl exec -it toolbox -- sh');
  const before = world.clock.now();
  const r = await t.type('sleep 3600', { timeoutMs: 5_000, maxOutputBytes: 1_000 });
  assert.deepEqual([r.timedOut, world.clock.now() - before], [true, 6_000]);
  assert.equal(t.depth(), 2, 'the nested shell is still there');
});

test('a terminal opened on a pod starts bash where the image has it, else its sh', async () => {
  const { world } = await started();
  const web = createTerminal(world, { kind: 'pod', namespace: 'default', pod: 'webapp', container: 'web' });
  assert.equal(web.prompt(), 'root@webapp:/# ');
  const box = createTerminal(world, { kind: 'pod', namespace: 'default', pod: 'toolbox', container: 'box' });
  assert.equal(box.prompt(), '/ # ');
  assert.equal((await type(box, 'echo $0; nosuch')).output, 'sh\nsh: nosuch: not found\n');
});

test("the lesson's cluster.os decides the node shell: CentOS prompt and os-release", async () => {
  const world = createWorld({ ...SPEC, os: 'centos' }, { seed: 3 });
  const t = createTerminal(world, { kind: 'node', node: 'wrk-b' }, {});
  assert.equal(t.prompt(), '[root@wrk-b ~]# ');
  assert.match((await type(t, 'cat /etc/os-release')).output, /^NAME="CentOS Linux"/);
  const u = createWorld({ ...SPEC, os: 'ubuntu' }, { seed: 3 });
  const ut = createTerminal(u, { kind: 'node', node: 'wrk-b' }, {});
  assert.equal(ut.prompt(), 'root@wrk-b:~# ');
  assert.match((await type(ut, 'grep ^ID= /etc/os-release; sh -c nosuch')).output, /^ID=ubuntu\nsh: 1: nosuch: not found\n$/);
});
