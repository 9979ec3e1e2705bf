// Object references in checks: `svc/web`, `deploy/api`, `kube-system/deploy/coredns`, and label selectors `app=api`.
import type { ObjectKind } from './model.ts';

/** kubectl's names for the kinds checks know (singular, plural, short), as `kubectl api-resources` lists them. */
export const OBJECT_KINDS: Readonly<Record<string, ObjectKind>> = {
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  service: 'service',
  services: 'service',
  svc: 'service',
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  replicaset: 'replicaset',
  replicasets: 'replicaset',
  rs: 'replicaset',
  node: 'node',
  nodes: 'node',
  no: 'node',
};

/** A named object: `KIND/NAME` or `NAMESPACE/KIND/NAME`. */
export interface ObjectRef {
  resource: ObjectKind;
  name: string;
  namespace?: string;
}

/** A label selector: `app=api`, `app=api,tier=web`, `NAMESPACE/app=api` (equality terms only). */
export interface LabelRef {
  labels: Record<string, string>;
  namespace?: string;
}

const NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?)?$/;

/** `KIND/NAME` or `NS/KIND/NAME` with a known kind, else undefined (so `ns/pod` stays a pod). */
export function parseObjectRef(word: string): ObjectRef | undefined {
  const parts = word.split('/');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [namespace, kind, name] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const resource = OBJECT_KINDS[kind.toLowerCase()];
  if (!resource || !NAME.test(name) || (namespace !== undefined && !NAME.test(namespace))) return undefined;
  if (resource === 'node' && namespace !== undefined) return undefined;
  return { resource, name, namespace };
}

/** `key=value[,key=value…]`, optionally after `NAMESPACE/`; undefined when the word has no `=`. */
export function parseLabelRef(word: string): LabelRef | { error: string } | undefined {
  if (!word.includes('=')) return undefined;
  const slash = word.indexOf('/');
  const eq = word.indexOf('=');
  // A '/' before the first '=' may be a namespace or a label key's prefix (example.com/tier=web); a namespace
  // has no dot, a key prefix is a DNS subdomain: `ns/app=api` is namespaced, `example.com/tier=web` is not.
  const nsPart = slash >= 0 && slash < eq && !word.slice(0, slash).includes('.') ? word.slice(0, slash) : undefined;
  const body = nsPart === undefined ? word : word.slice(slash + 1);
  if (nsPart !== undefined && !NAME.test(nsPart)) return { error: `'${nsPart}' is not a namespace name` };
  const labels: Record<string, string> = {};
  for (const term of body.split(',')) {
    const m = /^([^=!]+)==?([^=]*)$/.exec(term);
    if (!m || !LABEL_KEY.test(m[1]) || !LABEL_VALUE.test(m[2])) return { error: `'${term}' is not a label term key=value` };
    labels[m[1]] = m[2];
  }
  return { labels, namespace: nsPart };
}

/** The word as kubectl would print the selector: `app=api,tier=web`. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** A short, stable name for a ref in messages: `deployment/api`, `kube-system/service/dns`. */
export function refLabel(ref: ObjectRef): string {
  return `${ref.namespace ? `${ref.namespace}/` : ''}${ref.resource}/${ref.name}`;
}
