// The network tools in a whole simulated world (createWorld + the real terminal): names, CIDRs and node names
// differ from the article on purpose; outputs come from the model (pod IPs, TTLs, Services, images).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { Pod, Service } from '../../../../../src/core/sim/api/types.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { type } from '../shell/helpers.ts';

const SPEC: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'm1', role: 'control-plane' },
    { name: 'w1', role: 'worker' },
    { name: 'w2', role: 'worker' },
  ],
  workstation: { node: 'm1', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  nodeName: w2
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  nodeName: w1
  containers:
  - name: bb
    image: busybox
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
`;

async function cluster() {
  const world = createWorld(SPEC, { seed: 3 });
  world.fs({ kind: 'node', node: 'm1' }).write('/root/p.yaml', MANIFEST);
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  assert.equal((await type(t, 'kubectl apply -f /root/p.yaml')).exitCode, 0);
  await type(t, 'sleep 30');
  const ip = world.store.get<Pod>('Pod', 'default', 'web')?.status?.podIP ?? '';
  assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
  return { world, t, ip };
}

test('from a node: curl prints the nginx page, ping crosses one router (ttl=63), nc connects', async () => {
  const { t, ip } = await cluster();
  const page = await type(t, `curl ${ip}`);
  assert.equal(page.exitCode, 0);
  assert.match(page.output, /^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
  const ping = await type(t, `ping -c 2 ${ip}`);
  assert.match(
    ping.output,
    new RegExp(
      `^PING ${ip.replace(/\./g, '\\.')} \\(${ip.replace(/\./g, '\\.')}\\) 56\\(84\\) bytes of data\\.\\n64 bytes from [\\d.]+: icmp_seq=1 ttl=63 time=`,
    ),
  );
  assert.match((await type(t, `nc -zv ${ip} 80`)).output, /^Connection to [\d.]+ 80 port \[tcp\/http\] succeeded!\n$/);
  assert.equal((await type(t, `curl -sS ${ip}:81`)).exitCode, 7);
});

test('in a busybox pod: BusyBox wget through a Service name, nslookup with the search list, nc -zv', async () => {
  const { world, t } = await cluster();
  assert.equal((await type(t, 'kubectl expose pod web --port=80')).exitCode, 0);
  await type(t, 'sleep 2');
  const svc = world.store.get<Service>('Service', 'default', 'web');
  const vip = svc?.spec.clusterIP ?? '';
  const w = await type(t, 'kubectl exec bb -- wget -qO- web');
  assert.match(w.output, /<title>Welcome to nginx!<\/title>/);
  const n = await type(t, 'kubectl exec bb -- nslookup web');
  assert.match(
    n.output,
    new RegExp(
      `^Server:\\t\\t10\\.96\\.0\\.10\\nAddress:\\t10\\.96\\.0\\.10:53\\n\\nName:\\tweb\\.default\\.svc\\.cluster\\.local\\nAddress: ${vip.replace(/\./g, '\\.')}\\n`,
    ),
  );
  assert.match(
    (await type(t, 'kubectl exec bb -- nc -zv web 80')).output,
    new RegExp(`^web \\(${vip.replace(/\./g, '\\.')}:80\\) open\\n$`),
  );
  assert.match((await type(t, 'kubectl logs bb')).output, /^The app is running!\n$/);
});
