// Resource arguments as kubectl reads them: `pods`, `pods,svc x y`, `pod/x deploy/y`, `all`, and where to look.
import { lookupResource, RESOURCES, type ResourceType } from '../../../api/resources.ts';
import type { Api, ObjectRef } from '../../../api/api.ts';

/** One requested resource type with the names asked for (none = list them). */
export interface TypeRequest {
  type: ResourceType;
  names: string[];
}

export type ResolveResult = { ok: true; requests: TypeRequest[] } | { ok: false; error: string };

/** The kinds `kubectl get all` lists, in kubectl's order (the "all" category). */
const ALL_CATEGORY = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob'];

/** Whether the cluster serves a type (a CRD's kind only while its CustomResourceDefinition exists); absent: all are. */
export type Served = (t: ResourceType) => boolean;

/** What discovery tells kubectl: a CRD's kind is served while its CustomResourceDefinition exists. */
export function servedBy(api: Api): Served {
  return (t) => !t.crd || api.get({ kind: 'CustomResourceDefinition', name: `${t.plural}.${t.group}` }).ok;
}

/** Resolve a word (`po`, `pods`, `deployment.apps`) to a type, or kubectl's error text. */
export function resolveType(word: string, served?: Served): { ok: true; types: ResourceType[] } | { ok: false; error: string } {
  if (word === 'all') {
    const types = ALL_CATEGORY.map((k) => RESOURCES.find((t) => t.kind === k)).filter((t): t is ResourceType => !!t);
    return { ok: true, types };
  }
  // `pods.v1.` / `deployments.v1.apps`: drop the version part
  const t = lookupResource(word) ?? lookupResource(word.replace(/\.v1(\.|$)/, '$1').replace(/\.$/, ''));
  if (!t || (served && !served(t))) return { ok: false, error: `the server doesn't have a resource type "${word.split('/')[0]}"` };
  return { ok: true, types: [t] };
}

/**
 * cli-runtime's ResourceTypeOrNameArgs: either `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME ...`.
 * Consecutive TYPE/NAME args of the same type are grouped, keeping order.
 */
export function resolveArgs(args: string[], served?: Served): ResolveResult {
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      return {
        ok: false,
        error:
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      };
    }
    const requests: TypeRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const typeWord = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) return { ok: false, error: `arguments in resource/name form must have a single resource and name` };
      const r = resolveType(typeWord, served);
      if (!r.ok) return r;
      const type = r.types[0];
      const last = requests[requests.length - 1];
      if (last && last.type === type) last.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return { ok: true, requests };
  }
  const [first, ...names] = args;
  const requests: TypeRequest[] = [];
  for (const word of first.split(',').filter(Boolean)) {
    const r = resolveType(word, served);
    if (!r.ok) return r;
    for (const type of r.types) requests.push({ type, names: [...names] });
  }
  return { ok: true, requests };
}

/** The ObjectRef for a name of a type, in a namespace when the type is namespaced. */
export function refFor(type: ResourceType, name: string, namespace: string): ObjectRef {
  return type.namespaced ? { kind: type.kind, namespace, name } : { kind: type.kind, name };
}
