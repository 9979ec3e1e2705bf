// `kubectl wait --for=condition=Ready|delete|jsonpath=... TYPE/NAME | -l sel`: step simulated time until it holds.
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import { fetchInfos } from '../fetch.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { evalSteps, relaxedPath, resultText } from '../output/jsonpath.ts';
import { kindPrefix } from '../../../../api/printers/index.ts';
import { refFor, resolveArgs } from '../resolve.ts';
import { waitUntil } from '../wait-util.ts';

type Condition =
  { kind: 'delete' } | { kind: 'condition'; type: string; status: string } | { kind: 'jsonpath'; path: string; value?: string };

function parseFor(text: string): Condition | string {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const [type, status] = rest.split('=');
    return { kind: 'condition', type, status: status ?? 'True' };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const m = /^(\{[^}]*\}|[^=]+)(?:=(.*))?$/.exec(rest);
    if (!m) return `unrecognized condition: "${text}"`;
    return { kind: 'jsonpath', path: m[1], value: m[2] };
  }
  return `unrecognized condition: "${text}"`;
}

function holds(obj: KObject, c: Condition): boolean {
  if (c.kind === 'condition') {
    const conds = (obj.status?.conditions ?? []) as { type: string; status: string }[];
    const found = conds.find((x) => x.type.toLowerCase() === c.type.toLowerCase());
    return !!found && found.status.toLowerCase() === c.status.toLowerCase();
  }
  if (c.kind === 'jsonpath') {
    const vals = evalSteps([obj], relaxedPath(c.path));
    if (vals.length === 0) return false;
    return c.value === undefined ? true : resultText(vals[0]) === c.value;
  }
  return false;
}

function run(k: Kube, f: Flags): number {
  if (!f.has('for')) return k.fail('--for must be specified');
  const cond = parseFor(f.str('for'));
  if (typeof cond === 'string') return k.fail(cond);
  if (f.args.length === 0 && !f.list('filename').length) {
    return k.usageError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const resolved = resolveArgs(f.args);
  if (!resolved.ok) return k.fail(resolved.error);
  const r = fetchInfos(k, resolved.requests, {
    allNamespaces: f.bool('all-namespaces'),
    selector: f.str('selector'),
    fieldSelector: f.str('field-selector'),
  });
  if (!r.ok) return k.fail(r.error);
  const timeout = f.duration('timeout', 30_000);
  const isDelete = cond.kind === 'delete';
  const errors = isDelete ? r.errors.filter((e) => e.reason !== 'NotFound') : r.errors;
  let visited = 0;
  for (const info of r.infos) {
    for (const obj of info.objects) {
      visited++;
      const ref = refFor(info.type, obj.metadata.name, obj.metadata.namespace ?? k.namespace);
      const check = () => {
        const g = k.api.get(ref);
        if (isDelete) return !g.ok || g.object.metadata.uid !== obj.metadata.uid;
        return g.ok && holds(g.object, cond);
      };
      const outcome = timeout <= 0 ? (check() ? 'met' : 'timeout') : waitUntil(k, timeout, check);
      if (outcome === 'budget') return 0;
      if (outcome === 'timeout') {
        for (const e of errors) k.failStatus(e);
        return k.fail(`timed out waiting for the condition on ${info.type.plural}/${obj.metadata.name}`);
      }
      k.out(`${kindPrefix(obj.kind)}/${obj.metadata.name} condition met\n`);
    }
  }
  for (const e of errors) k.failStatus(e);
  if (errors.length) return 1;
  if (visited === 0 && !isDelete) return k.fail('no matching resources found');
  return 0;
}

export const waitCommand: KubectlCommand = {
  name: 'wait',
  group: 'Advanced Commands:',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
  usage:
    "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  examples: [
    '# Wait for the pod "busybox1" to contain the status condition of type "Ready"',
    'kubectl wait --for=condition=Ready pod/busybox1',
    '',
    '# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command',
    'kubectl delete pod/busybox1',
    'kubectl wait --for=delete pod/busybox1 --timeout=60s',
  ],
  flags: [
    {
      name: 'for',
      type: 'string',
      default: "''",
      help: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].",
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '30s',
      help: "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.",
    },
    { name: 'selector', short: 'l', type: 'string', default: "''", help: 'Selector (label query) to filter on.' },
    { name: 'field-selector', type: 'string', default: "''", help: 'Selector (field query) to filter on.' },
    { name: 'all', type: 'bool', default: 'false', help: 'Select all resources in the namespace of the specified resource types' },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: 'false',
      help: 'If present, list the requested object(s) across all namespaces.',
    },
    { name: 'filename', short: 'f', type: 'stringSlice', default: '[]', help: 'identifying the resource.' },
  ],
  run,
};
