// Calico's API objects on a Calico cluster: the CustomResourceDefinitions its manifest installs, the default IPPool
// calico-node creates at first start, and one BlockAffinity per node block, all from the resolved cluster.
import type { ResolvedCluster } from '../contracts.ts';
import type { KObject } from '../api/types.ts';
import { CNI_DEFAULTS } from '../net/cni-defaults.ts';

/** The CRDs of Calico v3.29's manifests/calico.yaml, in its order: [plural, kind, group, cluster-scoped]. */
const CALICO_CRDS: readonly [string, string, string, boolean][] = [
  ['bgpconfigurations', 'BGPConfiguration', 'crd.projectcalico.org', true],
  ['bgpfilters', 'BGPFilter', 'crd.projectcalico.org', true],
  ['bgppeers', 'BGPPeer', 'crd.projectcalico.org', true],
  ['blockaffinities', 'BlockAffinity', 'crd.projectcalico.org', true],
  ['caliconodestatuses', 'CalicoNodeStatus', 'crd.projectcalico.org', true],
  ['clusterinformations', 'ClusterInformation', 'crd.projectcalico.org', true],
  ['felixconfigurations', 'FelixConfiguration', 'crd.projectcalico.org', true],
  ['globalnetworkpolicies', 'GlobalNetworkPolicy', 'crd.projectcalico.org', true],
  ['globalnetworksets', 'GlobalNetworkSet', 'crd.projectcalico.org', true],
  ['hostendpoints', 'HostEndpoint', 'crd.projectcalico.org', true],
  ['ipamblocks', 'IPAMBlock', 'crd.projectcalico.org', true],
  ['ipamconfigs', 'IPAMConfig', 'crd.projectcalico.org', true],
  ['ipamhandles', 'IPAMHandle', 'crd.projectcalico.org', true],
  ['ippools', 'IPPool', 'crd.projectcalico.org', true],
  ['ipreservations', 'IPReservation', 'crd.projectcalico.org', true],
  ['kubecontrollersconfigurations', 'KubeControllersConfiguration', 'crd.projectcalico.org', true],
  ['networkpolicies', 'NetworkPolicy', 'crd.projectcalico.org', false],
  ['networksets', 'NetworkSet', 'crd.projectcalico.org', false],
  ['tiers', 'Tier', 'crd.projectcalico.org', true],
  ['adminnetworkpolicies', 'AdminNetworkPolicy', 'policy.networking.k8s.io', true],
];

/** One CRD object (its schema left out: the simulator validates Calico's kinds by its own model, not OpenAPI). */
function crd(plural: string, kind: string, group: string, cluster: boolean): KObject {
  const version = group === 'crd.projectcalico.org' ? 'v1' : 'v1alpha1';
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: cluster ? 'Cluster' : 'Namespaced',
      versions: [{ name: version, served: true, storage: true }],
    },
    status: {
      acceptedNames: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: [version],
    },
  };
}

export function calicoCrds(): KObject[] {
  return CALICO_CRDS.map(([plural, kind, group, cluster]) => crd(plural, kind, group, cluster));
}

/** names.CIDRToName (libcalico-go): `192.168.217.0/26` → `192-168-217-0-26`. */
export function cidrToName(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/**
 * The default IPv4 pool calico-node creates when none exists (node/pkg/lifecycle/startup/startup.go createIPPool,
 * with the manifest's CALICO_IPV4POOL_IPIP=Always, VXLAN Never, NAT outgoing on, and clientv3's defaults for
 * blockSize, nodeSelector and allowedUses), stored through the KDD backend: its Calico metadata in the
 * `projectcalico.org/metadata` annotation (backend/k8s/resources ConvertCalicoResourceToK8sResource).
 */
export function defaultIpPool(cluster: ResolvedCluster, createdAt: string): KObject {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'IPPool',
    metadata: {
      name: 'default-ipv4-ippool',
      annotations: { 'projectcalico.org/metadata': JSON.stringify({ creationTimestamp: createdAt }) },
      generation: 1,
    },
    spec: {
      allowedUses: ['Workload', 'Tunnel'],
      blockSize: CNI_DEFAULTS.calico.blockPrefix,
      cidr: cluster.podCIDR,
      ipipMode: 'Always',
      natOutgoing: true,
      nodeSelector: 'all()',
      vxlanMode: 'Never',
    },
  };
}

/** The affinity of each node to its block (backend/k8s/resources/ipam_affinity.go: `<node>-<cidr name>`). */
export function blockAffinities(cluster: ResolvedCluster): KObject[] {
  return cluster.nodes.map((n) => ({
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'BlockAffinity',
    metadata: {
      name: `${n.name}-${cidrToName(n.podCIDR)}`,
      annotations: { 'projectcalico.org/metadata': '{"creationTimestamp":null}' },
      generation: 1,
    },
    spec: { cidr: n.podCIDR, deleted: 'false', node: n.name, state: 'confirmed' },
  }));
}
