// Discovery documents (legacy, non-aggregated): /version, /api, /apis and one APIResourceList per group/version.
import { apiVersionOf, RESOURCES, type ResourceType } from '../../core/index.ts';

/** Verbs of a full resource; cluster-scoped Namespaces and Nodes lack deletecollection like the real ones. */
const FULL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION_DELETE = new Set(['namespaces']);

/** Kinds in the `all` category (`kubectl get all`), as the real apiserver lists them. */
const ALL_CATEGORY = new Set(['pods', 'services', 'deployments', 'replicasets', 'daemonsets']);

/** Subresources served per plural: `pods/exec`, `pods/log`, `deployments/scale` …; add one with a row. */
export const SUBRESOURCES: Readonly<
  Record<string, readonly { name: string; kind: string; verbs: string[]; group?: string; version?: string }[]>
> = {
  pods: [
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
  ],
  deployments: [{ name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' }],
  replicasets: [{ name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' }],
};

/** Whether a type is served now (a CRD's kind while its CustomResourceDefinition exists); by default all are. */
export type Served = (t: ResourceType) => boolean;
const ALL: Served = () => true;

/** The group/versions served, in discovery order: core first, then groups by name. */
export function groupVersions(served: Served = ALL): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of RESOURCES.filter(served)) seen.set(apiVersionOf(t), { group: t.group, version: t.version });
  const all = [...seen.values()];
  return [...all.filter((g) => g.group === ''), ...all.filter((g) => g.group !== '').sort((a, b) => a.group.localeCompare(b.group))];
}

/** `GET /version`; gitVersion like `v1.32.0`. */
export function versionInfo(gitVersion: string): Record<string, string> {
  const [major = '1', minor = '32'] = gitVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: /^v\d+\.\d+\.\d+/.test(gitVersion) ? gitVersion : `${gitVersion}.0`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T17:56:56Z',
    goVersion: 'go1.23.3',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`. */
export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(group: string, served: Served): unknown {
  const versions = groupVersions(served)
    .filter((g) => g.group === group)
    .map((g) => ({ groupVersion: `${g.group}/${g.version}`, version: g.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** `GET /apis`: every named group. */
export function apiGroupList(served: Served = ALL): unknown {
  const groups = [
    ...new Set(
      groupVersions(served)
        .map((g) => g.group)
        .filter((g) => g !== ''),
    ),
  ];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupEntry(g, served)) };
}

/** `GET /apis/GROUP`, or undefined when the group is not served. */
export function apiGroup(group: string, served: Served = ALL): unknown {
  if (!groupVersions(served).some((g) => g.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(group, served) as object) };
}

function resourceEntries(t: ResourceType): unknown[] {
  const verbs = NO_COLLECTION_DELETE.has(t.plural) ? FULL_VERBS.filter((v) => v !== 'deletecollection') : FULL_VERBS;
  const main: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs };
  if (t.shortNames.length > 0) main.shortNames = t.shortNames;
  if (ALL_CATEGORY.has(t.plural)) main.categories = ['all'];
  const subs = (SUBRESOURCES[t.plural] ?? []).map((s) => ({
    name: `${t.plural}/${s.name}`,
    singularName: '',
    namespaced: t.namespaced,
    ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
    kind: s.kind,
    verbs: s.verbs,
  }));
  return [main, ...subs];
}

/** `GET /api/v1` or `/apis/GROUP/VERSION`, or undefined when that group/version is not served. */
export function apiResourceList(group: string, version: string, served: Served = ALL): unknown {
  const types = RESOURCES.filter((t) => t.group === group && t.version === version && served(t));
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(resourceEntries),
  };
}
