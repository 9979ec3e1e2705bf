// Invariants of NetworkPolicy in the dataplane, over random policies on the upstream e2e model (9 pods, 80/81 TCP/UDP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL, netpolWorld, observe, policy, type Proto } from './netpol-model.ts';
import { PolicyIndex } from '../../../../../src/core/sim/net/policy/evaluate.ts';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';

const labelSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom('a', 'b', 'c').map((p) => ({ matchLabels: { pod: p } })),
  fc.constantFrom('a', 'b', 'c').map((p) => ({ matchExpressions: [{ key: 'pod', operator: 'NotIn' as const, values: [p] }] })),
);
const nsSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y', 'z').map((n) => ({ matchLabels: { ns: n } })),
);
const peer = fc.oneof(
  labelSel.map((podSelector) => ({ podSelector })),
  nsSel.map((namespaceSelector) => ({ namespaceSelector })),
  fc.tuple(nsSel, labelSel).map(([namespaceSelector, podSelector]) => ({ namespaceSelector, podSelector })),
  fc.constant({ ipBlock: { cidr: '0.0.0.0/0' } }),
);
const ports = fc.option(
  fc.array(fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(80, 81, 'serve-80-tcp', 'serve-81-udp') }), {
    minLength: 1,
    maxLength: 2,
  }),
  { nil: undefined },
);
const rule = fc.record({ peers: fc.option(fc.array(peer, { minLength: 1, maxLength: 2 }), { nil: undefined }), ports });
const spec = fc.record({
  ns: fc.constantFrom('x', 'y', 'z'),
  podSelector: labelSel,
  types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(rule, { maxLength: 2 }),
  egress: fc.array(rule, { maxLength: 2 }),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function toPolicy(s: Spec): Record<string, unknown> {
  const r = (x: { peers?: unknown[]; ports?: unknown[] }, key: 'from' | 'to') => ({
    ...(x.peers ? { [key]: x.peers } : {}),
    ...(x.ports ? { ports: x.ports } : {}),
  });
  return {
    podSelector: s.podSelector,
    policyTypes: s.types,
    ingress: s.ingress.map((x) => r(x, 'from')),
    egress: s.egress.map((x) => r(x, 'to')),
  };
}

const probeKind = fc.record({ port: fc.constantFrom(80, 81), proto: fc.constantFrom<Proto>('TCP', 'UDP') });

test('adding an allow rule to a policy never removes a connection', () => {
  fc.assert(
    fc.property(
      fc.array(spec, { minLength: 1, maxLength: 3 }),
      fc.nat(),
      fc.record({ peers: fc.option(fc.array(peer, { minLength: 1, maxLength: 2 }), { nil: undefined }), ports }),
      probeKind,
      (specs, pick, extra, pk) => {
        const w = netpolWorld();
        specs.forEach((s, i) => policy(w, s.ns, `p${i}`, toPolicy(s)));
        const before = observe(w, pk.port, pk.proto);
        const i = pick % specs.length;
        const grown = { ...specs[i], ingress: [...specs[i].ingress, extra], egress: [...specs[i].egress, extra] };
        policy(w, grown.ns, `p${i}`, toPolicy(grown));
        const after = observe(w, pk.port, pk.proto);
        for (const [k, v] of before) if (v) assert.equal(after.get(k), true, `${k} was connected before the rule was added`);
      },
    ),
    { numRuns: 25, seed: 11 },
  );
});

test('a pod selected by no policy is reachable as before, from sources that no egress policy selects', () => {
  fc.assert(
    fc.property(fc.array(spec, { minLength: 1, maxLength: 4 }), probeKind, (specs, pk) => {
      const w = netpolWorld();
      const open = observe(w, pk.port, pk.proto);
      specs.forEach((s, i) => policy(w, s.ns, `p${i}`, toPolicy(s)));
      const now = observe(w, pk.port, pk.proto);
      const index = new PolicyIndex(w.store);
      const sel = (ns: string, p: string) => index.selectingPod(w.store.peek<Pod>('Pod', ns, p) as Pod);
      for (const s of ALL) {
        if (sel(s.ns, s.pod).egress.length) continue;
        for (const d of ALL) {
          if (sel(d.ns, d.pod).ingress.length) continue;
          const k = `${s.ns}/${s.pod}→${d.ns}/${d.pod}`;
          assert.equal(now.get(k), open.get(k), k);
        }
      }
    }),
    { numRuns: 25, seed: 12 },
  );
});
