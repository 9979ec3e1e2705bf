// Cluster spec: the validated front matter turned into a ClusterSpec, with defaults and cross-field checks.
import type { Diagnostic } from '../errors.ts';
import type { FrontMatter } from './front-matter.ts';
import type { ClusterSpec, FaultSpec, NodeSpec, SetupStep } from './model.ts';

/** The defaults the parser fills in (the rest of the cluster's defaults are the simulator's). */
export const FRONT_MATTER_DEFAULTS = { seed: 1, cni: 'calico', user: 'root', rootCwd: '/root' } as const;

/** A cluster with no nodes, for a lesson whose front matter is missing or broken. */
export function emptyCluster(): ClusterSpec {
  return {
    cni: FRONT_MATTER_DEFAULTS.cni,
    nodes: [],
    workstation: { node: '', cwd: FRONT_MATTER_DEFAULTS.rootCwd, user: FRONT_MATTER_DEFAULTS.user },
    pins: [],
    faults: [],
    setup: [],
  };
}

/** Build the ClusterSpec from valid front matter. */
export function toClusterSpec(fm: FrontMatter): ClusterSpec {
  const c = fm.cluster;
  const nodes: NodeSpec[] = c.nodes;
  const firstControl = nodes.find((n) => n.role === 'control-plane') ?? nodes[0];
  const user = c.workstation?.user ?? FRONT_MATTER_DEFAULTS.user;
  const workstation = {
    node: c.workstation?.node ?? firstControl?.name ?? '',
    cwd: c.workstation?.cwd ?? (user === 'root' ? FRONT_MATTER_DEFAULTS.rootCwd : `/home/${user}`),
    user,
    pos: c.workstation?.pos,
  };
  const setup: SetupStep[] = (fm.setup ?? []).map((s) => ({ after: s.after, manifests: s.manifests.text, pos: s.manifests.pos }));
  return {
    cni: c.cni ?? FRONT_MATTER_DEFAULTS.cni,
    os: c.os,
    podCIDR: c.podCIDR,
    serviceCIDR: c.serviceCIDR,
    nodeCIDR: c.nodeCIDR,
    domain: c.domain,
    kubernetesVersion: c.kubernetesVersion,
    nodes,
    workstation,
    pins: c.pins ?? [],
    faults: (c.faults ?? []) as FaultSpec[],
    setup,
  };
}

/** Cross-field rules of the cluster: each returns its diagnostics. */
export const CLUSTER_CHECKS: readonly { name: string; check: (c: ClusterSpec) => Diagnostic[] }[] = [
  {
    name: 'control-plane',
    check: (c) =>
      c.nodes.length > 0 && !c.nodes.some((n) => n.role === 'control-plane')
        ? [invalid('cluster.nodes: at least one node must have role: control-plane', c.nodes[0])]
        : [],
  },
  { name: 'unique-node-names', check: (c) => duplicates(c.nodes, (n) => n.name, 'node name') },
  { name: 'unique-node-ips', check: (c) => duplicates(c.nodes, (n) => n.ip, 'node ip') },
  { name: 'unique-node-pod-cidrs', check: (c) => duplicates(c.nodes, (n) => n.podCIDR, 'node podCIDR') },
];

function invalid(message: string, at: NodeSpec): Diagnostic {
  return { severity: 'error', code: 'lesson-invalid', message, pos: at.pos ?? { file: '', line: 1 } };
}

function duplicates(nodes: NodeSpec[], key: (n: NodeSpec) => string | undefined, what: string): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const n of nodes) {
    const k = key(n);
    if (k === undefined) continue;
    if (seen.has(k)) out.push(invalid(`cluster.nodes: duplicate ${what} "${k}"`, n));
    seen.add(k);
  }
  return out;
}
