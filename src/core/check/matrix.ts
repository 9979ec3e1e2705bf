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

type Target = ReachMatrix['targets'][number];

/** At most this many columns: pods by port, then Services by name and ClusterIP, then other names the checks use. */
export const MATRIX_MAX_TARGETS = 40;

/**
 * The columns: each lesson pod on the ports the lesson's checks probe it on, else its first declared port, else
 * ICMP; each Service port by name and by ClusterIP; other names and addresses the lesson's reach checks use.
 */
function targetsOf(view: ClusterView, pods: ClusterView['pods'], expectations: ReachExpectation[], maxTargets: number): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    const key = `${t.name}|${t.protocol}|${t.port ?? ''}`;
    if (seen.has(key) || out.length >= maxTargets) return;
    seen.add(key);
    out.push(t);
  };
  const checked = (name: string) => expectations.filter((e) => e.to === name && e.protocol !== 'icmp' && e.port !== undefined);
  for (const p of pods) {
    const name = podLabel(p);
    const fromChecks = checked(name);
    const declared = p.containers.flatMap((c) => c.ports)[0];
    if (fromChecks.length > 0) for (const e of fromChecks) add({ name, protocol: e.protocol, port: e.port, kind: 'pod' });
    if (declared !== undefined) add({ name, protocol: 'tcp', port: declared, kind: 'pod' });
    if (fromChecks.length === 0 && declared === undefined) add({ name, protocol: 'icmp', kind: 'pod' });
  }
  // The API server's own Service (default/kubernetes) is the cluster's, not the lesson's.
  for (const s of view.services.filter(
    (x) => !SYSTEM_NAMESPACES.has(x.namespace) && !(x.namespace === 'default' && x.name === 'kubernetes'),
  )) {
    const name = s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`;
    for (const port of s.ports) {
      const protocol = port.protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp';
      add({ name, protocol, port: port.port, kind: 'service' });
      if (s.clusterIP && s.clusterIP !== 'None') add({ name: s.clusterIP, protocol, port: port.port, kind: 'cluster-ip' });
    }
  }
  for (const e of expectations) {
    if (out.some((t) => t.name === e.to)) continue;
    add(
      e.protocol === 'icmp' || e.port === undefined
        ? { name: e.to, protocol: 'icmp', kind: 'name' }
        : { name: e.to, protocol: e.protocol, port: e.port, kind: 'name' },
    );
  }
  return out;
}

/** How much of the cluster a matrix covers; the defaults are `podlab run`'s excerpt. */
export interface MatrixOptions {
  /** At most this many lesson pods per axis (default MATRIX_MAX_PODS; Infinity: every one). */
  maxPods?: number;
  /** At most this many columns (default MATRIX_MAX_TARGETS; Infinity: every one). */
  maxTargets?: number;
  /**
   * Outcomes only, by classes: probe once per class of (source, target) the backend cannot tell apart
   * (Backend.probeClasses) and give the class's outcome to every member. Cells then carry no reason, hops or
   * reason codes (those name the pair); the outcomes equal the pair-by-pair matrix's.
   */
  classes?: boolean;
}

/** Probe the matrix over the cluster as it is now (columns: see targetsOf). */
export async function computeMatrix(
  backend: Backend,
  lesson: Pick<Lesson, 'cluster' | 'cells'>,
  options: MatrixOptions = {},
): Promise<ReachMatrix> {
  const view = await backend.view();
  const pods = view.pods.filter((p) => !SYSTEM_NAMESPACES.has(p.namespace)).slice(0, options.maxPods ?? MATRIX_MAX_PODS);
  const expectations = lesson.cells.flatMap((c) => c.expectations).filter((e): e is ReachExpectation => e.kind === 'reach');
  const targets = targetsOf(view, pods, expectations, options.maxTargets ?? MATRIX_MAX_TARGETS);
  const sources = [...pods.map(podLabel), ...view.nodes.map((n) => n.name)];
  const cells: MatrixCell[] = [];
  const classify = options.classes ? backend.probeClasses?.() : undefined;
  const known = new Map<string, MatrixCell['observed']>();
  for (const from of sources) {
    const source = endpointFor(from, lesson);
    for (const t of targets) {
      if (from === t.name) continue;
      const exp = expectations.find(
        (e) => e.from === from && e.to === t.name && e.protocol === t.protocol && (t.protocol === 'icmp' || e.port === t.port),
      );
      const target = { host: t.name, port: t.port, protocol: t.protocol };
      if (options.classes) {
        const key = classify?.(source, target);
        let observed = key === undefined ? undefined : known.get(key);
        if (observed === undefined) {
          observed = (await backend.probe(source, target)).outcome;
          if (key !== undefined) known.set(key, observed);
        }
        cells.push({
          from,
          to: t.name,
          protocol: t.protocol,
          port: t.port,
          observed,
          expected: exp?.expect,
          agrees: exp ? verdictAccepts(exp.expect, observed) : undefined,
        });
        continue;
      }
      const probe = await backend.probe(source, target);
      cells.push({
        from,
        to: t.name,
        protocol: t.protocol,
        port: t.port,
        observed: probe.outcome,
        expected: exp?.expect,
        agrees: exp ? verdictAccepts(exp.expect, probe.outcome) : undefined,
        ...(probe.reasonCodes?.some(
          (c) => c.code === 'policy-denied-ingress' || c.code === 'policy-denied-egress' || c.code === 'admin-denied',
        )
          ? { policyDrop: true as const }
          : {}),
        ...(probe.reasonCodes?.length ? { reasonCodes: probe.reasonCodes } : {}),
        reason: probe.reason,
        hops: probe.hops,
      });
    }
  }
  return { sources, targets, cells };
}
