// NetworkPolicy semantics beyond the truth tables: per-CNI enforcement, the why (codes, sentences, hops), Services,
// label changes, self and host traffic, stateful replies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { netpolWorld, policy, sel } from './netpol-model.ts';
import { node, pod } from '../test-world.ts';
import { reasonText } from '../../../../../src/core/sim/net/policy/explain.ts';
import { policyTypesOf } from '../../../../../src/core/sim/net/policy/evaluate.ts';
import type { NetworkPolicy } from '../../../../../src/core/sim/net/policy/types.ts';

test("Calico drops a denied ingress silently at the destination's cali interface, and says which policy isolates it", () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'deny-all', { podSelector: {}, ingress: [] });
  const r = w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  const last = r.hops[r.hops.length - 1];
  assert.equal(last.at, 'node/cp');
  assert.match(
    last.action,
    /ingress of pod x\/b is isolated by x\/deny-all and no rule allows .* \(pod y\/a\) on 80\/TCP: dropped at cali[0-9a-f]{11}$/,
  );
  assert.deepEqual(
    r.policy?.map((c) => [c.code, c.params.pod, c.params.policies]),
    [['policy-denied-ingress', 'x/b', 'x/deny-all']],
  );
  assert.match(r.reason, /^ingress to pod x\/b is isolated by NetworkPolicy x\/deny-all, and no ingress rule of it allows/);
});

test("an egress drop happens at the source's own cali interface, before the packet leaves its node", () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'deny-egress', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'] });
  const r = w.net.connect(pod('x', 'a'), w.podIp('b', 'z'), 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.hops.length, 2);
  assert.equal(r.hops[1].at, 'node/cp');
  const dev = r.policy?.[0].params.at ?? '';
  assert.match(dev, /^cali/);
  assert.match(r.hops[1].action, new RegExp(`egress of pod x/a is isolated by x/deny-egress .*dropped at ${dev}$`));
  assert.equal(r.policy?.[0].code, 'policy-denied-egress');
});

test('an allowed connection into an isolated pod names the policy, direction, rule and peer', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'allow', {
    podSelector: sel({ pod: 'b' }),
    ingress: [
      { from: [{ podSelector: sel({ pod: 'c' }) }] },
      { from: [{ podSelector: sel({ pod: 'z' }) }, { namespaceSelector: sel({ ns: 'y' }), podSelector: sel({ pod: 'a' }) }] },
    ],
  });
  const r = w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP');
  assert.equal(r.outcome, 'connected');
  const c = r.policy?.[0];
  assert.deepEqual(
    [c?.code, c?.params.policy, c?.params.direction, c?.params.rule, c?.params.peerIndex],
    ['policy-allowed', 'x/allow', 'ingress', '1', '1'],
  );
  assert.match(r.reason, /allowed by NetworkPolicy x\/allow, ingress rule #1, peer #1 \(namespaceSelector ns=y AND podSelector pod=a\)/);
  assert.ok(r.hops.some((h) => /allowed by NetworkPolicy x\/allow \(ingress rule #1, peer #1\)/.test(h.action)));
});

test('flannel accepts policies and enforces none; the reason says so', () => {
  const w = netpolWorld('flannel');
  policy(w, 'x', 'deny-all', { podSelector: {}, ingress: [] });
  const r = w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP');
  assert.equal(r.outcome, 'connected');
  assert.match(r.reason, /flannel does not enforce NetworkPolicy; policy x\/deny-all selects this pod/);
  assert.equal(r.policy?.[0].code, 'policy-not-enforced');
});

test('kindnet (kube-network-policies in the modelled kindnetd) enforces: a denied connection times out', () => {
  const w = netpolWorld('kindnet');
  policy(w, 'x', 'deny-all', { podSelector: {}, ingress: [] });
  assert.equal(w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome, 'timeout');
  assert.equal(w.net.connect(pod('x', 'a'), w.podIp('b', 'y'), 80, 'TCP').outcome, 'connected');
});

test('a pod may always reach itself, and its own node may always reach it; other nodes are their node IP', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  assert.equal(w.net.connect(pod('x', 'a'), w.podIp('a', 'x'), 80, 'TCP').outcome, 'connected');
  assert.equal(w.net.connect(node('cp'), w.podIp('a', 'x'), 80, 'TCP').outcome, 'connected');
  const other = w.net.connect(node('w1'), w.podIp('a', 'x'), 80, 'TCP');
  assert.equal(other.outcome, 'timeout');
  // Calico sends from its tunnel address (tunl0), which is still node w1.
  assert.match(other.reason, /allows [0-9.]+ \(node w1\) on 80\/TCP/);
  const tunl = /allows ([0-9.]+) /.exec(other.reason)?.[1] ?? '';
  // An ipBlock for that node's address lets it in.
  policy(w, 'x', 'allow-w1', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: `${tunl}/32` } }] }] });
  assert.equal(w.net.connect(node('w1'), w.podIp('a', 'x'), 80, 'TCP').outcome, 'connected');
});

test("a node's connection that leaves and comes back through another node's NodePort is judged: no own-node exemption", () => {
  // Found by the netns differential (issue 17): the packet comes back from w1 masqueraded to w1's address and is
  // forwarded to the pod like any other; only what the node's own stack hands to the pod (OUTPUT) is exempt.
  const w = netpolWorld('calico');
  w.service(
    'a',
    { type: 'NodePort', clusterIP: '10.96.7.7', selector: { pod: 'a' }, ports: [{ port: 80, protocol: 'TCP', nodePort: 30777 }] },
    'x',
  );
  policy(w, 'x', 'deny-all', { podSelector: {}, ingress: [] });
  assert.equal(w.net.connect(node('cp'), w.nodeIp('cp'), 30777, 'TCP').outcome, 'connected', 'its own NodePort: never leaves the node');
  const back = w.net.connect(node('cp'), w.nodeIp('w1'), 30777, 'TCP');
  assert.equal(back.outcome, 'timeout');
  assert.match(back.reason, /\(node w1\)/, 'judged as node w1, the address it was masqueraded to');
  assert.equal(w.net.connect(node('w1'), w.nodeIp('w1'), 30777, 'TCP').outcome, 'timeout', 'and so is node w1 itself');
});

test('label changes apply to the next connection at once (pods and namespaces)', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'allow-from-web', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel({ team: 'web' }) }] }] });
  const try1 = () => w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome;
  assert.equal(try1(), 'timeout');
  const ns = w.store.get('Namespace', undefined, 'y');
  assert.ok(ns);
  ns.metadata.labels = { ...ns.metadata.labels, team: 'web' };
  w.store.update(ns);
  assert.equal(try1(), 'connected');
  // Relabel the destination so the policy no longer selects it: not isolated any more.
  policy(w, 'x', 'allow-from-web', { podSelector: sel({ locked: 'yes' }), ingress: [] });
  assert.equal(w.net.connect(pod('z', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome, 'connected');
  const b = w.store.get('Pod', 'x', 'b');
  assert.ok(b);
  b.metadata.labels = { ...b.metadata.labels, locked: 'yes' };
  w.store.update(b);
  assert.equal(w.net.connect(pod('z', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome, 'timeout');
});

test('replies of an allowed connection pass although the server may send nothing (stateful)', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] });
  assert.equal(w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome, 'connected');
  assert.equal(w.net.ping(pod('y', 'a'), w.podIp('b', 'x')).outcome, 'reply');
});

test('a rule with ports never matches ICMP; a rule without ports allows it', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'tcp80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
  assert.equal(w.net.ping(pod('y', 'a'), w.podIp('b', 'x')).outcome, 'timeout');
  policy(w, 'x', 'any', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] });
  assert.equal(w.net.ping(pod('y', 'a'), w.podIp('b', 'x')).outcome, 'reply');
});

test('policies act after Service DNAT: on the backend pod and its target port, with the client pod as source', () => {
  const w = netpolWorld('calico');
  const svc = w.service(
    'web',
    { clusterIP: '10.96.0.50', selector: { pod: 'b' }, ports: [{ port: 8080, targetPort: 81, protocol: 'TCP' }] },
    'x',
  );
  assert.ok(svc);
  policy(w, 'x', 'only-81-from-y', {
    podSelector: sel({ pod: 'b' }),
    ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 81 }] }],
  });
  assert.equal(w.net.connect(pod('y', 'a'), '10.96.0.50', 8080, 'TCP').outcome, 'connected');
  assert.equal(w.net.connect(pod('z', 'a'), '10.96.0.50', 8080, 'TCP').outcome, 'timeout');
});

test("through a NodePort on another node the backend sees that node's address (SNAT), and ipBlock decides", () => {
  const w = netpolWorld('calico');
  w.service(
    'np',
    {
      type: 'NodePort',
      clusterIP: '10.96.0.51',
      selector: { pod: 'b' },
      ports: [{ port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }],
    },
    'x',
  );
  // w2's block holds z/a and w2's own tunnel address; except z/a itself: only the masqueraded source can match.
  const block = w.cluster.nodes.find((n) => n.name === 'w2')?.podCIDR ?? '';
  policy(w, 'x', 'from-w2', {
    podSelector: sel({ pod: 'b' }),
    ingress: [{ from: [{ ipBlock: { cidr: block, except: [`${w.podIp('a', 'z')}/32`] } }] }],
  });
  assert.equal(w.net.connect(pod('z', 'a'), w.podIp('b', 'x'), 80, 'TCP').outcome, 'timeout');
  // From z/a (on w2) to w2's NodePort: kube-proxy DNATs to x/b on cp and masquerades to w2's address.
  const ok = w.net.connect(pod('z', 'a'), w.nodeIp('w2'), 30080, 'TCP');
  assert.equal(ok.outcome, 'connected', ok.reason);
  assert.notEqual(ok.clientIp, w.podIp('a', 'z'));
  // Through w1's NodePort the source becomes w1's address, outside the block.
  const no = w.net.connect(pod('z', 'a'), w.nodeIp('w1'), 30080, 'TCP');
  assert.equal(no.outcome, 'timeout');
  assert.match(no.reason, /\(node w1\) on 80\/TCP/);
});

test('policyTypes default as the API server does: Ingress always, Egress when there are egress rules', () => {
  const np = (spec: NetworkPolicy['spec']): NetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p' },
    spec,
  });
  assert.deepEqual(policyTypesOf(np({ podSelector: {} })), ['Ingress']);
  assert.deepEqual(policyTypesOf(np({ podSelector: {}, egress: [{}] })), ['Ingress', 'Egress']);
  assert.deepEqual(policyTypesOf(np({ podSelector: {}, policyTypes: ['Egress'] })), ['Egress']);
});

test('reason codes have a Chinese sentence too', () => {
  const text = reasonText(
    { code: 'policy-not-enforced', params: { engine: 'flannel', pod: 'x/b', direction: 'ingress', policies: 'x/deny-all' } },
    'zh-CN',
  );
  assert.match(text, /flannel 不执行 NetworkPolicy；策略 x\/deny-all 选中了此 Pod/);
});

test('an egress-isolated pod to a Service without endpoints: Calico drops before kube-proxy can reject', () => {
  const w = netpolWorld('calico');
  w.service('empty', { clusterIP: '10.96.0.60', selector: { pod: 'nobody' }, ports: [{ port: 80, protocol: 'TCP' }] }, 'x');
  assert.equal(w.net.connect(pod('y', 'a'), '10.96.0.60', 80, 'TCP').outcome, 'no-endpoints');
  policy(w, 'y', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] });
  const r = w.net.connect(pod('y', 'a'), '10.96.0.60', 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.policy?.[0].code, 'policy-denied-egress');
});
