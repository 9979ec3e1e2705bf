// ip neigh / rule / -o / -d / -s / link show type, in a whole simulated Calico world, against iproute2 6.1.0 and
// BusyBox 1.35.0 run in network namespaces wired like a Calico pod (a /32 on eth0, default via 169.254.1.1, the host
// veth cali… with proxy ARP and MAC ee:ee:ee:ee:ee:ee) and its node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import { calicoVethName } from '../../../../../src/core/sim/net/names.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { CALICO_TWO_NODES, type } from '../shell/helpers.ts';

const SPEC = CALICO_TWO_NODES;
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: net
spec:
  nodeName: w1
  containers:
  - name: c
    image: nicolaka/netshoot
    command: ['sleep', 'infinity']
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
    command: ['sleep', '3600']
`;

async function cluster() {
  const world = createWorld(SPEC, { seed: 5 });
  world.fs({ kind: 'node', node: 'm1' }).write('/root/p.yaml', MANIFEST);
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  assert.equal((await type(t, 'kubectl apply -f /root/p.yaml')).exitCode, 0);
  await type(t, 'kubectl wait --for=condition=Ready pod/net pod/bb');
  const pod = world.store.get<Pod>('Pod', 'default', 'net');
  return { world, t, ip: pod?.status?.podIP ?? '' };
}

test('ip neigh in a pod: empty before traffic, the proxy-ARP gateway REACHABLE after, STALE 30 s later', async () => {
  const { world, t, ip } = await cluster();
  assert.equal((await type(t, 'kubectl exec net -- ip neigh')).output, '');
  await type(t, 'kubectl exec net -- ping -c 1 10.0.0.11');
  assert.equal((await type(t, 'kubectl exec net -- ip neigh')).output, '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE \n');
  assert.equal((await type(t, 'kubectl exec net -- ip neigh show dev eth0')).output, '169.254.1.1 lladdr ee:ee:ee:ee:ee:ee REACHABLE \n');
  await type(t, 'sleep 31');
  assert.equal((await type(t, 'kubectl exec net -- ip n')).output, '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee STALE \n');
  // The node learnt the pod from its ARP request and confirmed it by sending the reply; it talks BGP to every peer.
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const neigh = (await type(w1, 'ip neigh')).output;
  assert.match(neigh, new RegExp(`^${ip.replace(/\./g, '\\.')} dev cali[0-9a-f]{11} lladdr [0-9a-f:]{17} STALE \n`));
  assert.match(neigh, /\n10\.0\.0\.11 dev eth0 lladdr [0-9a-f:]{17} REACHABLE \n$/);
});

test('BusyBox ip neigh prints its cache info; a new pod of the same name starts with an empty table', async () => {
  const { t } = await cluster();
  await type(t, 'kubectl exec bb -- ping -c 1 10.0.0.11');
  assert.equal(
    (await type(t, 'kubectl exec bb -- ip neigh')).output,
    '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee used 0/0/0 probes 1 REACHABLE\n',
  );
  await type(t, 'kubectl delete pod bb --grace-period=0 --force');
  await type(t, 'kubectl apply -f /root/p.yaml');
  await type(t, 'kubectl wait --for=condition=Ready pod/bb');
  assert.equal((await type(t, 'kubectl exec bb -- ip neigh')).output, '');
});

test('host veths are cali…@ifN (their peer is in another namespace); ip link show type veth lists only them', async () => {
  const { world } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const veths = (await type(w1, 'ip link show type veth')).output.split('\n').filter((l) => /^\d+: /.test(l));
  assert.equal(veths.length, 2);
  for (const l of veths) assert.match(l, /^\d+: cali[0-9a-f]{11}@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 /);
  assert.doesNotMatch((await type(w1, 'ip link')).output, /@tunl0/);
});

test('ip rule, ip -o addr, ip -d route and route get (with src), as iproute2 6.1 prints them', async () => {
  const { world, t, ip } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  assert.equal(
    (await type(w1, 'ip rule')).output,
    '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n',
  );
  assert.equal(
    (await type(t, 'kubectl exec bb -- ip rule')).output,
    '0:\tfrom all lookup local \n32766:\tfrom all lookup main \n32767:\tfrom all lookup default \n',
  );
  assert.equal(
    (await type(t, 'kubectl exec net -- ip -o -4 addr')).output,
    `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n3: eth0    inet ${ip}/32 scope global eth0\\       valid_lft forever preferred_lft forever\n`,
  );
  assert.equal(
    (await type(t, 'kubectl exec net -- ip -d route')).output,
    'unicast default via 169.254.1.1 dev eth0 proto boot scope global \nunicast 169.254.1.1 dev eth0 proto boot scope link \n',
  );
  assert.equal(
    (await type(w1, `ip route get ${ip}`)).output,
    `${ip} dev ${calicoVethName('default', 'net')} src 10.0.0.12 uid 0 \n    cache \n`,
  );
  assert.equal((await type(t, `kubectl exec net -- ip r g ${ip}`)).output, `local ${ip} dev lo src ${ip} uid 0 \n    cache <local> \n`);
  assert.equal(
    (await type(t, 'kubectl exec bb -- ip route get 10.0.0.11')).output,
    `10.0.0.11 via 169.254.1.1 dev eth0  src ${world.store.get<Pod>('Pod', 'default', 'bb')?.status?.podIP} \n`,
  );
});

test('ip -s link counts what was sent; -d adds the kind line; verbs match by prefix; changes say they are not simulated', async () => {
  const { t } = await cluster();
  await type(t, 'kubectl exec net -- ping -c 2 10.0.0.11');
  const s = (await type(t, 'kubectl exec net -- ip -s link show eth0')).output;
  assert.match(
    s,
    /\n    RX:  bytes packets errors dropped  missed   mcast           \n +196 +2 +0 +0 +0 +0 \n    TX:  bytes packets errors dropped carrier collsns           \n +196 +2 +0 +0 +0 +0 \n$/,
  );
  assert.match(
    (await type(t, 'kubectl exec net -- ip -d link show eth0')).output,
    /link-netnsid 0 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    veth addrgenmode eui64 numtxqueues 2 /,
  );
  const set = await type(t, 'kubectl exec net -- ip link s eth0 down');
  assert.match(set.output, /podlab: ip link s: changing the network is not simulated/);
  const bad = await type(t, 'kubectl exec net -- ip addr eth0');
  assert.match(bad.output, /Command "eth0" is unknown, try "ip address help"\./);
  assert.match((await type(t, 'kubectl exec net -- ip netns')).output, /podlab: ip netns: this part of ip is not simulated/);
  assert.match((await type(t, 'kubectl exec bb -- ip -d link')).output, /Usage: ip \[OPTIONS\] address\|route\|link\|tunnel\|neigh\|rule/);
});
