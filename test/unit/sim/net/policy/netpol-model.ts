// The upstream e2e model of NetworkPolicy (kubernetes/kubernetes test/e2e/network/netpol/model.go) on the network
// test world: namespaces x, y, z labelled ns=<name>, pods a, b, c in each labelled pod=<name>, each listening on
// 80 and 81 over TCP and UDP with ports named serve-<port>-<proto>; and the 9×9 reachability matrix.
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { LabelSelector } from '../../../../../src/core/sim/api/types.ts';
import { TestWorld, pod } from '../test-world.ts';

export const NAMESPACES = ['x', 'y', 'z'] as const;
export const PODS = ['a', 'b', 'c'] as const;
export type Proto = 'TCP' | 'UDP';
export interface PodId {
  ns: string;
  pod: string;
}
export const ALL: PodId[] = NAMESPACES.flatMap((ns) => PODS.map((p) => ({ ns, pod: p })));

export function netpolWorld(cni: ClusterSpec['cni'] = 'calico'): TestWorld {
  const w = new TestWorld({ cni, nodes: 2 });
  const nodes = ['cp', 'w1', 'w2'];
  NAMESPACES.forEach((ns, i) => {
    w.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ns, 'kubernetes.io/metadata.name': ns } } });
    for (const p of PODS) {
      const ports = [80, 81].flatMap((n) =>
        (['TCP', 'UDP'] as const).map((proto) => ({ name: `serve-${n}-${proto.toLowerCase()}`, containerPort: n, protocol: proto })),
      );
      w.pod(p, {
        node: nodes[i],
        namespace: ns,
        labels: { pod: p },
        ports,
        listen: ports.map((x) => ({ port: x.containerPort, protocol: x.protocol, process: 'agnhost' })),
      });
    }
  });
  return w;
}

/** Create (or replace) a NetworkPolicy straight in the store. */
export function policy(w: TestWorld, ns: string, name: string, spec: Record<string, unknown>): void {
  const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
  if (w.store.has('NetworkPolicy', ns, name)) w.store.update(obj);
  else w.store.create(obj);
}

export const sel = (m: Record<string, string>): LabelSelector => ({ matchLabels: m });

/** The observed matrix: "x/a→y/b" → connected? */
export function observe(w: TestWorld, port: number, proto: Proto): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const s of ALL) {
    for (const d of ALL) {
      const r = w.net.connect(pod(s.ns, s.pod), w.podIp(d.pod, d.ns), port, proto);
      out.set(`${s.ns}/${s.pod}→${d.ns}/${d.pod}`, r.outcome === 'connected');
    }
  }
  return out;
}

/** The expected matrix from an oracle written from the API semantics. */
export function expectMatrix(allowed: (s: PodId, d: PodId) => boolean): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const s of ALL)
    for (const d of ALL) out.set(`${s.ns}/${s.pod}→${d.ns}/${d.pod}`, (s.ns === d.ns && s.pod === d.pod) || allowed(s, d));
  return out;
}

/** The cells where two matrices differ, for a readable failure. */
export function diff(a: Map<string, boolean>, b: Map<string, boolean>): string[] {
  return [...a.keys()].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: observed ${a.get(k)}, expected ${b.get(k)}`);
}
