// A kind cluster shaped like the lesson's front matter: one kind node per lesson node (roles kept, the lesson's
// name as a node label), the lesson's pod and Service CIDRs, and the CNI the lesson names where kind can install it.
import { stringify } from 'yaml';
import type { ClusterSpec, CniModel } from '../../../../core/index.ts';
import { LESSON_NODE_LABEL } from '../node-map.ts';

/** How each CNI model is had on kind: a manifest applied after the cluster starts, or kind's own kindnet. */
export const KIND_CNI: Record<CniModel, { manifest?: string; podCIDR: string; note: string }> = {
  calico: {
    manifest: 'https://raw.githubusercontent.com/projectcalico/calico/v3.28.2/manifests/calico.yaml',
    podCIDR: '192.168.0.0/16',
    note: 'Calico, from its manifest (needs internet access)',
  },
  flannel: { podCIDR: '10.244.0.0/16', note: "kindnet instead of flannel (kind nodes lack flannel's CNI plugin binaries)" },
  kindnet: { podCIDR: '10.244.0.0/16', note: "kind's own kindnet" },
};

/** The kind config (YAML) for a lesson's cluster. */
export function kindConfig(spec: ClusterSpec, name: string): string {
  const cni = KIND_CNI[spec.cni];
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name,
    networking: {
      podSubnet: spec.podCIDR ?? cni.podCIDR,
      serviceSubnet: spec.serviceCIDR ?? '10.96.0.0/12',
      ...(cni.manifest ? { disableDefaultCNI: true } : {}),
    },
    nodes: spec.nodes.map((n) => ({ role: n.role, labels: { [LESSON_NODE_LABEL]: n.name } })),
  });
}
