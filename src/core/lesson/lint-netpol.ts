// Lint: a NetworkPolicy whose podSelector selects no pod the lesson creates in its namespace (a typo in a label
// usually: the policy then isolates nothing, and the lesson's checks pass or fail for another reason).
import { parseAllDocuments } from 'yaml';
import type { Diagnostic, SourcePos } from '../errors.ts';
import { isManifestFile } from './created-names.ts';
import type { Lesson } from './model.ts';
import { shellWords } from '../shell-words.ts';
import { flagValue } from './flag-value.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Found {
  /** Labels of pods (and of workloads' pod templates) per namespace; `undefined` labels: not known (kubectl run). */
  pods: Map<string, (Record<string, string> | undefined)[]>;
  policies: { namespace: string; name: string; selector: Selector; pos: SourcePos }[];
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

function matches(sel: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    const ok =
      r.operator === 'In'
        ? has && (r.values ?? []).includes(v)
        : r.operator === 'NotIn'
          ? !has || !(r.values ?? []).includes(v)
          : r.operator === 'Exists'
            ? has
            : r.operator === 'DoesNotExist'
              ? !has
              : true;
    if (!ok) return false;
  }
  return true;
}

function collect(found: Found, text: string, pos: SourcePos): void {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const v: unknown = doc.toJS();
    const items = isObj(v) && v.kind === 'List' && Array.isArray(v.items) ? v.items : [v];
    for (const o of items) {
      if (!isObj(o) || !isObj(o.metadata)) continue;
      const ns = typeof o.metadata.namespace === 'string' ? o.metadata.namespace : 'default';
      const list = found.pods.get(ns) ?? [];
      found.pods.set(ns, list);
      if (o.kind === 'Pod') list.push(isObj(o.metadata.labels) ? (o.metadata.labels as Record<string, string>) : {});
      else if (typeof o.kind === 'string' && WORKLOADS.has(o.kind)) {
        const t = isObj(o.spec) && isObj(o.spec.template) && isObj(o.spec.template.metadata) ? o.spec.template.metadata.labels : undefined;
        list.push(isObj(t) ? (t as Record<string, string>) : undefined);
      } else if (o.kind === 'NetworkPolicy' && typeof o.metadata.name === 'string') {
        const sel = isObj(o.spec) && isObj(o.spec.podSelector) ? (o.spec.podSelector as Selector) : {};
        found.policies.push({ namespace: ns, name: o.metadata.name, selector: sel, pos });
      }
    }
  }
}

/** Warn about each policy that selects none of the pods the lesson creates in its namespace. */
export function policySelectsNothing(lesson: Lesson): Diagnostic[] {
  const found: Found = { pods: new Map(), policies: [] };
  for (const step of lesson.cluster.setup) collect(found, step.manifests, step.pos);
  for (const cell of lesson.cells) {
    if (cell.kind === 'file' && isManifestFile(cell)) collect(found, cell.content, cell.pos);
    if (cell.kind !== 'run') continue;
    for (const line of cell.lines) {
      for (const words of shellWords(line).commands) {
        // kubectl run / create deployment make pods whose labels lint does not follow: treat them as unknown.
        if (words[0] === 'kubectl' && (words[1] === 'run' || (words[1] === 'create' && /^deploy/.test(words[2] ?? '')))) {
          const ns = flagValue(words, '-n', '--namespace') ?? 'default';
          found.pods.set(ns, [...(found.pods.get(ns) ?? []), undefined]);
        }
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const p of found.policies) {
    const pods = found.pods.get(p.namespace) ?? [];
    if (pods.some((l) => l === undefined || matches(p.selector, l))) continue;
    out.push({
      severity: 'warning',
      code: 'lint-policy-selects-nothing',
      message: `NetworkPolicy ${p.namespace}/${p.name} selects no pod the lesson creates in namespace ${p.namespace}: it isolates nothing`,
      pos: p.pos,
    });
  }
  return out;
}
