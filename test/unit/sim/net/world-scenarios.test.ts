// Scenarios through the real world (api, control plane, images): the network as lessons will meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterSpec, NodeSpec, PinSpec, FaultSpec } from '../../../../src/core/lesson/model.ts';
import type { KObject, Pod, Service } from '../../../../src/core/sim/api/types.ts';
import type { NetnsRef, World } from '../../../../src/core/sim/contracts.ts';
import { createWorld } from '../../../../src/core/sim/world.ts';

function world(cni: ClusterSpec['cni'], nodes: NodeSpec[], o: { seed?: number; pins?: PinSpec[]; faults?: FaultSpec[] } = {}): World {
  const spec: ClusterSpec = {
    cni,
    nodes,
    workstation: { node: nodes[0].name, cwd: '/root', user: 'root' },
    pins: o.pins ?? [],
    faults: o.faults ?? [],
    setup: [],
  };
  return createWorld(spec, { seed: o.seed ?? 1 });
}

const three: NodeSpec[] = [
  { name: 'master', role: 'control-plane' },
  { name: 'node-a', role: 'worker' },
  { name: 'node-b', role: 'worker' },
];

function create(w: World, obj: KObject): void {
  const r = w.api.create(obj);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
}

function podOn(name: string, nodeName: string, image: string, labels: Record<string, string> = {}, command?: string[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName, containers: [{ name: 'c', image, command }] },
  };
}

const pod = (name: string, namespace = 'default'): NetnsRef => ({ kind: 'pod', namespace, pod: name });
const node = (name: string): NetnsRef => ({ kind: 'node', node: name });
const ipOf = (w: World, name: string) => w.store.get<Pod>('Pod', 'default', name)?.status?.podIP ?? '';

test("the article on a live world: pinned Calico pods, ttl=63 from another node's host, nginx answers a pod", () => {
  const w = world(
    'calico',
    [
      { name: 'henry001', role: 'control-plane' },
      { name: 'henry002', role: 'worker', podCIDR: '192.168.217.0/26' },
      { name: 'henry003', role: 'worker', podCIDR: '192.168.254.192/26' },
    ],
    {
      pins: [
        { pod: 'nginx-pod', node: 'henry002', ip: '192.168.217.16' },
        { pod: 'busybox', node: 'henry003', ip: '192.168.254.206' },
      ],
    },
  );
  // The article's manifests: no nodeName; the scheduler follows the pins.
  const unscheduled = (p: Pod): Pod => ({ ...p, spec: { containers: p.spec.containers } });
  create(w, unscheduled(podOn('nginx-pod', 'henry002', 'nginx', { app: 'nginx' })));
  create(
    w,
    unscheduled(podOn('busybox', 'henry003', 'busybox', { app: 'busybox' }, ['sh', '-c', 'echo The app is running! && sleep 3600'])),
  );
  w.control.advance(60_000);
  assert.equal(ipOf(w, 'nginx-pod'), '192.168.217.16');
  assert.equal(ipOf(w, 'busybox'), '192.168.254.206');
  const ping = w.net.ping(node('henry003'), '192.168.217.16');
  assert.deepEqual([ping.outcome, ping.ttl], ['reply', 63]);
  const curl = w.net.connect(pod('busybox'), '192.168.217.16', 80, 'TCP');
  assert.equal(curl.outcome, 'connected', curl.reason);
  assert.equal(curl.peer?.listener.process, 'nginx');
  assert.equal(w.net.connect(node('henry003'), '192.168.217.16', 80, 'TCP').outcome, 'connected');
  assert.equal(w.net.ping(pod('busybox'), '192.168.217.16').ttl, 62);
});

test('a Service by name from a pod: CoreDNS answers, kube-proxy picks the same endpoints for the same seed', () => {
  const run = (seed: number) => {
    const w = world('flannel', three, { seed });
    for (const [i, n] of ['node-a', 'node-b', 'node-a'].entries()) create(w, podOn(`web-${i}`, n, 'nginx', { app: 'web' }));
    create(w, podOn('client', 'node-b', 'busybox', {}, ['sleep', '3600']));
    create(w, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as Service);
    w.control.advance(60_000);
    const answer = w.net.resolve(pod('client'), 'web');
    assert.ok(answer.ok, answer.ok ? '' : answer.reason);
    const svc = w.store.get<Service>('Service', 'default', 'web');
    assert.deepEqual(answer.addresses, [svc?.spec.clusterIP]);
    return Array.from({ length: 8 }, () => {
      const r = w.net.connect(pod('client'), answer.addresses[0], 80, 'TCP');
      assert.equal(r.outcome, 'connected', r.reason);
      return r.peer?.netns.kind === 'pod' ? r.peer.netns.pod : '';
    });
  };
  const first = run(11);
  assert.deepEqual(run(11), first);
  assert.ok(new Set(first).size > 1, first.join(' '));
});

test('the kubernetes Service reaches the apiserver on the control-plane host; nodes cannot resolve it by name', () => {
  const w = world('kindnet', three);
  create(w, podOn('client', 'node-a', 'busybox', {}, ['sleep', '3600']));
  w.control.advance(60_000);
  const r = w.net.connect(pod('client'), '10.96.0.1', 443, 'TCP');
  assert.equal(r.outcome, 'connected', r.reason);
  assert.deepEqual(r.peer?.netns, node('master'));
  const fromPod = w.net.resolve(pod('client'), 'kubernetes.default');
  assert.ok(fromPod.ok && fromPod.addresses[0] === '10.96.0.1');
  assert.equal(w.net.resolve(node('node-a'), 'kubernetes.default.svc.cluster.local').ok, false);
});

test('a deleted pod gives its address back: pings to it are lost, and Calico does not hand it out again at once', () => {
  const w = world('calico', three);
  create(w, podOn('a', 'node-a', 'nginx'));
  create(w, podOn('b', 'node-b', 'busybox', {}, ['sleep', '3600']));
  w.control.advance(60_000);
  const old = ipOf(w, 'a');
  assert.equal(w.net.ping(pod('b'), old).outcome, 'reply');
  assert.ok(w.api.delete({ kind: 'Pod', namespace: 'default', name: 'a' }).ok);
  w.control.advance(60_000);
  assert.equal(w.store.get('Pod', 'default', 'a'), undefined);
  assert.equal(w.net.ping(pod('b'), old).outcome, 'timeout');
  create(w, podOn('a2', 'node-a', 'nginx'));
  w.control.advance(60_000);
  assert.notEqual(ipOf(w, 'a2'), '');
  assert.notEqual(ipOf(w, 'a2'), old);
});

test('CoreDNS scaled to zero: lookups from pods fail, and say kube-dns has no endpoints', () => {
  const w = world('calico', three);
  create(w, podOn('client', 'node-a', 'busybox', {}, ['sleep', '3600']));
  w.control.advance(60_000);
  assert.ok(w.net.resolve(pod('client'), 'kubernetes').ok);
  const scaled = w.api.scale({ kind: 'Deployment', namespace: 'kube-system', name: 'coredns' }, 0);
  assert.ok(scaled.ok);
  w.control.advance(120_000);
  const a = w.net.resolve(pod('client'), 'kubernetes');
  assert.equal(a.ok, false);
  assert.deepEqual(!a.ok && [a.rcode, a.refused], ['timeout', true]);
  assert.match(!a.ok ? a.reason : '', /kube-dns has no ready endpoints/);
});

test('faults on a live world: drop-route times out at the router; node-down drops at the node', () => {
  const w = world('flannel', three, {
    faults: [
      { kind: 'drop-route', node: 'node-b', to: 'node-a' },
      { kind: 'node-down', node: 'master' },
    ],
  });
  create(w, podOn('a', 'node-a', 'nginx'));
  create(w, podOn('b', 'node-b', 'busybox', {}, ['sleep', '3600']));
  w.control.advance(60_000);
  const r = w.net.connect(pod('b'), ipOf(w, 'a'), 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.hops.at(-1)?.at, 'router/10.0.0.1');
  const down = w.net.ping(node('node-a'), w.cluster.nodes[0].ip);
  assert.equal(down.outcome, 'timeout');
  assert.equal(down.hops.at(-1)?.at, 'node/master');
  assert.equal(w.net.ping(pod('a'), ipOf(w, 'b')).outcome, 'timeout', 'the reply from b takes the dropped route');
});
