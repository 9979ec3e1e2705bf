// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) on the upstream e2e model:
// tier precedence truth tables (ANP by priority → NetworkPolicy → BANP), the why, what each CNI enforces, the CRD
// validation, and a property (an ANP Allow at the highest priority never removes a connection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diff, expectMatrix, netpolWorld, observe, policy, sel, type PodId, type Proto } from './netpol-model.ts';
import { pod, type TestWorld } from '../test-world.ts';
import { POLICY_ENGINES } from '../../../../../src/core/sim/net/policy/enforcement.ts';
import { reasonText } from '../../../../../src/core/sim/net/policy/explain.ts';
import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy } from '../../../../../src/core/sim/api/validate-admin-policy.ts';
import { aggregate } from '../../../../../src/core/sim/api/field-errors.ts';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';

function anp(w: TestWorld, name: string, spec: Record<string, unknown>): void {
  const obj = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec };
  if (w.store.has('AdminNetworkPolicy', undefined, name)) w.store.update(obj);
  else w.store.create(obj);
}

function banp(w: TestWorld, spec: Record<string, unknown>): void {
  w.store.create({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec,
  });
}

const nsSubject = (ns: string) => ({ namespaces: sel({ ns }) });
const fromNs = (ns: string | undefined) => ({ namespaces: ns ? sel({ ns }) : {} });

/**
 * An engine that enforces the BaselineAdminNetworkPolicy too (Calico v3.30+, projectcalico/calico#9464), for the BANP
 * rows: the modelled Calico v3.29.1 does not. The engine object is shared by reference; restored afterwards.
 */
function withBanp<T>(f: () => T): T {
  const before = POLICY_ENGINES.calico.banp;
  POLICY_ENGINES.calico.banp = true;
  try {
    return f();
  } finally {
    POLICY_ENGINES.calico.banp = before;
  }
}

interface Case {
  name: string;
  setup: (w: TestWorld) => void;
  port?: number;
  proto?: Proto;
  banp?: boolean;
  allowed: (s: PodId, d: PodId) => boolean;
}

const CASES: Case[] = [
  {
    name: 'ANP Deny beats a NetworkPolicy Allow',
    setup: (w) => {
      policy(w, 'x', 'allow-all', { podSelector: {}, ingress: [{}] });
      anp(w, 'deny-y', { priority: 10, subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs('y')] }] });
    },
    allowed: (s, d) => !(s.ns === 'y' && d.ns === 'x'),
  },
  {
    name: 'ANP Allow beats a NetworkPolicy default deny',
    setup: (w) => {
      policy(w, 'x', 'deny', { podSelector: {}, ingress: [] });
      anp(w, 'allow-z', { priority: 10, subject: nsSubject('x'), ingress: [{ action: 'Allow', from: [fromNs('z')] }] });
    },
    allowed: (s, d) => d.ns !== 'x' || s.ns === 'z',
  },
  {
    name: 'ANP Pass defers to NetworkPolicy (which denies), and skips the lower-priority ANP Allow',
    setup: (w) => {
      policy(w, 'x', 'deny', { podSelector: {}, ingress: [] });
      anp(w, 'pass-y', { priority: 5, subject: nsSubject('x'), ingress: [{ action: 'Pass', from: [fromNs('y')] }] });
      anp(w, 'allow-all', { priority: 50, subject: nsSubject('x'), ingress: [{ action: 'Allow', from: [fromNs(undefined)] }] });
    },
    allowed: (s, d) => d.ns !== 'x' || s.ns !== 'y',
  },
  {
    name: 'priority order: the lower number decides (Allow y at 10 over Deny all at 20)',
    setup: (w) => {
      anp(w, 'deny-all', { priority: 20, subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs(undefined)] }] });
      anp(w, 'allow-y', { priority: 10, subject: nsSubject('x'), ingress: [{ action: 'Allow', from: [fromNs('y')] }] });
    },
    allowed: (s, d) => d.ns !== 'x' || s.ns === 'y',
  },
  {
    name: 'priority order swapped: Deny all at 5 wins over Allow y at 10',
    setup: (w) => {
      anp(w, 'deny-all', { priority: 5, subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs(undefined)] }] });
      anp(w, 'allow-y', { priority: 10, subject: nsSubject('x'), ingress: [{ action: 'Allow', from: [fromNs('y')] }] });
    },
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'rules in order within one ANP; pods subject (namespace AND pod selector)',
    setup: (w) => {
      anp(w, 'x-a', {
        priority: 1,
        subject: { pods: { namespaceSelector: sel({ ns: 'x' }), podSelector: sel({ pod: 'a' }) } },
        ingress: [
          { action: 'Allow', from: [{ pods: { namespaceSelector: sel({ ns: 'y' }), podSelector: sel({ pod: 'b' }) } }] },
          { action: 'Deny', from: [fromNs('y')] },
        ],
      });
    },
    allowed: (s, d) => !(d.ns === 'x' && d.pod === 'a' && s.ns === 'y' && s.pod !== 'b'),
  },
  {
    name: 'egress ANP Deny to a namespace',
    setup: (w) => anp(w, 'no-z', { priority: 1, subject: nsSubject('y'), egress: [{ action: 'Deny', to: [fromNs('z')] }] }),
    allowed: (s, d) => !(s.ns === 'y' && d.ns === 'z'),
  },
  {
    name: 'ports: portNumber (TCP 81) does not match port 80',
    setup: (w) =>
      anp(w, 'deny-81', {
        priority: 1,
        subject: nsSubject('x'),
        ingress: [{ action: 'Deny', from: [fromNs(undefined)], ports: [{ portNumber: { protocol: 'TCP', port: 81 } }] }],
      }),
    port: 80,
    allowed: () => true,
  },
  {
    name: 'ports: portRange 80-81 UDP',
    setup: (w) =>
      anp(w, 'deny-range', {
        priority: 1,
        subject: nsSubject('x'),
        ingress: [{ action: 'Deny', from: [fromNs(undefined)], ports: [{ portRange: { protocol: 'UDP', start: 80, end: 81 } }] }],
      }),
    port: 81,
    proto: 'UDP',
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'ports: namedPort resolved on the destination pod',
    setup: (w) =>
      anp(w, 'deny-named', {
        priority: 1,
        subject: nsSubject('x'),
        ingress: [{ action: 'Deny', from: [fromNs(undefined)], ports: [{ namedPort: 'serve-80-udp' }] }],
      }),
    port: 80,
    proto: 'UDP',
    allowed: (_s, d) => d.ns !== 'x',
  },
  {
    name: 'BANP Deny applies only where no NetworkPolicy selects the pod',
    banp: true,
    setup: (w) => {
      policy(w, 'x', 'a-from-z', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'z' }) }] }] });
      banp(w, { subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs(undefined)] }] });
    },
    allowed: (s, d) => d.ns !== 'x' || (d.pod === 'a' && s.ns === 'z'),
  },
  {
    name: 'ANP Pass falls through NetworkPolicy (none selects) to the BANP',
    banp: true,
    setup: (w) => {
      anp(w, 'pass', {
        priority: 1,
        subject: nsSubject('x'),
        ingress: [
          { action: 'Pass', from: [fromNs('y')] },
          { action: 'Allow', from: [fromNs(undefined)] },
        ],
      });
      banp(w, { subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs('y')] }] });
    },
    allowed: (s, d) => !(d.ns === 'x' && s.ns === 'y'),
  },
  {
    name: 'Calico v3.29.1 (modelled) accepts the BANP and does not enforce it',
    setup: (w) => banp(w, { subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs(undefined)] }] }),
    allowed: () => true,
  },
];

for (const c of CASES) {
  test(`tiers: ${c.name}`, () => {
    const run = () => {
      const w = netpolWorld('calico');
      c.setup(w);
      const got = observe(w, c.port ?? 80, c.proto ?? 'TCP');
      assert.deepEqual(diff(got, expectMatrix(c.allowed)), []);
    };
    if (c.banp) withBanp(run);
    else run();
  });
}

test('the why names the tier, policy, priority and rule that decided; in Chinese too', () => {
  const w = netpolWorld('calico');
  policy(w, 'x', 'allow-all', { podSelector: {}, ingress: [{}] });
  anp(w, 'deny-y', { priority: 10, subject: nsSubject('x'), ingress: [{ name: 'no-y', action: 'Deny', from: [fromNs('y')] }] });
  const r = w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP');
  assert.equal(r.outcome, 'timeout');
  assert.match(
    r.reason,
    /^ingress of pod x\/b denied by AdminNetworkPolicy deny-y \(priority 10\), ingress rule #0 "no-y" \(Deny\) for [0-9.]+ \(pod y\/a\) on 80\/TCP, so Calico dropped the packet at cali[0-9a-f]{11}; AdminNetworkPolicy is evaluated before NetworkPolicy$/,
  );
  const code = r.policy?.[0];
  assert.equal(code?.code, 'admin-denied');
  assert.match(r.hops[r.hops.length - 1].action, /denied by AdminNetworkPolicy deny-y .*dropped at cali/);
  assert.match(
    reasonText(code as Parameters<typeof reasonText>[0], 'zh-CN'),
    /AdminNetworkPolicy deny-y（优先级 10）的第 0 条入站规则 "no-y"（Deny）拒绝/,
  );
  anp(w, 'deny-y', { priority: 10, subject: nsSubject('x'), ingress: [{ name: 'pass-y', action: 'Pass', from: [fromNs('y')] }] });
  const p = w.net.connect(pod('y', 'a'), w.podIp('b', 'x'), 80, 'TCP');
  assert.equal(p.outcome, 'connected');
  assert.match(
    p.reason,
    /allowed by NetworkPolicy x\/allow-all.*\(AdminNetworkPolicy deny-y rule #0 "pass-y" passed it on to NetworkPolicy\)/,
  );
});

test('BANP on Calico v3.29.1 and ANP on flannel: accepted, not enforced, and the reason says so', () => {
  const c = netpolWorld('calico');
  banp(c, { subject: nsSubject('x'), ingress: [{ name: 'deny-y', action: 'Deny', from: [fromNs('y')] }] });
  const r = c.net.connect(pod('y', 'a'), c.podIp('b', 'x'), 80, 'TCP');
  assert.equal(r.outcome, 'connected');
  assert.match(
    r.reason,
    /Calico does not enforce BaselineAdminNetworkPolicy; BaselineAdminNetworkPolicy default, ingress rule #0 "deny-y" \(Deny\) matches this connection \(x\/b\)/,
  );
  const f = netpolWorld('flannel');
  anp(f, 'deny-y', { priority: 3, subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs('y')] }] });
  const q = f.net.connect(pod('y', 'a'), f.podIp('b', 'x'), 80, 'TCP');
  assert.equal(q.outcome, 'connected');
  assert.match(
    q.reason,
    /flannel does not enforce AdminNetworkPolicy; AdminNetworkPolicy deny-y \(priority 3\), ingress rule #0 \(Deny\) matches/,
  );
  const k = netpolWorld('kindnet');
  anp(k, 'deny-y', { priority: 3, subject: nsSubject('x'), ingress: [{ action: 'Deny', from: [fromNs('y')] }] });
  assert.equal(k.net.connect(pod('y', 'a'), k.podIp('b', 'x'), 80, 'TCP').outcome, 'connected');
});

test('a label change on a namespace applies to the next connection', () => {
  const w = netpolWorld('calico');
  anp(w, 'deny-tagged', {
    priority: 1,
    subject: nsSubject('x'),
    ingress: [{ action: 'Deny', from: [{ namespaces: sel({ tier: 'untrusted' }) }] }],
  });
  assert.equal(w.net.connect(pod('y', 'a'), w.podIp('a', 'x'), 80, 'TCP').outcome, 'connected');
  const y = w.store.peek('Namespace', undefined, 'y')!;
  w.store.update({ ...y, metadata: { ...y.metadata, labels: { ...y.metadata.labels, tier: 'untrusted' } } });
  assert.equal(w.net.connect(pod('y', 'a'), w.podIp('a', 'x'), 80, 'TCP').outcome, 'timeout');
});

function obj(kind: string, name: string, spec: unknown): KObject {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind, metadata: { name }, spec } as KObject;
}

test('validation: priority 0–1000, subject with exactly one of namespaces/pods, actions, ports, the BANP singleton', () => {
  const ok = {
    priority: 0,
    subject: { namespaces: {} },
    ingress: [{ action: 'Pass', from: [{ namespaces: {} }], ports: [{ portRange: { start: 1, end: 2 } }] }],
  };
  assert.deepEqual(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', ok)), []);
  assert.deepEqual(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', { ...ok, priority: 1000 })), []);
  assert.equal(
    aggregate(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', { ...ok, priority: 1001 }))),
    'spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000',
  );
  assert.equal(
    aggregate(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', { ...ok, priority: -1 }))),
    'spec.priority: Invalid value: -1: spec.priority in body should be greater than or equal to 0',
  );
  assert.equal(
    aggregate(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', { subject: { namespaces: {} } }))),
    'spec.priority: Required value',
  );
  assert.equal(
    aggregate(
      validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', { ...ok, ingress: [{ action: 'Drop', from: [{ namespaces: {} }] }] })),
    ),
    'spec.ingress[0].action: Unsupported value: "Drop": supported values: "Allow", "Deny", "Pass"',
  );
  assert.equal(
    aggregate(
      validateAdminNetworkPolicy(
        obj('AdminNetworkPolicy', 'a', { ...ok, subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } }),
      ),
    ),
    'spec.subject: Too many: 2: must have at most 1 items',
  );
  assert.match(
    aggregate(
      validateAdminNetworkPolicy(
        obj('AdminNetworkPolicy', 'a', {
          ...ok,
          ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portRange: { start: 9, end: 2 } }] }],
        }),
      ),
    ),
    /Start port must be less than End port/,
  );
  const b = { subject: { namespaces: {} }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }] }] };
  assert.match(
    aggregate(validateBaselineAdminNetworkPolicy(obj('BaselineAdminNetworkPolicy', 'default', b))),
    /spec.ingress\[0\].action: Unsupported value: "Pass": supported values: "Allow", "Deny"/,
  );
  assert.match(
    aggregate(validateBaselineAdminNetworkPolicy(obj('BaselineAdminNetworkPolicy', 'other', { subject: { namespaces: {} } }))),
    /Only one baseline admin network policy with metadata.name="default" can be created in the cluster/,
  );
});

// Property: whatever NetworkPolicies, ANPs and BANP exist, an ANP at priority 0 whose rules are all Allow never removes a
// connection (ties at priority 0 are broken by name: the added policy's name sorts first).
const selector = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y', 'z').map((n) => ({ matchLabels: { ns: n } })),
);
const podSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom('a', 'b', 'c').map((p) => ({ matchLabels: { pod: p } })),
);
const adminPeer = fc.oneof(
  selector.map((namespaces) => ({ namespaces })),
  fc.tuple(selector, podSel).map(([namespaceSelector, podSelector]) => ({ pods: { namespaceSelector, podSelector } })),
);
const adminPorts = fc.option(
  fc.array(
    fc.oneof(
      fc.constantFrom(80, 81).map((port) => ({ portNumber: { protocol: 'TCP', port } })),
      fc.constant({ namedPort: 'serve-81-udp' }),
      fc.constant({ portRange: { protocol: 'UDP', start: 80, end: 81 } }),
    ),
    { minLength: 1, maxLength: 2 },
  ),
  { nil: undefined },
);
const adminRule = (actions: string[]) =>
  fc.record({ action: fc.constantFrom(...actions), peers: fc.array(adminPeer, { minLength: 1, maxLength: 2 }), ports: adminPorts });
const adminSpec = (actions: string[]) =>
  fc.record({
    subject: adminPeer,
    ingress: fc.array(adminRule(actions), { maxLength: 2 }),
    egress: fc.array(adminRule(actions), { maxLength: 2 }),
  });
type AdminGen = {
  subject: unknown;
  ingress: { action: string; peers: unknown[]; ports?: unknown[] }[];
  egress: { action: string; peers: unknown[]; ports?: unknown[] }[];
};
const toAdmin = (s: AdminGen) => ({
  subject: s.subject,
  ingress: s.ingress.map((r) => ({ action: r.action, from: r.peers, ...(r.ports ? { ports: r.ports } : {}) })),
  egress: s.egress.map((r) => ({ action: r.action, to: r.peers, ...(r.ports ? { ports: r.ports } : {}) })),
});

test('property: an ANP Allow at the highest priority never removes a connection', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ priority: fc.integer({ min: 0, max: 1000 }), spec: adminSpec(['Allow', 'Deny', 'Pass']) }), { maxLength: 3 }),
      fc.option(adminSpec(['Allow', 'Deny']), { nil: undefined }),
      fc.boolean(),
      adminSpec(['Allow']),
      fc.record({ port: fc.constantFrom(80, 81), proto: fc.constantFrom<Proto>('TCP', 'UDP') }),
      (anps, baseline, np, top, pk) =>
        withBanp(() => {
          const w = netpolWorld('calico');
          anps.forEach((a, i) => anp(w, `p${i}`, { priority: a.priority, ...toAdmin(a.spec) }));
          if (baseline) banp(w, toAdmin(baseline));
          if (np) policy(w, 'x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
          const before = observe(w, pk.port, pk.proto);
          anp(w, '0-top', { priority: 0, ...toAdmin(top) });
          const after = observe(w, pk.port, pk.proto);
          for (const [k, v] of before) if (v) assert.equal(after.get(k), true, `${k} was connected before the Allow ANP`);
        }),
    ),
    { numRuns: 20, seed: 4 },
  );
});

test('validation never throws on malformed input, and always reports something', () => {
  const junk: unknown[] = [
    undefined,
    'x',
    { priority: '5', subject: 'all' },
    { priority: 1, subject: { pods: 'x' }, ingress: 'deny' },
    {
      priority: 1,
      subject: { namespaces: {} },
      ingress: [null, { action: 'Deny', from: [null, 'x', {}] }],
      egress: [
        { action: 'Allow', to: [{ networks: ['10.0.0.0/8'], namespaces: {} }], ports: [{}, null, { portNumber: { port: 'http' } }] },
      ],
    },
  ];
  for (const spec of junk) {
    assert.notDeepEqual(validateAdminNetworkPolicy(obj('AdminNetworkPolicy', 'a', spec)), [], JSON.stringify(spec));
    assert.notDeepEqual(validateBaselineAdminNetworkPolicy(obj('BaselineAdminNetworkPolicy', 'default', spec)), [], JSON.stringify(spec));
  }
});
