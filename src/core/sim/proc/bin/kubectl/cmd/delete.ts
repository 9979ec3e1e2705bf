// `kubectl delete`: by type and names, -f files, -l selector or --all; graceful by default, then waits until gone.
import type { ApiStatus } from '../../../../api/api.ts';
import type { ResourceType } from '../../../../api/resources.ts';
import { readObjectsFromFlags } from '../apply/read.ts';
import type { KubectlCommand } from '../command.ts';
import { plainError, serverError, withSource } from '../errors.ts';
import { fetchInfos } from '../fetch.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { refFor, resolveArgs } from '../resolve.ts';
import { waitUntil } from '../wait-util.ts';
import { placeInNamespace } from './apply.ts';
import { DRY_RUN_FLAG, dryRunStrategy, FILENAME_FLAGS } from './shared-flags.ts';

interface Target {
  type: ResourceType;
  name: string;
  namespace: string;
  source?: string;
}

const USAGE =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function kindString(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

function targets(k: Kube, f: Flags): { ok: true; list: Target[]; errors: string[] } | { ok: false; error: string } {
  if (f.list('filename').length) {
    const read = readObjectsFromFlags(k, f);
    if (!read.ok) return read;
    const list: Target[] = [];
    for (const item of read.items) {
      const e = placeInNamespace(k, item);
      if (e) return { ok: false, error: e };
      list.push({
        type: item.type,
        name: item.object.metadata.name,
        namespace: item.object.metadata.namespace ?? k.namespace,
        source: item.source,
      });
    }
    return { ok: true, list, errors: read.errors };
  }
  if (f.args.length === 0) return { ok: false, error: USAGE };
  const resolved = resolveArgs(f.args);
  if (!resolved.ok) return resolved;
  const bySelector = f.bool('all') || f.has('selector') || f.has('field-selector');
  const list: Target[] = [];
  for (const req of resolved.requests) {
    if (req.names.length) {
      for (const name of req.names) list.push({ type: req.type, name, namespace: k.namespace });
      continue;
    }
    if (!bySelector) return { ok: false, error: 'resource(s) were provided, but no name was specified' };
    const r = fetchInfos(k, [req], {
      allNamespaces: f.bool('all-namespaces'),
      selector: f.str('selector'),
      fieldSelector: f.str('field-selector'),
    });
    if (!r.ok) return r;
    for (const o of r.infos.flatMap((i) => i.objects))
      list.push({ type: req.type, name: o.metadata.name, namespace: o.metadata.namespace ?? k.namespace });
  }
  return { ok: true, list, errors: [] };
}

function run(k: Kube, f: Flags): number {
  const output = f.str('output');
  if (output !== '' && output !== 'name') return k.fail(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (f.bool('all') && f.has('selector')) return k.fail('cannot set --all and --selector at the same time');
  let grace = f.int('grace-period', -1);
  const force = f.bool('force');
  if (f.bool('now')) {
    if (grace !== -1) return k.fail('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dry = dryRunStrategy(f.str('dry-run'), f.has('dry-run'));
  if (!dry.ok) return k.fail(dry.error);
  if (grace === 0 && force) {
    k.err(
      'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  } else if (grace > 0 && force) return k.fail('--force and --grace-period greater than 0 cannot be specified together');

  const t = targets(k, f);
  if (!t.ok) return k.fail(t.error);
  const ignoreNotFound = f.has('ignore-not-found')
    ? f.bool('ignore-not-found')
    : f.bool('all') || f.has('selector') || f.has('field-selector');
  const errors: string[] = t.errors.map(plainError);
  const deleted: { target: Target; uid?: string }[] = [];
  for (const target of t.list) {
    const ref = refFor(target.type, target.name, target.namespace);
    let result: { ok: true; uid?: string } | { ok: false; status: ApiStatus };
    if (dry.mode === 'client') {
      const g = k.api.get(ref);
      result = g.ok ? { ok: true, uid: g.object.metadata.uid } : { ok: false, status: g.status };
    } else {
      const r = k.api.delete(ref, {
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        propagationPolicy: cascade(f.str('cascade', 'background')),
        dryRun: dry.mode === 'server',
      });
      result = r.ok ? { ok: true, uid: r.object.metadata.uid } : { ok: false, status: r.status };
    }
    if (!result.ok) {
      if (ignoreNotFound && result.status.reason === 'NotFound') continue;
      errors.push(serverError(withSource(result.status, 'deleting', target.source)));
      continue;
    }
    deleted.push({ target, uid: result.uid });
    if (output === 'name') k.out(`${kindString(target.type)}/${target.name}\n`);
    else {
      let op = grace === 0 ? 'force deleted' : 'deleted';
      if (dry.mode === 'client') op += ' (dry run)';
      if (dry.mode === 'server') op += ' (server dry run)';
      k.out(`${kindString(target.type)} "${target.name}" ${op}\n`);
    }
  }
  if (errors.length) {
    for (const e of errors) k.err(e + '\n');
    return 1;
  }
  if (deleted.length === 0) {
    k.out('No resources found\n');
    return 0;
  }
  if (!f.bool('wait', true) || dry.mode !== 'none') return 0;
  const gone = () =>
    deleted.every(({ target, uid }) => {
      const g = k.api.get(refFor(target.type, target.name, target.namespace));
      return !g.ok || g.object.metadata.uid !== uid;
    });
  const outcome = waitUntil(k, f.duration('timeout', 0), gone);
  if (outcome === 'timeout') {
    const left = deleted.find(({ target }) => k.api.get(refFor(target.type, target.name, target.namespace)).ok);
    const what = left ? `${left.target.type.plural}/${left.target.name}` : '';
    return k.fail(`timed out waiting for the condition on ${what}`);
  }
  return 0;
}

function cascade(v: string): 'Background' | 'Foreground' | 'Orphan' {
  if (v === 'orphan' || v === 'false') return 'Orphan';
  if (v === 'foreground') return 'Foreground';
  return 'Background';
}

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  group: 'Basic Commands (Intermediate):',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.',
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [flags] [options]',
  examples: [
    '# Delete a pod using the type and name specified in pod.json',
    'kubectl delete -f ./pod.json',
    '',
    '# Delete pods and services with same names "baz" and "foo"',
    'kubectl delete pod,service baz foo',
    '',
    '# Delete pods and services with label name=myLabel',
    'kubectl delete pods,services -l name=myLabel',
    '',
    '# Delete a pod with minimal delay',
    'kubectl delete pod foo --now',
    '',
    '# Force delete a pod on a dead node',
    'kubectl delete pod foo --force',
  ],
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    { name: 'all', type: 'bool', default: 'false', help: 'Delete all resources, in the namespace of the specified resource types.' },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: 'false',
      help: 'If present, list the requested object(s) across all namespaces.',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: "''",
      help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.",
    },
    { name: 'field-selector', type: 'string', default: "''", help: "Selector (field query) to filter on, supports '=', '==', and '!='." },
    {
      name: 'grace-period',
      type: 'int',
      default: '-1',
      help: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    },
    {
      name: 'force',
      type: 'bool',
      default: 'false',
      help: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    {
      name: 'now',
      type: 'bool',
      default: 'false',
      help: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
    },
    {
      name: 'wait',
      type: 'bool',
      default: 'true',
      help: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      help: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    },
    {
      name: 'ignore-not-found',
      type: 'bool',
      default: 'false',
      help: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
    },
    {
      name: 'cascade',
      type: 'string',
      default: "'background'",
      noOptDefVal: 'background',
      help: 'Must be "background", "orphan", or "foreground". Defaults to background.',
    },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  ],
  run,
};
