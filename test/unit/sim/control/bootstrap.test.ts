// The booted cluster: system namespaces, nodes, Services and pods as a kubeadm cluster has them, days old.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, NodeObj, Pod, Service } from '../../../../src/core/sim/api/types.ts';
import { CLUSTER_AGE_MS } from '../../../../src/core/sim/control/bootstrap.ts';
import { makeTestWorld } from './test-world.ts';

test('system namespaces exist and were created CLUSTER_AGE_MS (3d4h…) ago', () => {
  const w = makeTestWorld();
  const names = w.store.list('Namespace').map((n) => n.metadata.name);
  assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  for (const ns of w.store.list('Namespace')) assert.equal(ns.metadata.creationTimestamp, w.clock.iso(w.clock.now() - CLUSTER_AGE_MS));
  assert.ok(CLUSTER_AGE_MS >= (3 * 24 + 4) * 3_600_000 && CLUSTER_AGE_MS < (3 * 24 + 5) * 3_600_000);
});

test('nodes carry role labels, the control-plane taint, addresses and node info', () => {
  const w = makeTestWorld();
  const cp = w.store.get<NodeObj>('Node', undefined, 'cp1') as NodeObj;
  const worker = w.store.get<NodeObj>('Node', undefined, 'w1') as NodeObj;
  assert.equal(cp.metadata.labels?.['node-role.kubernetes.io/control-plane'], '');
  assert.equal(worker.metadata.labels?.['node-role.kubernetes.io/control-plane'], undefined);
  assert.equal(worker.metadata.labels?.['kubernetes.io/hostname'], 'w1');
  assert.deepEqual(cp.spec.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.deepEqual(worker.status?.addresses, [
    { type: 'InternalIP', address: '10.0.0.12' },
    { type: 'Hostname', address: 'w1' },
  ]);
  // Calico: the controller-manager's /24 in registration order, not the node's /26 IPAM block (192.168.11.0/26).
  assert.equal(cp.spec.podCIDR, '192.168.0.0/24');
  assert.equal(worker.spec.podCIDR, '192.168.1.0/24');
  assert.deepEqual(worker.spec.podCIDRs, ['192.168.1.0/24']);
  const info = worker.status?.nodeInfo;
  assert.equal(info?.kubeletVersion, 'v1.32.0');
  assert.equal(info?.osImage, 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(info?.containerRuntimeVersion, 'containerd://1.7.24');
  assert.equal(worker.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('the kubernetes Service is .1 of the service CIDR and points at the API server', () => {
  const w = makeTestWorld();
  const svc = w.store.get<Service>('Service', 'default', 'kubernetes') as Service;
  assert.equal(svc.spec.clusterIP, '10.96.0.1');
  assert.deepEqual(svc.spec.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
  const ep = w.store.get<Endpoints>('Endpoints', 'default', 'kubernetes') as Endpoints;
  assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '10.0.0.11' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
});

test('kube-dns is .10 and its endpoints are the two running CoreDNS pods', () => {
  const w = makeTestWorld();
  const svc = w.store.get<Service>('Service', 'kube-system', 'kube-dns') as Service;
  assert.equal(svc.spec.clusterIP, '10.96.0.10');
  assert.deepEqual(
    svc.spec.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`),
    ['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP'],
  );
  const coredns = w.store.list<Pod>('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
  assert.equal(coredns.length, 2);
  for (const p of coredns) {
    assert.match(p.metadata.name, /^coredns-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.status?.phase, 'Running');
    assert.equal(p.spec.containers[0].image, 'registry.k8s.io/coredns/coredns:v1.11.3');
  }
  const ep = w.store.get<Endpoints>('Endpoints', 'kube-system', 'kube-dns') as Endpoints;
  const ips = (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
  assert.deepEqual(ips, coredns.map((p) => p.status?.podIP as string).sort());
  const slices = w.store
    .list('EndpointSlice', 'kube-system')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns');
  assert.equal(slices.length, 1);
  assert.match(slices[0].metadata.name, /^kube-dns-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('per node: kube-proxy and the CNI agent on the host network; static control-plane pods on the control plane', () => {
  const w = makeTestWorld();
  const pods = w.store.list<Pod>('Pod', 'kube-system');
  for (const node of ['cp1', 'w1', 'w2']) {
    for (const app of ['kube-proxy', 'calico-node']) {
      const p = pods.filter((x) => x.metadata.labels?.['k8s-app'] === app && x.spec.nodeName === node);
      assert.equal(p.length, 1, `${app} on ${node}`);
      assert.equal(p[0].status?.podIP, w.cluster.nodes.find((n) => n.name === node)?.ip);
      assert.match(p[0].metadata.name, new RegExp(`^${app}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    }
  }
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const p = w.store.get<Pod>('Pod', 'kube-system', `${c}-cp1`);
    assert.equal(p?.status?.phase, 'Running', c);
    assert.equal(p?.spec.hostNetwork, true);
  }
  assert.ok(pods.every((p) => p.status?.phase === 'Running'));
});

test('host listeners: sshd and kubelet everywhere, the API server and etcd on the control plane, coredns in its pod', () => {
  const w = makeTestWorld();
  const ports = (node: string): number[] =>
    w.control
      .listeners({ kind: 'node', node })
      .map((l) => l.port)
      .sort((a, b) => a - b);
  assert.ok(
    [22, 10250, 10256, 6443, 2379, 2380].every((p) => ports('cp1').includes(p)),
    String(ports('cp1')),
  );
  assert.ok([22, 10250, 10256].every((p) => ports('w1').includes(p)));
  assert.ok(!ports('w1').includes(6443));
  const dns = w.store.list<Pod>('Pod', 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns') as Pod;
  const inPod = w.control.listeners({ kind: 'pod', namespace: 'kube-system', pod: dns.metadata.name });
  assert.ok(inPod.some((l) => l.port === 53 && l.protocol === 'UDP'));
  assert.ok(!ports('cp1').includes(53), 'coredns is not on the host network');
});

test('a node-down fault makes the node NotReady, tainted unreachable, and its pods not ready', () => {
  const w = makeTestWorld({ faults: [{ kind: 'node-down', node: 'w2' }] });
  const node = w.store.get<NodeObj>('Node', undefined, 'w2') as NodeObj;
  assert.equal(node.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'Unknown');
  assert.deepEqual(
    node.spec.taints?.map((t) => `${t.key}:${t.effect}`),
    ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
  );
  const onIt = w.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === 'w2');
  assert.ok(onIt.length >= 2);
  for (const p of onIt) {
    assert.equal(p.status?.phase, 'Running');
    assert.equal(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  }
  assert.ok(!w.control.listeners({ kind: 'node', node: 'w2' }).some((l) => l.process === 'kubelet'));
});
