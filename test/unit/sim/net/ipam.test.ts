import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calicoIpam } from '../../../../src/core/sim/net/ipam/calico-ipam.ts';
import { hostLocalIpam } from '../../../../src/core/sim/net/ipam/host-local.ts';
import { formatIp, parseCidr, parseIp } from '../../../../src/core/sim/net/cidr.ts';
import type { Pod } from '../../../../src/core/sim/api/types.ts';
import { PodlabError } from '../../../../src/core/errors.ts';
import { TestWorld } from './test-world.ts';

const ip = (s: string) => parseIp(s) as number;

test('Calico block: ordinal 0 is the tunnel; pods from .1 in order; a released address goes to the back of the queue', () => {
  const b = calicoIpam.create(parseCidr('192.168.217.0/26')!);
  const first = [b.next(), b.next(), b.next()].map((n) => formatIp(n as number));
  assert.deepEqual(first, ['192.168.217.1', '192.168.217.2', '192.168.217.3']);
  b.release(ip('192.168.217.2'));
  assert.equal(formatIp(b.next() as number), '192.168.217.4', 'not reused at once');
  assert.equal(b.take(ip('192.168.217.16')), true);
  assert.equal(b.take(ip('192.168.217.16')), false, 'taken twice');
  assert.equal(b.take(ip('192.168.217.0')), false, 'the tunnel address');
  let n = 0;
  while (b.next() !== undefined) n++;
  // 64 - tunnel - 4 handed out - .16 + .2 released = 59 left before it is full.
  assert.equal(n, 59);
  assert.match(b.exhaustedMessage(), /192\.168\.217\.0\/26/);
});

test('host-local: .1 is the gateway, allocation scans on from the last reserved address and wraps', () => {
  const r = hostLocalIpam.create(parseCidr('10.244.1.0/24')!);
  assert.equal(formatIp(r.next() as number), '10.244.1.2');
  assert.equal(formatIp(r.next() as number), '10.244.1.3');
  r.release(ip('10.244.1.2'));
  assert.equal(formatIp(r.next() as number), '10.244.1.4', 'the cursor moves on, not back');
  assert.equal(r.take(ip('10.244.1.200')), true);
  assert.equal(formatIp(r.next() as number), '10.244.1.201', 'a requested address moves the cursor');
  assert.equal(r.isFree(ip('10.244.1.1')), false);
  assert.equal(r.isFree(ip('10.244.1.255')), false);
  const got: number[] = [];
  for (let x = r.next(); x !== undefined; x = r.next()) got.push(x);
  assert.equal(formatIp(got[got.length - 1]), '10.244.1.199', 'wrapped round to the lowest free ones');
  assert.ok(got.map(formatIp).includes('10.244.1.2'), 'the released .2 is reused after the wrap');
  assert.equal(got.length, 253 - 4, '.2-.254 less the four still held (.3 .4 .200 .201)');
  assert.equal(r.exhaustedMessage(), 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254');
});

test('attachPod: calico pods get their node block in order, pins are honoured, hostNetwork gets the node IP', () => {
  const w = new TestWorld({
    cni: 'calico',
    nodes: [
      { name: 'm', role: 'control-plane' },
      { name: 'h2', role: 'worker', podCIDR: '192.168.217.0/26' },
    ],
    pins: [{ pod: 'nginx-pod', node: 'h2', ip: '192.168.217.16' }],
  });
  assert.equal(w.pod('a', { node: 'h2' }), '192.168.217.1');
  assert.equal(w.pod('nginx-pod', { node: 'h2' }), '192.168.217.16');
  assert.equal(w.pod('b', { node: 'h2' }), '192.168.217.2');
  assert.equal(w.pod('agent', { node: 'h2', hostNetwork: true }), w.nodeIp('h2'));
  assert.equal(w.podIp('agent'), w.nodeIp('h2'));
});

test('attachPod: pinned addresses are reserved before any pod gets one; a pin on another node falls back', () => {
  const w = new TestWorld({
    cni: 'flannel',
    nodes: 2,
    pins: [
      { pod: 'late', ip: '10.244.1.2' },
      { pod: 'moved', node: 'w2', ip: '10.244.2.9' },
    ],
  });
  // An earlier pod (a system pod, say) skips the pinned address; the pinned pod gets it whenever it comes.
  assert.equal(w.pod('early', { node: 'w1' }), '10.244.1.3');
  assert.equal(w.pod('late', { node: 'w1' }), '10.244.1.2');
  assert.equal(w.pod('moved', { node: 'w1' }), '10.244.1.4');
  // The pin stays reserved while its pod is gone, and comes back to it.
  w.deletePod('late');
  assert.equal(w.pod('other', { node: 'w1' }), '10.244.1.5');
  assert.equal(w.pod('late', { node: 'w1' }), '10.244.1.2');
});

test('attachPod: a pin on the control-plane node is honoured although system pods start there first', () => {
  const nodes = [{ name: 'cp', role: 'control-plane' as const, podCIDR: '192.168.10.0/26' }];
  const system = (w: TestWorld) => ['coredns-1', 'coredns-2', 'metrics'].map((n) => w.pod(n, { node: 'cp', namespace: 'kube-system' }));
  // Without a pin, the system pods take the block's first addresses ...
  const free = system(new TestWorld({ cni: 'calico', nodes }));
  // ... with a pin on one of them, they skip it, and the pinned pod gets it later.
  const w = new TestWorld({ cni: 'calico', nodes, pins: [{ pod: 'a', namespace: 'x', ip: free[1] }] });
  assert.ok(!system(w).includes(free[1]));
  assert.equal(w.pod('a', { node: 'cp', namespace: 'x' }), free[1]);
});

test('attachPod: Calico honours cni.projectcalico.org/ipAddrs, and fails the sandbox when it cannot', () => {
  const w = new TestWorld({
    cni: 'calico',
    nodes: [
      { name: 'm', role: 'control-plane', podCIDR: '192.168.10.0/26' },
      { name: 'n', role: 'worker', podCIDR: '192.168.20.0/26' },
    ],
  });
  const annotated = (v: string) => ({ 'cni.projectcalico.org/ipAddrs': v });
  assert.equal(w.pod('fixed', { node: 'm', annotations: annotated('["192.168.10.40"]') }), '192.168.10.40');
  // An address from another node's block is borrowed: the owner block's node gets a /32 route to it.
  assert.equal(w.pod('borrowed', { node: 'm', annotations: annotated('["192.168.20.7"]') }), '192.168.20.7');
  const pod = (name: string, v: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', annotations: annotated(v) },
    spec: { containers: [] },
  });
  const taken = w.net.tryAttachPod(pod('dup', '["192.168.10.40"]'), 'm');
  assert.equal(taken.ok, false);
  assert.match(!taken.ok ? taken.message : '', /already assigned/);
  const outside = w.net.tryAttachPod(pod('far', '["10.1.2.3"]'), 'm');
  assert.match(!outside.ok ? outside.message : '', /not in any configured IP pool/);
  const garbage = w.net.tryAttachPod(pod('bad', 'not json'), 'm');
  assert.match(!garbage.ok ? garbage.message : '', /failed to parse annotation/);
  assert.throws(
    () => w.net.attachPod(pod('dup2', '["192.168.10.40"]'), 'm'),
    (e: unknown) => e instanceof PodlabError && e.code === 'backend-error' && /already assigned/.test(e.message),
  );
  // Flannel ignores the Calico annotation.
  const f = new TestWorld({ cni: 'flannel', nodes: 1 });
  assert.equal(f.pod('x', { node: 'w1', annotations: annotated('["10.244.1.77"]') }), '10.244.1.2');
});

test('detachPod releases the address; a deleted pod object releases it too; re-attach is idempotent', () => {
  const w = new TestWorld({ cni: 'kindnet', nodes: 1 });
  const p = w.pod('a', { node: 'w1' });
  const stored = w.store.get<Pod>('Pod', 'default', 'a')!;
  assert.equal(w.net.attachPod(stored, 'w1'), p, 'CNI ADD again for the same pod gives the same address');
  w.net.detachPod('default', 'a');
  assert.equal(w.podIp('a'), '');
  assert.equal(
    w.net.routes({ kind: 'node', node: 'w1' }).some((r) => r.dst === p),
    false,
  );
  w.pod('b', { node: 'w1' });
  w.deletePod('b');
  assert.equal(w.net.addressOf({ kind: 'pod', namespace: 'default', pod: 'b' }), undefined);
});

test('a full node block is a CNI failure with the plugin message, and frees up after a release', () => {
  const w = new TestWorld({
    cni: 'flannel',
    nodes: [{ name: 'tiny', role: 'control-plane', podCIDR: '10.244.0.0/29', schedulable: true }],
  });
  const ips = ['a', 'b', 'c', 'd', 'e'].map((n) => w.pod(n, { node: 'tiny' }));
  assert.deepEqual(ips, ['10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.5', '10.244.0.6']);
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'f', namespace: 'default' }, spec: { containers: [] } };
  const r = w.net.tryAttachPod(pod, 'tiny');
  assert.deepEqual(r, {
    ok: false,
    message: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.0.1-10.244.0.6',
  });
  w.deletePod('c');
  assert.deepEqual(w.net.tryAttachPod(pod, 'tiny'), { ok: true, ip: '10.244.0.4' });
});
