// The reachability matrix: every lesson pod and node probing every lesson pod, next to what the lesson expects.
import type { Backend, ClusterView } from '../backend.ts';
import type { Lesson, ReachExpectation } from '../lesson/model.ts';
import type { MatrixCell, ReachMatrix } from './types.ts';
import { endpointFor } from './endpoints.ts';
import { verdictAccepts } from './verdicts.ts';

/** Namespaces whose pods are the cluster's own, not the lesson's. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'calico-system', 'kube-flannel', 'tigera-operator']);

/** At most this many pods per axis; a larger lesson gets the first ones by name (the matrix is for people). */
export const MATRIX_MAX_PODS = 24;

function podLabel(p: ClusterView['pods'][number]): string {
  return p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`;
}

/** Probe the matrix over the cluster as it is now. Pods' first declared TCP port is probed, else ICMP. */
export async function computeMatrix(backend: Backend, lesson: Pick<Lesson, 'cluster' | 'cells'>): Promise<ReachMatrix> {
  const view = await backend.view();
  const pods = view.pods
    .filter((p) => !SYSTEM_NAMESPACES.has(p.namespace))
    .slice(0, MATRIX_MAX_PODS);
  const targets = pods.map((p) => {
    const port = p.containers.flatMap((c) => c.ports)[0];
    return port === undefined
      ? { name: podLabel(p), protocol: 'icmp' as const }
      : { name: podLabel(p), protocol: 'tcp' as const, port };
  });
  const sources = [...pods.map(podLabel), ...view.nodes.map((n) => n.name)];
  const expectations = lesson.cells.flatMap((c) => c.expectations).filter((e): e is ReachExpectation => e.kind === 'reach');
  const cells: MatrixCell[] = [];
  for (const from of sources) {
    for (const t of targets) {
      if (from === t.name) continue;
      const probe = await backend.probe(endpointFor(from, lesson), { host: t.name, port: t.port, protocol: t.protocol });
      const exp = expectations.find(
        (e) => e.from === from && e.to === t.name && e.protocol === t.protocol && (t.protocol === 'icmp' || e.port === t.port),
      );
      cells.push({
        from,
        to: t.name,
        protocol: t.protocol,
        port: t.port,
        observed: probe.outcome,
        expected: exp?.expect,
        agrees: exp ? verdictAccepts(exp.expect, probe.outcome) : undefined,
      });
    }
  }
  return { sources, targets, cells };
}
