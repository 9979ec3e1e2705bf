import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Interface } from '../../../../src/core/sim/contracts.ts';
import { formatRoute } from '../../../../src/core/sim/net/index.ts';
import { calicoVethName } from '../../../../src/core/sim/net/names.ts';
import { TestWorld, node, pod } from './test-world.ts';

const lines = (w: TestWorld, ref: Parameters<TestWorld['net']['routes']>[0]) => w.net.routes(ref).map(formatRoute);
const byName = (ifs: Interface[]) => Object.fromEntries(ifs.map((i) => [i.name, i]));

function calicoWorld(): TestWorld {
  const w = new TestWorld({
    cni: 'calico',
    nodes: [
      { name: 'cp', role: 'control-plane', podCIDR: '192.168.1.0/26' },
      { name: 'h2', role: 'worker', podCIDR: '192.168.217.0/26' },
      { name: 'h3', role: 'worker', podCIDR: '192.168.254.192/26' },
    ],
    pins: [{ pod: 'nginx-pod', node: 'h2', ip: '192.168.217.16' }],
  });
  w.pod('nginx-pod', { node: 'h2' });
  w.pod('busybox', { node: 'h3' });
  return w;
}

test('calico pod: lo, a down tunl0, eth0 with a /32 behind the cali veth; routes via 169.254.1.1', () => {
  const w = calicoWorld();
  const ifs = w.net.interfaces(pod('default', 'nginx-pod'));
  assert.deepEqual(
    ifs.map((i) => `${i.index}:${i.name}:${i.state}:${i.mtu}`),
    ['1:lo:UNKNOWN:65536', '2:tunl0:DOWN:1480', '3:eth0:UP:1480'],
  );
  const eth0 = byName(ifs).eth0;
  assert.deepEqual(eth0.addresses, ['192.168.217.16/32']);
  assert.deepEqual(eth0.peer, { index: 4, name: calicoVethName('default', 'nginx-pod') });
  assert.deepEqual(lines(w, pod('default', 'nginx-pod')), ['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link']);
});

test("calico node: tunl0 holds the block's first address, veths are ee:ee:ee:ee:ee:ee, BIRD routes over tunl0", () => {
  const w = calicoWorld();
  const ifs = byName(w.net.interfaces(node('h2')));
  assert.deepEqual(ifs.tunl0.addresses, ['192.168.217.0/32']);
  assert.equal(ifs.tunl0.type, 'ipip');
  assert.deepEqual(ifs.eth0.addresses, ['10.0.0.12/24']);
  const veth = ifs[calicoVethName('default', 'nginx-pod')];
  assert.equal(veth.mac, 'ee:ee:ee:ee:ee:ee');
  assert.deepEqual(veth.peer, { index: 3, name: 'eth0' });
  assert.deepEqual(lines(w, node('h2')), [
    'default via 10.0.0.1 dev eth0 proto static',
    '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.12',
    '192.168.1.0/26 via 10.0.0.11 dev tunl0 proto bird onlink',
    'blackhole 192.168.217.0/26 proto bird',
    `192.168.217.16 dev ${calicoVethName('default', 'nginx-pod')} scope link`,
    '192.168.254.192/26 via 10.0.0.13 dev tunl0 proto bird onlink',
  ]);
});

test("calico: an address borrowed from another block is routed to its pod's node by a /32 everywhere else", () => {
  const w = calicoWorld();
  w.pod('guest', { node: 'h3', annotations: { 'cni.projectcalico.org/ipAddrs': '["192.168.217.40"]' } });
  assert.ok(lines(w, node('h2')).includes('192.168.217.40 via 10.0.0.13 dev tunl0 proto bird onlink'));
  assert.ok(lines(w, node('cp')).includes('192.168.217.40 via 10.0.0.13 dev tunl0 proto bird onlink'));
  assert.equal(w.net.ping(pod('default', 'nginx-pod'), '192.168.217.40').outcome, 'reply');
});

test('ifindexes of host veths grow with each pod and are not reused', () => {
  const w = calicoWorld();
  w.pod('p1', { node: 'h2' });
  const first = w.net.interfaces(pod('default', 'p1'))[2].peer?.index;
  w.deletePod('p1');
  w.pod('p2', { node: 'h2' });
  const second = w.net.interfaces(pod('default', 'p2'))[2].peer?.index;
  assert.equal(first, 5);
  assert.equal(second, 6);
});

test('flannel: pods on cni0 with /24s, flannel.1 VTEPs, routes per node; cni0 only once a pod exists', () => {
  const w = new TestWorld({ cni: 'flannel', nodes: 2 });
  assert.equal(byName(w.net.interfaces(node('w1'))).cni0, undefined, 'no bridge before the first pod');
  assert.ok(!lines(w, node('w1')).some((l) => l.includes('cni0')));
  w.pod('a', { node: 'w1' });
  const ifs = byName(w.net.interfaces(node('w1')));
  assert.deepEqual(ifs['flannel.1'].addresses, ['10.244.1.0/32']);
  assert.equal(ifs['flannel.1'].mtu, 1450);
  assert.deepEqual(ifs.cni0.addresses, ['10.244.1.1/24']);
  const podIf = byName(w.net.interfaces(pod('default', 'a'))).eth0;
  assert.deepEqual(podIf.addresses, ['10.244.1.2/24']);
  assert.equal(podIf.mtu, 1450);
  assert.equal(ifs[podIf.peer?.name ?? ''].master, 'cni0');
  assert.deepEqual(lines(w, pod('default', 'a')), [
    'default via 10.244.1.1 dev eth0',
    '10.244.0.0/16 via 10.244.1.1 dev eth0',
    '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
  ]);
  assert.deepEqual(lines(w, node('w1')), [
    'default via 10.0.0.1 dev eth0 proto static',
    '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.12',
    '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink',
    '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
  ]);
});

test('kindnet: ptp routes in the pod, plain routes to other nodes and /32s per pod on the node', () => {
  const w = new TestWorld({ cni: 'kindnet', nodes: 1 });
  w.pod('a', { node: 'w1' });
  const veth = w.net.interfaces(pod('default', 'a'))[1].peer?.name ?? '';
  assert.match(veth, /^veth[0-9a-f]{8}$/);
  assert.deepEqual(byName(w.net.interfaces(node('w1')))[veth].addresses, ['10.244.1.1/32']);
  assert.deepEqual(lines(w, pod('default', 'a')), [
    'default via 10.244.1.1 dev eth0',
    '10.244.1.0/24 via 10.244.1.1 dev eth0 src 10.244.1.2',
    '10.244.1.1 dev eth0 scope link src 10.244.1.2',
  ]);
  assert.deepEqual(lines(w, node('w1')), [
    'default via 172.18.0.1 dev eth0',
    '10.244.0.0/24 via 172.18.0.2 dev eth0',
    `10.244.1.2 dev ${veth} scope host`,
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3',
  ]);
});

test("a hostNetwork pod sees its node's devices and routes; an unknown pod has none", () => {
  const w = new TestWorld({ cni: 'calico', nodes: 1 });
  w.pod('agent', { node: 'w1', hostNetwork: true });
  assert.deepEqual(w.net.interfaces(pod('default', 'agent')), w.net.interfaces(node('w1')));
  assert.deepEqual(w.net.routes(pod('default', 'agent')), w.net.routes(node('w1')));
  assert.deepEqual(w.net.interfaces(pod('default', 'ghost')), []);
  assert.deepEqual(w.net.routes(node('ghost')), []);
});

test("drop-route removes the node's route to the named node's block, or every route inside a CIDR", () => {
  const byNode = new TestWorld({ cni: 'flannel', nodes: 2, faults: [{ kind: 'drop-route', node: 'w1', to: 'w2' }] });
  assert.ok(!lines(byNode, node('w1')).some((l) => l.startsWith('10.244.2.0/24')));
  assert.ok(
    lines(byNode, node('cp')).some((l) => l.startsWith('10.244.2.0/24')),
    'other nodes keep theirs',
  );
  const byCidr = new TestWorld({ cni: 'kindnet', nodes: 2, faults: [{ kind: 'drop-route', node: 'cp', to: '10.244.0.0/16' }] });
  assert.deepEqual(lines(byCidr, node('cp')), [
    'default via 172.18.0.1 dev eth0',
    '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2',
  ]);
});

test("a hostNetwork pod the control plane never attached still lives in its node's namespace", () => {
  const w = new TestWorld({ cni: 'flannel', nodes: 1 });
  w.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'proxy', namespace: 'default' },
    spec: { nodeName: 'w1', hostNetwork: true, containers: [] },
  });
  assert.equal(w.net.addressOf(pod('default', 'proxy')), w.nodeIp('w1'));
  assert.deepEqual(w.net.routes(pod('default', 'proxy')), w.net.routes(node('w1')));
  assert.equal(w.net.ping(pod('default', 'proxy'), w.nodeIp('cp')).outcome, 'reply');
});
