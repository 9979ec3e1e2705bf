// Truth tables of upstream e2e cases (test/e2e/network/netpol/network_policy.go), the expected side written from the
// API semantics as oracles over (source, destination), the observed side probed through the simulator's dataplane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff, expectMatrix, netpolWorld, observe, policy, sel, type PodId, type Proto } from './netpol-model.ts';
import type { TestWorld } from '../test-world.ts';

interface Case {
  name: string;
  setup: (w: TestWorld) => void;
  port: number;
  proto: Proto;
  allowed: (s: PodId, d: PodId) => boolean;
}

const CASES: Case[] = [
  {
    name: 'no policy: everything connects',
    setup: () => undefined,
    port: 80,
    proto: 'TCP',
    allowed: () => true,
  },
  {
    name: 'should support a default-deny-ingress policy',
    setup: (w) => policy(w, 'x', 'deny-ingress', { podSelector: {}, ingress: [] }),
    port: 80,
    proto: 'TCP',
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'should support a default-deny-all policy (egress too)',
    setup: (w) => policy(w, 'x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    port: 81,
    proto: 'UDP',
    allowed: (s, d) => s.ns !== 'x' && d.ns !== 'x',
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    setup: (w) => policy(w, 'x', 'allow-a', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }] }),
    port: 80,
    proto: 'TCP',
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a') || (s.ns === 'x' && s.pod === 'b'),
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces (namespaceSelector)',
    setup: (w) =>
      policy(w, 'x', 'allow-ns-y', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] }),
    port: 80,
    proto: 'TCP',
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a') || s.ns === 'y',
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    setup: (w) =>
      policy(w, 'x', 'allow-not-y', {
        podSelector: sel({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['y'] }] } }] }],
      }),
    port: 80,
    proto: 'TCP',
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a') || s.ns !== 'y',
  },
  {
    name: 'AND: podSelector and namespaceSelector in one peer (only y/b)',
    setup: (w) =>
      policy(w, 'x', 'and', {
        podSelector: sel({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }), podSelector: sel({ pod: 'b' }) }] }],
      }),
    port: 80,
    proto: 'TCP',
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a') || (s.ns === 'y' && s.pod === 'b'),
  },
  {
    name: 'OR: namespaceSelector and podSelector as two peers (all of y, and b of x)',
    setup: (w) =>
      policy(w, 'x', 'or', {
        podSelector: sel({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }, { podSelector: sel({ pod: 'b' }) }] }],
      }),
    port: 80,
    proto: 'TCP',
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a') || s.ns === 'y' || (s.ns === 'x' && s.pod === 'b'),
  },
  {
    name: 'should allow ingress access on one named port (serve-81-tcp): port 80 is denied',
    setup: (w) => policy(w, 'x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] }),
    port: 80,
    proto: 'TCP',
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'named port serve-81-tcp: port 81 is allowed from everywhere',
    setup: (w) => policy(w, 'x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] }),
    port: 81,
    proto: 'TCP',
    allowed: () => true,
  },
  {
    name: 'named port serve-81-tcp does not open 81/UDP (the name carries the protocol)',
    setup: (w) => policy(w, 'x', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp', protocol: 'UDP' }] }] }),
    port: 81,
    proto: 'UDP',
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence (union)',
    setup: (w) => {
      policy(w, 'x', 'allow-80', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] });
      policy(w, 'x', 'allow-all', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{}] });
    },
    port: 81,
    proto: 'TCP',
    allowed: () => true,
  },
  {
    name: 'egress allowed on port 80 only: 81 is denied from x/a',
    setup: (w) =>
      policy(w, 'x', 'allow-80', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] }),
    port: 81,
    proto: 'TCP',
    allowed: (s) => !(s.ns === 'x' && s.pod === 'a'),
  },
  {
    name: 'should support allow-all policy with endPort 79-81 (UDP)',
    setup: (w) => policy(w, 'x', 'range', { podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP', port: 79, endPort: 81 }] }] }),
    port: 81,
    proto: 'UDP',
    allowed: () => true,
  },
  {
    name: 'endPort 81-90 leaves 80 closed',
    setup: (w) => policy(w, 'x', 'range', { podSelector: {}, ingress: [{ ports: [{ port: 81, endPort: 90 }] }] }),
    port: 80,
    proto: 'TCP',
    allowed: (_s, d) => d.ns !== 'x',
  },
];

for (const c of CASES) {
  test(`netpol truth table: ${c.name}`, () => {
    const w = netpolWorld();
    c.setup(w);
    const d = diff(observe(w, c.port, c.proto), expectMatrix(c.allowed));
    assert.deepEqual(d, []);
  });
}

test("netpol truth table: ipBlock with except (egress from x/a to 0.0.0.0/0 except y/b's address)", () => {
  const w = netpolWorld();
  const yb = w.podIp('b', 'y');
  policy(w, 'x', 'except', {
    podSelector: sel({ pod: 'a' }),
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [`${yb}/32`] } }] }],
  });
  const d = diff(
    observe(w, 80, 'TCP'),
    expectMatrix((s, dd) => !(s.ns === 'x' && s.pod === 'a' && dd.ns === 'y' && dd.pod === 'b')),
  );
  assert.deepEqual(d, []);
});

test('netpol truth table: egress deny breaks DNS; allowing UDP 53 to kube-dns fixes it', () => {
  const w = netpolWorld();
  w.kubeDns(['cp']);
  policy(w, 'x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
  const before = w.net.resolve({ kind: 'pod', namespace: 'x', pod: 'a' }, 'kube-dns.kube-system');
  assert.equal(before.ok, false);
  assert.match(before.ok ? '' : before.reason, /egress from pod x\/a is isolated by NetworkPolicy x\/deny-egress/);
  policy(w, 'x', 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: {}, podSelector: sel({ 'k8s-app': 'kube-dns' }) }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
  const after = w.net.resolve({ kind: 'pod', namespace: 'x', pod: 'a' }, 'kube-dns.kube-system');
  assert.equal(after.ok, true, after.ok ? '' : after.reason);
  // Still no other egress.
  assert.equal(w.net.connect({ kind: 'pod', namespace: 'x', pod: 'a' }, w.podIp('b', 'y'), 80, 'TCP').outcome, 'timeout');
});
