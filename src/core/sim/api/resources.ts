// The table of resource kinds the simulator serves: names, short names, groups, scope.
// kubectl (sim), the API facade and printers all read this one table.

export interface ResourceType {
  kind: string;
  /** Plural, lower-case: "pods". */
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for core/v1. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Served only while its CustomResourceDefinition (`plural.group`) exists: a CNI's own kinds (Calico's IPPool). */
  crd?: boolean;
}

export const RESOURCES: readonly ResourceType[] = [
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false },
  { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false },
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true },
  { kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], group: '', version: 'v1', namespaced: true },
  { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], group: '', version: 'v1', namespaced: true },
  { kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], group: '', version: 'v1', namespaced: true },
  { kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], group: '', version: 'v1', namespaced: true },
  {
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    group: 'apps',
    version: 'v1',
    namespaced: true,
  },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], group: 'apps', version: 'v1', namespaced: true },
  {
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    shortNames: [],
    group: 'discovery.k8s.io',
    version: 'v1',
    namespaced: true,
  },
  {
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    shortNames: ['netpol'],
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
  },
  // CRDs of kubernetes-sigs/network-policy-api (apis/v1alpha1: "+kubebuilder:resource:shortName=anp,scope=Cluster").
  {
    kind: 'AdminNetworkPolicy',
    plural: 'adminnetworkpolicies',
    singular: 'adminnetworkpolicy',
    shortNames: ['anp'],
    group: 'policy.networking.k8s.io',
    version: 'v1alpha1',
    namespaced: false,
  },
  {
    kind: 'BaselineAdminNetworkPolicy',
    plural: 'baselineadminnetworkpolicies',
    singular: 'baselineadminnetworkpolicy',
    shortNames: ['banp'],
    group: 'policy.networking.k8s.io',
    version: 'v1alpha1',
    namespaced: false,
  },
  {
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    shortNames: ['crd', 'crds'],
    group: 'apiextensions.k8s.io',
    version: 'v1',
    namespaced: false,
  },
  // Calico's CRDs (projectcalico/calico manifests, v3.29): present on a Calico cluster only.
  {
    kind: 'IPPool',
    plural: 'ippools',
    singular: 'ippool',
    shortNames: [],
    group: 'crd.projectcalico.org',
    version: 'v1',
    namespaced: false,
    crd: true,
  },
  {
    kind: 'BlockAffinity',
    plural: 'blockaffinities',
    singular: 'blockaffinity',
    shortNames: [],
    group: 'crd.projectcalico.org',
    version: 'v1',
    namespaced: false,
    crd: true,
  },
];

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** "pods", "deployments.apps": the name the apiserver uses in messages such as `deployments.apps "x" not found`. */
export function qualifiedPlural(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** "pod", "deployment.apps": the prefix of kubectl's `deployment.apps/web created`. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** Find a resource type by what a user may type: kind, plural, singular, short name, or `plural.group`; case-insensitive. */
export function lookupResource(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  return RESOURCES.find(
    (t) =>
      t.kind.toLowerCase() === w ||
      t.plural === w ||
      t.singular === w ||
      t.shortNames.includes(w) ||
      qualifiedPlural(t) === w ||
      qualifiedSingular(t) === w,
  );
}

export function resourceForKind(kind: string, apiVersion?: string): ResourceType | undefined {
  return RESOURCES.find((t) => t.kind === kind && (apiVersion === undefined || apiVersionOf(t) === apiVersion));
}
