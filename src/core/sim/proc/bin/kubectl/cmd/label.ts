// `kubectl label TYPE NAME k=v [k2-] [--overwrite]`: a merge patch of metadata.labels; labeled / unlabeled / not labeled.
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import { fetchInfos } from '../fetch.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { resolveArgs } from '../resolve.ts';
import { printOperation } from './print-result.ts';

/** Split args into resources and label changes (`k=v` adds, `k-` removes). */
function splitArgs(args: string[]): { resources: string[]; add: [string, string][]; remove: string[] } | string {
  const resources: string[] = [];
  const add: [string, string][] = [];
  const remove: string[] = [];
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      const key = a.slice(0, i);
      const value = a.slice(i + 1);
      if (!key) return `invalid label spec: ${a}`;
      if (add.some(([k2]) => k2 === key)) return `can not modify the same label key "${key}" more than once`;
      add.push([key, value]);
    } else if (a.endsWith('-')) remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, add, remove };
}

function run(k: Kube, f: Flags): number {
  const split = splitArgs(f.args);
  if (typeof split === 'string') return k.fail(split);
  if (split.add.length === 0 && split.remove.length === 0) return k.usageError('at least one label update is required');
  if (split.resources.length === 0)
    return k.usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const resolved = resolveArgs(split.resources);
  if (!resolved.ok) return k.fail(resolved.error);
  const bySelector = f.bool('all') || f.has('selector');
  if (!bySelector && resolved.requests.some((r) => r.names.length === 0))
    return k.fail('resource(s) were provided, but no name was specified');
  const r = fetchInfos(k, resolved.requests, { allNamespaces: f.bool('all-namespaces'), selector: f.str('selector'), fieldSelector: '' });
  if (!r.ok) return k.fail(r.error);
  let code = 0;
  for (const obj of r.infos.flatMap((i) => i.objects)) {
    const res = labelOne(k, f, obj, split.add, split.remove);
    if (res !== 0) code = res;
  }
  for (const e of r.errors) code = k.failStatus(e);
  return code;
}

function labelOne(k: Kube, f: Flags, obj: KObject, add: [string, string][], remove: string[]): number {
  const old = { ...(obj.metadata.labels ?? {}) };
  const overwrite = f.bool('overwrite');
  if (!overwrite) {
    for (const [key, value] of add) {
      if (key in old && old[key] !== value) return k.fail(`'${key}' already has a value (${old[key]}), and --overwrite is false`);
    }
  }
  const next = { ...old };
  for (const [key, value] of add) next[key] = value;
  for (const key of remove) {
    if (!(key in next)) k.out(`label "${key}" not found.\n`);
    delete next[key];
  }
  const changed = JSON.stringify(old) !== JSON.stringify(next);
  let msg = 'not labeled';
  if (changed) msg = !overwrite && Object.keys(next).length < Object.keys(old).length ? 'unlabeled' : 'labeled';
  if (changed && !f.has('dry-run')) {
    const patch: Record<string, string | null> = {};
    for (const [key, value] of add) patch[key] = value;
    for (const key of remove) patch[key] = null;
    const p = k.api.patch(
      { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name },
      { metadata: { labels: patch } },
      'merge',
      { fieldManager: 'kubectl-label' },
    );
    if (!p.ok) return k.failStatus(p.status);
    obj = p.object;
  }
  printOperation(k, obj, msg, f.str('output'));
  return 0;
}

export const labelCommand: KubectlCommand = {
  name: 'label',
  group: 'Basic Commands (Intermediate):',
  short: 'Update the labels on a resource',
  long: 'Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
  usage: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  examples: [
    "# Update pod 'foo' with the label 'unhealthy' and the value 'true'",
    'kubectl label pods foo unhealthy=true',
    '',
    "# Update pod 'foo' by removing a label named 'bar' if it exists",
    'kubectl label pods foo bar-',
  ],
  flags: [
    {
      name: 'overwrite',
      type: 'bool',
      default: 'false',
      help: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
    },
    { name: 'all', type: 'bool', default: 'false', help: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: 'false', help: 'If true, check the specified action in all namespaces.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", help: 'Selector (label query) to filter on.' },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (json, yaml, name).' },
    { name: 'dry-run', type: 'string', default: "'none'", noOptDefVal: 'unchanged', help: 'Must be "none", "server", or "client".' },
  ],
  run,
};
