// Benchmark: NetworkPolicy in the dataplane. (1) One upstream e2e case end to end in-process: 9 pods (x, y, z ×
// a, b, c), 5 policies, the 81-probe matrix. (2) A matrix over 300 pods under 100 policies, against the same matrix
// with no policy: the ratio is the cost of policy evaluation.
// Run: node --import tsx bench/netpol.ts [--pods 300] [--policies 100] [--sample 20000]
import { parseArgs } from 'node:util';
import { netpolWorld, observe, policy, sel } from '../test/unit/sim/net/policy/netpol-model.ts';
import { TestWorld, pod } from '../test/unit/sim/net/test-world.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '300' },
    policies: { type: 'string', default: '100' },
    sample: { type: 'string', default: '20000' },
  },
});

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

// (1) The upstream case, built and probed from scratch each round.
const rounds: number[] = [];
const probes: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const w = netpolWorld();
  policy(w, 'x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  policy(w, 'x', 'allow-y', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] });
  policy(w, 'x', 'egress-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] });
  policy(w, 'y', 'named', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-80-tcp' }] }] });
  policy(w, 'z', 'and', {
    podSelector: sel({ pod: 'c' }),
    ingress: [{ from: [{ namespaceSelector: sel({ ns: 'x' }), podSelector: sel({ pod: 'b' }) }] }],
  });
  const t1 = performance.now();
  const m = observe(w, 80, 'TCP');
  const t2 = performance.now();
  rounds.push(t2 - t0);
  probes.push(t2 - t1);
  if (m.size !== 81) throw new Error('expected 81 probes');
}
console.log(
  `upstream case (9 pods, 5 policies, 81 probes): end to end ${median(rounds).toFixed(2)} ms (world built each time), the 81 probes ${median(probes).toFixed(2)} ms (fastest ${Math.min(...probes).toFixed(2)} ms); medians of ${rounds.length} rounds`,
);

// (2) The big matrix: pods spread over 10 namespaces and 8 workers, 100 policies (deny-all plus allows), sampled pairs.
const nPods = Number(values.pods);
const nPolicies = Number(values.policies);
const sample = Number(values.sample);
function bigWorld(): { w: TestWorld; pods: { ns: string; name: string; ip: string }[] } {
  const w = new TestWorld({ cni: 'calico', nodes: 8 });
  const pods: { ns: string; name: string; ip: string }[] = [];
  for (let i = 0; i < nPods; i++) {
    const ns = `ns${i % 10}`;
    if (i < 10) w.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: `t${i % 3}` } } });
    const name = `p${i}`;
    const ip = w.pod(name, { node: `w${(i % 8) + 1}`, namespace: ns, labels: { app: `a${i % 7}`, tier: `t${i % 5}` }, listen: [80] });
    pods.push({ ns, name, ip });
  }
  return { w, pods };
}
function matrix(w: TestWorld, pods: { ns: string; name: string; ip: string }[]): { ms: number; ok: number } {
  let ok = 0;
  const t0 = performance.now();
  for (let k = 0; k < sample; k++) {
    const s = pods[(k * 7919) % pods.length];
    const d = pods[(k * 104729 + 13) % pods.length];
    if (w.net.connect(pod(s.ns, s.name), d.ip, 80, 'TCP').outcome === 'connected') ok++;
  }
  return { ms: performance.now() - t0, ok };
}
const plain = bigWorld();
const withPolicies = bigWorld();
for (let i = 0; i < nPolicies; i++) {
  const ns = `ns${i % 10}`;
  if (i < 10) policy(withPolicies.w, ns, 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  else
    policy(withPolicies.w, ns, `allow-${i}`, {
      podSelector: sel({ app: `a${i % 7}` }),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ namespaceSelector: sel({ team: `t${i % 3}` }) }, { podSelector: sel({ tier: `t${i % 5}` }) }], ports: [{ port: 80 }] },
      ],
      egress: [{ to: [{ podSelector: {}, namespaceSelector: {} }] }],
    });
}
matrix(plain.w, plain.pods); // warm up both
matrix(withPolicies.w, withPolicies.pods);
const a = matrix(plain.w, plain.pods);
const b = matrix(withPolicies.w, withPolicies.pods);
console.log(
  `${nPods} pods, ${sample} probes: no policy ${a.ms.toFixed(0)} ms (${a.ok} connected); ${nPolicies} policies ${b.ms.toFixed(0)} ms (${b.ok} connected); ratio ${(b.ms / a.ms).toFixed(2)}×`,
);
