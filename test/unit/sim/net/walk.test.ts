import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetnsRef } from '../../../../src/core/sim/contracts.ts';
import { TestWorld, node, pod } from './test-world.ts';

const def = (name: string): NetnsRef => pod('default', name);

/** Two workers; pods a1, a2 on w1 (a1 serves TCP 80), b1 on w2. */
function world(cni: 'calico' | 'flannel' | 'kindnet', extra: Partial<ConstructorParameters<typeof TestWorld>[0]> = {}): TestWorld {
  const w = new TestWorld({ cni, nodes: 2, ...extra });
  w.pod('a1', { node: 'w1', labels: { app: 'web' }, listen: [80] });
  w.pod('a2', { node: 'w1' });
  w.pod('b1', { node: 'w2' });
  return w;
}

test('reply TTLs count the routers on the way back, per CNI', () => {
  // [cni, from, to pod, ttl]: calico routes everything through the host; flannel bridges pods on one node.
  const cases: ['calico' | 'flannel' | 'kindnet', NetnsRef, string, number][] = [
    ['calico', node('w2'), 'a1', 63], // the article: a node host pinging a pod on another node
    ['calico', def('b1'), 'a1', 62],
    ['calico', def('a2'), 'a1', 63],
    ['calico', node('w1'), 'a1', 64],
    ['flannel', def('a2'), 'a1', 64],
    ['flannel', def('b1'), 'a1', 62],
    ['flannel', node('w2'), 'a1', 63],
    ['kindnet', def('a2'), 'a1', 63],
    ['kindnet', def('b1'), 'a1', 62],
    ['kindnet', node('cp'), 'a1', 63],
  ];
  for (const [cni, from, to, ttl] of cases) {
    const w = world(cni);
    const r = w.net.ping(from, w.podIp(to));
    assert.equal(r.outcome, 'reply', `${cni} ${JSON.stringify(from)}`);
    assert.equal(r.ttl, ttl, `${cni} ${JSON.stringify(from)} → ${to}`);
    assert.ok(r.rttMs > 0 && r.rttMs < 2, `rtt ${r.rttMs}`);
  }
});

test('pinging yourself or loopback: ttl 64, no router', () => {
  const w = world('calico');
  assert.equal(w.net.ping(def('a1'), w.podIp('a1')).ttl, 64);
  assert.equal(w.net.ping(def('a1'), '127.0.0.1').ttl, 64);
  assert.equal(w.net.connect(def('a1'), '127.0.0.1', 80, 'TCP').outcome, 'connected');
  assert.equal(w.net.ping(node('w1'), w.nodeIp('w1')).ttl, 64);
});

test('the hops name each namespace and the route it used', () => {
  const w = world('calico');
  const r = w.net.ping(node('w2'), w.podIp('a1'));
  assert.deepEqual(
    r.hops.map((h) => h.at),
    ['node/w2', 'node/w1', 'pod/default/a1'],
  );
  const block = w.cluster.nodes.find((n) => n.name === 'w1')?.podCIDR;
  assert.match(r.hops[0].action, new RegExp(`route ${block?.replace(/\./g, '\\.')} via 10\\.0\\.0\\.12 dev tunl0`));
  assert.match(r.hops[1].action, /dev cali[0-9a-f]{11} scope link/);
});

test('a node host talks to a pod on another node from its tunl0 address (calico)', () => {
  const w = world('calico');
  const r = w.net.connect(node('w2'), w.podIp('a1'), 80, 'TCP');
  assert.equal(r.outcome, 'connected');
  assert.equal(r.clientIp, w.cluster.nodes.find((n) => n.name === 'w2')?.podCIDR.split('/')[0]);
  assert.deepEqual(r.peer?.netns, def('a1'));
  assert.equal(r.peer?.listener.port, 80);
});

test('a port nothing listens on is refused by the pod with a reset', () => {
  const w = world('flannel');
  const r = w.net.connect(def('b1'), w.podIp('a1'), 81, 'TCP');
  assert.equal(r.outcome, 'refused');
  assert.equal(r.reason, `nothing listens on ${w.podIp('a1')}:81 (pod default/a1); the pod answered with a TCP reset`);
  assert.equal(w.net.connect(def('b1'), w.podIp('a1'), 81, 'UDP').outcome, 'refused');
});

test('ClusterIP: kube-proxy on the source node DNATs to an endpoint chosen by the seed', () => {
  const pick = (seed: number) => {
    const w = new TestWorld({ cni: 'calico', nodes: 2, seed });
    for (const [i, n] of ['w1', 'w2', 'w1'].entries()) w.pod(`web-${i}`, { node: n, labels: { app: 'web' }, listen: [8080] });
    w.pod('client', { node: 'w2' });
    w.service('web', { clusterIP: '10.96.0.50', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    return Array.from({ length: 12 }, () => {
      const r = w.net.connect(def('client'), '10.96.0.50', 80, 'TCP');
      assert.equal(r.outcome, 'connected');
      assert.equal(r.peer?.port, 8080);
      assert.match(r.hops[1].action, /^kube-proxy DNAT 10\.96\.0\.50:80 → [\d.]+:8080 \(service default\/web, pod default\/web-\d\)/);
      assert.equal(r.hops[1].at, 'node/w2');
      return r.peer?.netns.kind === 'pod' ? r.peer.netns.pod : '';
    });
  };
  const first = pick(5);
  assert.deepEqual(pick(5), first, 'same seed, same choices');
  assert.ok(new Set(first).size > 1, `spread over endpoints: ${first.join(' ')}`);
  assert.notDeepEqual(pick(6), first);
});

test('NodePort on any node IP, from a node host: DNAT there, masqueraded to the node', () => {
  const w = world('flannel');
  w.service('web', { type: 'NodePort', clusterIP: '10.96.0.60', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] });
  const r = w.net.connect(node('cp'), w.nodeIp('w2'), 30080, 'TCP');
  assert.equal(r.outcome, 'connected');
  assert.deepEqual(r.peer?.netns, def('a1'));
  const dnat = r.hops.find((h) => h.action.includes('DNAT'));
  assert.equal(dnat?.at, 'node/w2');
  assert.equal(r.clientIp, '10.244.2.0', "masqueraded to w2's flannel.1 address on the way to w1");
  assert.equal(w.net.connect(def('b1'), w.nodeIp('w1'), 30080, 'TCP').outcome, 'connected');
  assert.equal(w.net.connect(node('w1'), '127.0.0.1', 30080, 'TCP').outcome, 'connected', 'localhost NodePorts (iptables mode)');
  assert.equal(w.net.connect(node('cp'), w.nodeIp('w2'), 30081, 'TCP').outcome, 'refused', 'no NodePort there: the node resets');
});

test('a node host reaching a ClusterIP is masqueraded; a pod reaching its own Service hairpins', () => {
  const w = world('calico');
  w.service('web', { clusterIP: '10.96.0.61', selector: { app: 'web' }, ports: [{ port: 80 }] });
  const fromNode = w.net.connect(node('w2'), '10.96.0.61', 80, 'TCP');
  assert.equal(fromNode.outcome, 'connected');
  assert.equal(fromNode.clientIp, w.cluster.nodes.find((n) => n.name === 'w2')?.podCIDR.split('/')[0], 'tunl0 address');
  const hairpin = w.net.connect(def('a1'), '10.96.0.61', 80, 'TCP');
  assert.equal(hairpin.outcome, 'connected');
  assert.equal(hairpin.clientIp, w.nodeIp('w1'));
});

test('a Service without ready endpoints is rejected by kube-proxy: no-endpoints', () => {
  const w = world('kindnet');
  w.service('empty', {
    clusterIP: '10.96.0.70',
    selector: { app: 'nothing' },
    ports: [{ port: 80 }, { port: 53, protocol: 'UDP', name: 'dns' }],
  });
  const r = w.net.connect(def('b1'), '10.96.0.70', 80, 'TCP');
  assert.equal(r.outcome, 'no-endpoints');
  assert.equal(r.reason, 'service default/empty has no ready endpoints for port 80/TCP, so kube-proxy on node w2 rejects the connection');
  assert.equal(r.hops[r.hops.length - 1].at, 'node/w2');
  assert.equal(w.net.connect(node('w1'), '10.96.0.70', 53, 'UDP').outcome, 'no-endpoints');
});

test('a port the Service does not define, and ping to a ClusterIP, vanish past the default gateway (iptables mode)', () => {
  const w = world('calico');
  w.service('web', { clusterIP: '10.96.0.62', selector: { app: 'web' }, ports: [{ port: 80 }] });
  const r = w.net.connect(def('b1'), '10.96.0.62', 443, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.hops[r.hops.length - 1].at, 'router/10.0.0.1');
  assert.match(r.reason, /no Service uses 10\.96\.0\.62:443\/TCP/);
  const p = w.net.ping(def('b1'), '10.96.0.62');
  assert.equal(p.outcome, 'timeout');
  assert.match(p.reason, /is a ClusterIP/);
});

test('drop-route: the node sends to its default gateway, which has no way back into the cluster', () => {
  const w = world('calico', { faults: [{ kind: 'drop-route', node: 'w2', to: 'w1' }] });
  const r = w.net.ping(def('b1'), w.podIp('a1'));
  assert.equal(r.outcome, 'timeout');
  assert.deepEqual(
    r.hops.map((h) => h.at),
    ['pod/default/b1', 'node/w2', 'router/10.0.0.1'],
  );
  assert.match(r.hops[1].action, /route default via 10\.0\.0\.1 dev eth0/);
  assert.equal(
    r.reason,
    `node w2 has no route to ${w.podIp('a1')}, so it sent the packet to its default gateway 10.0.0.1, which has no route into the cluster; it was lost`,
  );
  // The other direction's request works, but its reply takes the broken route back.
  const back = w.net.ping(def('a1'), w.podIp('b1'));
  assert.equal(back.outcome, 'timeout');
  assert.match(back.reason, /^the echo reply from pod default\/b1 never got back/);
  assert.ok(back.hops.some((h) => h.action.startsWith('reply: ')));
  assert.equal(w.net.connect(def('a1'), w.podIp('b1'), 80, 'TCP').outcome, 'timeout');
});

test('node-down: everything sent to that node, or to its pods, is dropped there', () => {
  const w = world('flannel', { faults: [{ kind: 'node-down', node: 'w1' }] });
  const r = w.net.connect(def('b1'), w.podIp('a1'), 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.hops[r.hops.length - 1].at, 'node/w1');
  assert.equal(r.reason, `w1 is down, so the packet to ${w.podIp('a1')}:80 was dropped there`);
  assert.equal(w.net.ping(node('cp'), w.nodeIp('w1')).outcome, 'timeout');
  assert.equal(w.net.ping(node('cp'), w.nodeIp('w2')).outcome, 'reply');
});

test("a deleted pod's address: calico blackholes it on its node (EINVAL from the host, silent drop when forwarded)", () => {
  const w = world('calico');
  const gone = w.podIp('a2');
  w.deletePod('a2');
  const fromHost = w.net.ping(node('w1'), gone);
  assert.equal(fromHost.outcome, 'unreachable');
  assert.equal(fromHost.errno, 'EINVAL');
  assert.match(fromHost.reason, /blackhole/);
  assert.equal(w.net.connect(node('w1'), gone, 80, 'TCP').errno, 'EINVAL');
  const fromPod = w.net.ping(def('a1'), gone);
  assert.equal(fromPod.outcome, 'timeout');
  assert.match(fromPod.reason, /only the blackhole route/);
  assert.equal(w.net.ping(def('b1'), gone).outcome, 'timeout');
});

test("a deleted pod's address on a flannel bridge: no ARP answer, Destination Host Unreachable from the sender", () => {
  const w = world('flannel');
  const gone = w.podIp('a2');
  w.deletePod('a2');
  const r = w.net.ping(def('a1'), gone);
  assert.equal(r.outcome, 'unreachable');
  assert.equal(r.icmp, 'Destination Host Unreachable');
  assert.equal(r.from, w.podIp('a1'));
  const c = w.net.connect(def('a1'), gone, 80, 'TCP');
  assert.deepEqual([c.outcome, c.errno], ['unreachable', 'EHOSTUNREACH']);
  const remote = w.net.ping(def('b1'), gone);
  assert.deepEqual([remote.outcome, remote.from, remote.icmp], ['unreachable', '10.244.1.1', 'Destination Host Unreachable']);
});

test('addresses outside the cluster: the node subnet, the router, the Internet', () => {
  const w = world('kindnet');
  assert.equal(w.net.ping(node('cp'), '172.18.0.1').ttl, 64, 'the router answers');
  assert.equal(w.net.ping(def('a1'), '172.18.0.1').ttl, 63);
  const silent = w.net.ping(node('cp'), '172.18.0.99');
  assert.deepEqual([silent.outcome, silent.from], ['unreachable', '172.18.0.2']);
  const internet = w.net.connect(def('a1'), '8.8.8.8', 53, 'UDP');
  assert.equal(internet.outcome, 'timeout');
  assert.equal(internet.hops[internet.hops.length - 1].at, 'router/172.18.0.1');
});

test('a routing loop ends when the TTL runs out', () => {
  const w = new TestWorld({
    cni: 'calico',
    nodes: [
      { name: 'cp', role: 'control-plane', podCIDR: '192.168.0.0/26' },
      { name: 'w1', role: 'worker', podCIDR: '192.168.1.0/26' },
      { name: 'w2', role: 'worker', podCIDR: '192.168.2.0/26' },
    ],
    // w2 loses the route to its own pod's borrowed address: it sends it to the block owner w1, which sends it back.
    faults: [{ kind: 'drop-route', node: 'w2', to: '192.168.1.40/32' }],
  });
  w.pod('guest', { node: 'w2', annotations: { 'cni.projectcalico.org/ipAddrs': '["192.168.1.40"]' } });
  const r = w.net.ping(node('cp'), '192.168.1.40');
  assert.equal(r.outcome, 'unreachable');
  assert.equal(r.icmp, 'Time to live exceeded');
  assert.ok(r.hops.length <= 66, `${r.hops.length} hops`);
  assert.equal(w.net.connect(node('cp'), '192.168.1.40', 80, 'TCP').outcome, 'timeout');
});

test('a pod without a sandbox is no source', () => {
  const w = world('calico');
  const r = w.net.connect(def('ghost'), w.podIp('a1'), 80, 'TCP');
  assert.equal(r.outcome, 'unreachable');
  assert.match(r.reason, /no network namespace/);
});

test("the article's cluster: pinned Calico blocks and pods, ttl=63 from henry003's host, curl from a pod on henry002", () => {
  const w = new TestWorld({
    cni: 'calico',
    nodes: [
      { name: 'henry001', role: 'control-plane' },
      { name: 'henry002', role: 'worker', podCIDR: '192.168.217.0/26' },
      { name: 'henry003', role: 'worker', podCIDR: '192.168.254.192/26' },
    ],
    pins: [
      { pod: 'nginx-pod', node: 'henry002', ip: '192.168.217.16' },
      { pod: 'mypod', node: 'henry002', ip: '192.168.217.15' },
      { pod: 'busybox', node: 'henry003', ip: '192.168.254.206' },
    ],
  });
  w.pod('mypod', { node: 'henry002' });
  w.pod('nginx-pod', { node: 'henry002', listen: [{ port: 80, protocol: 'TCP', process: 'nginx' }] });
  w.pod('busybox', { node: 'henry003' });
  assert.deepEqual(
    ['mypod', 'nginx-pod', 'busybox'].map((p) => w.podIp(p)),
    ['192.168.217.15', '192.168.217.16', '192.168.254.206'],
  );
  const ping = w.net.ping(node('henry003'), '192.168.217.16');
  assert.deepEqual([ping.outcome, ping.ttl], ['reply', 63]);
  const curl = w.net.connect(def('mypod'), '192.168.217.16', 80, 'TCP');
  assert.equal(curl.outcome, 'connected');
  assert.equal(curl.peer?.listener.process, 'nginx');
  assert.equal(w.net.ping(node('henry001'), '192.168.254.206').ttl, 63);
  assert.equal(w.net.ping(node('henry002'), '192.168.254.206').ttl, 63);
  assert.equal(w.net.connect(node('henry003'), '192.168.217.16', 80, 'TCP').outcome, 'connected');
});
