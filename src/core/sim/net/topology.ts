// resolveCluster: a lesson's cluster spec with every default filled in, node addresses and pod blocks assigned, checked.
import type { ClusterSpec, NodeSpec } from '../../lesson/model.ts';
import { PodlabError } from '../../errors.ts';
import type { ResolvedCluster, ResolvedNode } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import { formatCidr, formatIp, maskOf, overlaps, parseCidr, parseIp, type Cidr } from './cidr.ts';
import { CNI_DEFAULTS, DEFAULT_DOMAIN, DEFAULT_KUBERNETES_VERSION, DEFAULT_SERVICE_CIDR } from './cni-defaults.ts';
import { assignNodeIps } from './node-addresses.ts';
import { assignPodBlocks } from './pod-blocks.ts';
import { checkFaults, checkPins } from './topology-checks.ts';

function invalid(message: string): PodlabError {
  return new PodlabError('lesson-invalid', message);
}

function cidrField(name: string, text: string): Cidr {
  const c = parseCidr(text, true);
  if (!c) throw invalid(`cluster.${name} "${text}" is not a CIDR with its host bits zero`);
  return c;
}

/** The labels a kubeadm node carries, plus the lesson's own. */
function nodeLabels(n: NodeSpec): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return { ...labels, ...(n.labels ?? {}) };
}

function nodeTaints(n: NodeSpec): ResolvedNode['taints'] {
  const taints = (n.taints ?? []).map((t) => ({ ...t }));
  if (n.role === 'control-plane' && n.schedulable !== true && !taints.some((t) => t.key === 'node-role.kubernetes.io/control-plane')) {
    taints.unshift({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  return taints;
}

/**
 * Resolve the lesson's cluster spec: defaults per CNI, node addresses, one pod block per node (Calico /26 blocks at
 * random offsets from `rng`; flannel/kindnet /24s in node order), pins and faults checked.
 * Throws PodlabError('lesson-invalid') for a spec no cluster could have.
 */
/**
 * Without `nodeCIDR`, nodes whose addresses the author gave share a subnet: the smallest one from /24 down
 * to /16 that holds them all (10.10.0.2 and 10.10.0.3 → 10.10.0.0/24). Undefined when none is given.
 */
function inferNodeCIDR(spec: ClusterSpec): string | undefined {
  const ips = spec.nodes.map((n) => (n.ip === undefined ? undefined : parseIp(n.ip))).filter((x): x is number => x !== undefined);
  if (ips.length === 0) return undefined;
  for (let prefix = 24; prefix >= 16; prefix--) {
    const mask = maskOf(prefix);
    const net = (ips[0] & mask) >>> 0;
    if (ips.every((ip) => (ip & mask) >>> 0 === net)) return `${formatIp(net)}/${prefix}`;
  }
  return undefined;
}

/** Most nodes a simulated cluster may have: far more than a lesson shows, few enough for a browser tab. */
export const MAX_NODES = 256;

export function resolveCluster(spec: ClusterSpec, rng: Rng): ResolvedCluster {
  const defaults = CNI_DEFAULTS[spec.cni];
  if (!defaults) throw invalid(`cluster.cni "${String(spec.cni)}" is not one of ${Object.keys(CNI_DEFAULTS).join(', ')}`);
  if (spec.nodes.length === 0) throw invalid('cluster.nodes is empty: a cluster needs at least one node');
  if (spec.nodes.length > MAX_NODES)
    throw invalid(`cluster.nodes has ${spec.nodes.length} nodes; the simulator builds at most ${MAX_NODES}`);
  const names = new Set<string>();
  for (const n of spec.nodes) {
    if (names.has(n.name)) throw invalid(`node name "${n.name}" appears twice in cluster.nodes`);
    names.add(n.name);
  }
  const podCIDR = spec.podCIDR ?? defaults.podCIDR;
  const serviceCIDR = spec.serviceCIDR ?? DEFAULT_SERVICE_CIDR;
  const nodeCIDR = spec.nodeCIDR ?? inferNodeCIDR(spec) ?? defaults.nodeCIDR;
  const fields: [string, Cidr][] = [
    ['podCIDR', cidrField('podCIDR', podCIDR)],
    ['serviceCIDR', cidrField('serviceCIDR', serviceCIDR)],
    ['nodeCIDR', cidrField('nodeCIDR', nodeCIDR)],
  ];
  for (let i = 0; i < fields.length; i++) {
    for (let j = i + 1; j < fields.length; j++) {
      if (overlaps(fields[i][1], fields[j][1])) {
        throw invalid(`cluster.${fields[i][0]} ${formatCidr(fields[i][1])} overlaps cluster.${fields[j][0]} ${formatCidr(fields[j][1])}`);
      }
    }
  }
  const ips = assignNodeIps(spec.nodes, fields[2][1], defaults.firstNodeHost);
  const blocks = assignPodBlocks(spec.nodes, fields[0][1], defaults, rng);
  const nodes: ResolvedNode[] = spec.nodes.map((n, i) => ({
    name: n.name,
    role: n.role,
    ip: ips[i],
    podCIDR: formatCidr(blocks[i]),
    labels: nodeLabels(n),
    taints: nodeTaints(n),
  }));
  if (!names.has(spec.workstation.node)) {
    throw invalid(`cluster.workstation.node "${spec.workstation.node}" is not in cluster.nodes`);
  }
  const version = spec.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  return {
    cni: spec.cni,
    os: spec.os ?? 'debian',
    podCIDR,
    serviceCIDR,
    nodeCIDR,
    domain: (spec.domain ?? DEFAULT_DOMAIN).replace(/\.$/, ''),
    kubernetesVersion: version.startsWith('v') ? version : `v${version}`,
    nodes,
    workstation: { ...spec.workstation },
    pins: checkPins(spec.pins ?? [], nodes, spec.cni),
    faults: checkFaults(spec.faults ?? [], nodes),
  };
}
