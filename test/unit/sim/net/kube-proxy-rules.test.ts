// kube-proxy's rules as iptables prints them, and their verdict against the model's (kubeProxy): for random Services
// and endpoints, evaluating the generated nat/filter rules must give what the packet walk's NAT decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kubeProxy, type NatQuery } from '../../../../src/core/sim/net/kube-proxy.ts';
import {
  kubeProxyTables,
  portProtoHash,
  probabilityText,
  servicePortEndpointChainName,
  type Rule,
  type Table,
} from '../../../../src/core/sim/net/kube-proxy-rules.ts';
import { cidrHas } from '../../../../src/core/sim/net/cidr.ts';
import { Rng } from '../../../../src/core/sim/rng.ts';
import { TestWorld } from './test-world.ts';

test('chain names are hashed as kube-proxy hashes them (values seen on real clusters)', () => {
  assert.equal(portProtoHash('default/kubernetes:https', 'tcp'), 'NPX46M4PTMTKRN6Y');
  assert.equal(portProtoHash('kube-system/kube-dns:dns', 'udp'), 'TCOU7JCQXEZGVUNU');
  assert.equal(portProtoHash('kube-system/kube-dns:dns-tcp', 'tcp'), 'ERIFXISQEP7F7OF4');
  assert.equal(portProtoHash('kube-system/kube-dns:metrics', 'tcp'), 'JD5MR3NA4I4DYORP');
  assert.match(servicePortEndpointChainName('default/web', 'tcp', '10.244.1.2:80'), /^KUBE-SEP-[A-Z2-7]{16}$/);
});

test('statistic probabilities read back as the kernel stores them', () => {
  assert.equal(probabilityText(2), '0.50000000000');
  assert.equal(probabilityText(3), '0.33333333349');
  assert.equal(probabilityText(4), '0.25000000000');
});

interface Pkt {
  proto: 'tcp' | 'udp';
  src: string;
  dst: string;
  dport: number;
  local: boolean;
  srcLocal: boolean;
}

function ruleMatches(r: Rule, p: Pkt): boolean {
  if (r.src && cidrHas(r.src.cidr, p.src) === r.src.negated) return false;
  if (r.dst && !cidrHas(r.dst, p.dst)) return false;
  if (r.proto && r.proto !== p.proto) return false;
  for (const m of r.matches) {
    if (m.kind === 'proto' && (m.proto !== p.proto || (m.dport !== undefined && m.dport !== p.dport))) return false;
    if (m.kind === 'addrtype-local' && !p.local) return false;
    if (m.kind === 'addrtype-src-local' && !p.srcLocal) return false;
  }
  return true;
}

type Verdict = { kind: 'none' } | { kind: 'reject' } | { kind: 'drop' } | { kind: 'dnat'; to: Set<string>; masq: Set<boolean> };

/**
 * Evaluate the tables for a new connection, every `statistic`/`recent` branch taken (the set of possible endpoints).
 * As netfilter does: nat (PREROUTING/OUTPUT) first; a packet it translated reaches filter with an endpoint's address,
 * which no REJECT/DROP of kube-proxy's matches; an untranslated one meets filter's KUBE-SERVICES and
 * KUBE-EXTERNAL-SERVICES.
 */
function evaluate(nat: Table, filter: Table, p: Pkt): Verdict {
  const chain = (t: Table, c: string): Rule[] => t.rules.filter((r) => r.chain === c);
  const translated = natVerdict(nat, p, chain);
  if (translated.kind === 'dnat') return translated;
  const f = [...chain(filter, 'KUBE-SERVICES'), ...chain(filter, 'KUBE-EXTERNAL-SERVICES')].find((r) => ruleMatches(r, p));
  if (f?.target.kind === 'REJECT') return { kind: 'reject' };
  if (f?.target.kind === 'DROP') return { kind: 'drop' };
  return { kind: 'none' };
}

function natVerdict(nat: Table, p: Pkt, chain: (t: Table, c: string) => Rule[]): Verdict {
  const out = { kind: 'dnat' as const, to: new Set<string>(), masq: new Set<boolean>() };
  const run = (name: string, masq: boolean): void => {
    for (const r of chain(nat, name)) {
      if (!ruleMatches(r, p)) continue;
      if (r.target.kind === 'DNAT') {
        out.to.add(r.target.to);
        out.masq.add(masq);
        return;
      }
      if (r.target.kind !== 'jump') continue;
      if (r.target.chain === 'KUBE-MARK-MASQ') {
        masq = true;
        continue;
      }
      run(r.target.chain, masq);
      if (!r.matches.some((m) => m.kind === 'statistic' || m.kind === 'recent-check')) return;
    }
  };
  run('KUBE-SERVICES', false);
  return out.to.size ? out : { kind: 'none' };
}

interface Scenario {
  services: {
    ports: { proto: 'TCP' | 'UDP'; port: number; named: boolean }[];
    nodePort: boolean;
    affinity: boolean;
    itp: boolean;
    etp: boolean;
    pods: number[];
  }[];
  probe: { svc: number; port: number; proto: 'tcp' | 'udp'; from: 'pod' | 'node' | 'other-node'; viaNodePort: boolean; seed: number };
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  services: fc.array(
    fc.record({
      ports: fc.uniqueArray(
        fc.record({
          proto: fc.constantFrom('TCP' as const, 'UDP' as const),
          port: fc.constantFrom(80, 443, 53, 8080),
          named: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3, selector: (p) => `${p.proto}/${p.port}` },
      ),
      nodePort: fc.boolean(),
      affinity: fc.boolean(),
      itp: fc.boolean(),
      etp: fc.boolean(),
      pods: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  probe: fc.record({
    svc: fc.nat(),
    port: fc.constantFrom(80, 443, 53, 8080, 9999),
    proto: fc.constantFrom('tcp' as const, 'udp' as const),
    from: fc.constantFrom('pod' as const, 'node' as const, 'other-node' as const),
    viaNodePort: fc.boolean(),
    seed: fc.nat(),
  }),
});

test('the rules iptables prints decide what the walk decides: same REJECT, same set of endpoints, same masquerade', () => {
  fc.assert(
    fc.property(scenario, (sc) => {
      const w = new TestWorld({ cni: 'calico', nodes: 2, seed: 7 });
      const nodes = ['cp', 'w1', 'w2'];
      sc.services.forEach((s, i) => {
        s.pods.forEach((n, k) => w.pod(`s${i}-p${k}`, { node: nodes[n], labels: { app: `s${i}` } }));
        w.service(`s${i}`, {
          type: s.nodePort ? 'NodePort' : 'ClusterIP',
          sessionAffinity: s.affinity ? 'ClientIP' : undefined,
          internalTrafficPolicy: s.itp ? 'Local' : undefined,
          externalTrafficPolicy: s.etp && s.nodePort ? 'Local' : undefined,
          clusterIP: `10.96.1.${10 + i}`,
          selector: { app: `s${i}` },
          ports: s.ports.map((p, k) => ({
            name: p.named || s.ports.length > 1 ? `p${k}` : undefined,
            port: p.port,
            protocol: p.proto,
            targetPort: 9000 + k,
            nodePort: s.nodePort ? 30000 + i * 10 + k : undefined,
          })),
        });
      });
      const client = w.pod('client', { node: 'w1' });
      const { nat, filter } = kubeProxyTables(w.store, w.cluster.podCIDR, 'w1');
      const target = sc.services[sc.probe.svc % sc.services.length];
      const index = sc.probe.svc % sc.services.length;
      const viaNodePort = sc.probe.viaNodePort && target.nodePort;
      const nodeIp = w.nodeIp('w1');
      const dport = viaNodePort ? 30000 + index * 10 + (sc.probe.port % target.ports.length) : sc.probe.port;
      // A pod on w1 (PREROUTING), w1's own processes (OUTPUT), or another node's host reaching w1 (PREROUTING).
      // Another node's host reaches w1's rules only through a NodePort (a ClusterIP is translated where it is sent).
      const from = sc.probe.from === 'other-node' && !viaNodePort ? 'node' : sc.probe.from;
      const src = from === 'pod' ? client : from === 'node' ? nodeIp : w.nodeIp('w2');
      const dst = viaNodePort ? nodeIp : `10.96.1.${10 + index}`;
      const q: NatQuery = {
        proto: sc.probe.proto === 'tcp' ? 'TCP' : 'UDP',
        src,
        dst,
        dport,
        chain: from === 'node' ? 'OUTPUT' : 'PREROUTING',
        dstIsLocal: viaNodePort,
        node: 'w1',
        fromPodNetwork: from === 'pod',
      };
      const model = kubeProxy(w.store, new Rng(sc.probe.seed), q);
      const rules = evaluate(nat, filter, { proto: sc.probe.proto, src, dst, dport, local: viaNodePort, srcLocal: from === 'node' });
      assert.equal(model.kind, rules.kind, JSON.stringify({ model, rules: rules.kind }));
      if (model.kind === 'dnat' && rules.kind === 'dnat') {
        assert.ok(
          rules.to.has(`${model.backend.ip}:${model.backend.port}`),
          `${model.backend.ip}:${model.backend.port} not in ${[...rules.to].join(',')}`,
        );
        assert.deepEqual([...rules.masq], [model.masquerade]);
      }
    }),
    { numRuns: 300 },
  );
});

test('sessionAffinity ClientIP: a client keeps its endpoint until the timeout; the rules say so with `recent`', () => {
  const w = new TestWorld({ cni: 'calico', nodes: 2, seed: 3 });
  for (let i = 0; i < 3; i++) w.pod(`web-${i}`, { node: i % 2 ? 'w1' : 'w2', labels: { app: 'web' } });
  w.service('web', {
    clusterIP: '10.96.3.3',
    selector: { app: 'web' },
    sessionAffinity: 'ClientIP',
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
    ports: [{ port: 80, protocol: 'TCP' }],
  });
  w.service('plain', { clusterIP: '10.96.3.4', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
  const rng = new Rng(11);
  const ask = (dst: string, src: string, now: number): string => {
    const d = kubeProxy(w.store, rng, { proto: 'TCP', src, dst, dport: 80, chain: 'PREROUTING', dstIsLocal: false, at: 'node/w1', now });
    assert.equal(d.kind, 'dnat');
    return d.kind === 'dnat' ? d.backend.ip : '';
  };
  for (const client of ['192.168.9.1', '192.168.9.2', '192.168.9.3']) {
    const first = ask('10.96.3.3', client, 0);
    for (let t = 1; t <= 30; t++) assert.equal(ask('10.96.3.3', client, t * 1000), first, `${client} moved at ${t}s`);
  }
  // Without affinity the same client spreads over the endpoints.
  assert.ok(new Set(Array.from({ length: 30 }, () => ask('10.96.3.4', '192.168.9.1', 0))).size > 1);
  // After the timeout with no connection, the choice is random again: over many clients some move.
  const moved = Array.from({ length: 20 }, (_, i) => `192.168.8.${i}`).filter(
    (c) => ask('10.96.3.3', c, 0) !== ask('10.96.3.3', c, 200_000),
  );
  assert.ok(moved.length > 0);
  const { nat } = kubeProxyTables(w.store, w.cluster.podCIDR, 'w1');
  const svc = nat.rules.filter((r) => r.chain === `KUBE-SVC-${portProtoHash('default/web', 'tcp')}`);
  assert.equal(svc.filter((r) => r.matches.some((m) => m.kind === 'recent-check' && m.seconds === 60)).length, 3);
  assert.equal(nat.rules.filter((r) => r.target.kind === 'DNAT' && r.matches.some((m) => m.kind === 'recent-set')).length, 3);
});

test('externalTrafficPolicy Local, no endpoint on the node: pod and node traffic still short-circuit to KUBE-SVC; the rest is dropped', () => {
  // proxier.go keeps KUBE-NODEPORTS -> KUBE-EXT whenever the Service has endpoints anywhere, and DROPs in
  // KUBE-EXTERNAL-SERVICES only "anything that didn't get short-circuited by the EXT chain".
  const w = new TestWorld({ cni: 'calico', nodes: 2, seed: 3 });
  w.pod('solo', { node: 'w2', labels: { app: 'solo' } });
  const client = w.pod('client', { node: 'w1' });
  for (const [i, itp] of [undefined, 'Local'].entries()) {
    const name = `loc${i}`;
    const nodePort = 30444 + i;
    w.service(name, {
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: itp,
      clusterIP: `10.96.4.${4 + i}`,
      selector: { app: 'solo' },
      ports: [{ port: 80, protocol: 'TCP', nodePort }],
    });
    const nodeIp = w.nodeIp('w1');
    const ask = (src: string, chain: 'OUTPUT' | 'PREROUTING', fromPodNetwork: boolean) =>
      kubeProxy(w.store, new Rng(1), {
        proto: 'TCP',
        src,
        dst: nodeIp,
        dport: nodePort,
        chain,
        dstIsLocal: true,
        node: 'w1',
        fromPodNetwork,
      });
    const pod = ask(client, 'PREROUTING', true);
    assert.equal(pod.kind, 'dnat', `itp=${itp}: a pod on the node reaches the Service through its NodePort`);
    assert.equal(pod.kind === 'dnat' && pod.masquerade, false, 'pod traffic keeps its address');
    const own = ask(nodeIp, 'OUTPUT', false);
    assert.equal(own.kind, 'dnat', `itp=${itp}: the node's own connection is routed to KUBE-SVC`);
    assert.equal(own.kind === 'dnat' && own.masquerade, true);
    assert.equal(ask(w.nodeIp('w2'), 'PREROUTING', false).kind, 'drop', 'traffic from elsewhere is dropped');
    const { nat, filter } = kubeProxyTables(w.store, w.cluster.podCIDR, 'w1');
    const ext = `KUBE-EXT-${portProtoHash(`default/${name}`, 'tcp')}`;
    const svc = `KUBE-SVC-${portProtoHash(`default/${name}`, 'tcp')}`;
    assert.ok(nat.rules.some((r) => r.chain === 'KUBE-NODEPORTS' && r.target.kind === 'jump' && r.target.chain === ext));
    assert.deepEqual(
      nat.rules.filter((r) => r.chain === ext).map((r) => (r.target.kind === 'jump' ? r.target.chain : r.target.kind)),
      [svc, 'KUBE-MARK-MASQ', svc],
      'pod traffic, masquerade LOCAL, route LOCAL; no jump to a KUBE-SVL without endpoints',
    );
    assert.ok(!nat.chains.some((c) => c.startsWith('KUBE-SVL-')), 'no KUBE-SVL chain without local endpoints');
    assert.ok(filter.rules.some((r) => r.chain === 'KUBE-EXTERNAL-SERVICES' && r.target.kind === 'DROP'));
  }
});
