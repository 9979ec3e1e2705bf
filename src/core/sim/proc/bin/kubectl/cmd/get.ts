// `kubectl get`: tables (server-side columns, tabwriter layout), -o json|yaml|name|jsonpath|custom-columns, -w.
import type { KubectlCommand } from '../command.ts';
import type { ApiStatus } from '../../../../api/api.ts';
import { plainError, serverError } from '../errors.ts';
import { fetchInfos, type Info } from '../fetch.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { parseOutput, printGeneric } from '../output/index.ts';
import { relaxedPath, evalSteps } from '../output/jsonpath.ts';
import { humanRows, type HumanOptions } from '../../../../api/printers/index.ts';
import { resolveArgs, servedBy } from '../resolve.ts';
import { TabWriter } from '../tabwriter.ts';
import { watchRows } from './get-watch.ts';
import { readObjectsFromFlags } from '../apply/read.ts';
import { FILENAME_FLAGS } from './shared-flags.ts';

function sortObjects(infos: Info[], sortBy: string): string | undefined {
  let steps;
  try {
    steps = relaxedPath(sortBy);
  } catch (e: unknown) {
    return e instanceof Error ? e.message : String(e);
  }
  for (const info of infos) {
    const key = (o: unknown) => evalSteps([o], steps)[0];
    info.objects.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x ?? '') < String(y ?? '') ? -1 : String(x ?? '') > String(y ?? '') ? 1 : 0;
    });
  }
  return undefined;
}

function run(k: Kube, f: Flags): number {
  const files = f.list('filename');
  if (f.args.length === 0 && files.length === 0) {
    k.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    return k.usageError(
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  const out = parseOutput(f.str('output'));
  if (!out.ok) return k.fail(out.error);
  const format = out.format;
  const allNamespaces = f.bool('all-namespaces');

  let infos: Info[];
  let errors: ApiStatus[];
  let readErrors: string[] = [];
  let singleItem = false;
  if (files.length > 0) {
    const read = readObjectsFromFlags(k, f);
    if (!read.ok) return k.fail(read.error);
    const requests = read.items.map((it) => ({ type: it.type, names: [it.object.metadata.name] }));
    const r = fetchInfos(k, requests, { allNamespaces, selector: '', fieldSelector: '' });
    if (!r.ok) return k.fail(r.error);
    ({ infos, errors } = r);
    readErrors = read.errors;
    singleItem = read.items.length === 1;
  } else {
    const resolved = resolveArgs(f.args, servedBy(k.api));
    if (!resolved.ok) return k.fail(resolved.error);
    const r = fetchInfos(k, resolved.requests, {
      allNamespaces,
      selector: f.str('selector'),
      fieldSelector: f.str('field-selector'),
    });
    if (!r.ok) return k.fail(r.error);
    ({ infos, errors } = r);
    singleItem = resolved.requests.length === 1 && resolved.requests[0].names.length === 1;
  }
  if (f.bool('ignore-not-found')) errors = errors.filter((e) => e.reason !== 'NotFound');
  if (f.has('sort-by')) {
    const err = sortObjects(infos, f.str('sort-by'));
    if (err) return k.fail(err);
  }

  const printErrors = (): number => {
    for (const e of errors) k.err(serverError(e) + '\n');
    for (const e of readErrors) k.err(plainError(e) + '\n');
    return errors.length || readErrors.length ? 1 : 0;
  };

  if (format.kind !== 'human') {
    if (singleItem && errors.length) return printErrors();
    const objects = infos.flatMap((i) => i.objects);
    const r = printGeneric(format, objects, singleItem, f.bool('no-headers'), f.bool('show-managed-fields'));
    if (!r.ok) return k.fail(r.error);
    k.out(r.text);
    return printErrors();
  }

  const kinds = new Set(infos.map((i) => i.type.kind));
  const opts: HumanOptions = {
    wide: format.wide,
    withNamespace: allNamespaces,
    withKind: kinds.size > 1 || f.bool('show-kind'),
    showLabels: f.bool('show-labels'),
    noHeaders: f.bool('no-headers'),
    labelColumns: f.list('label-columns'),
  };
  const tw = new TabWriter({ rememberWidths: f.bool('watch') });
  let written = '';
  let lastKind = '';
  for (const info of infos) {
    if (info.objects.length === 0) continue;
    if (info.type.kind !== lastKind) {
      const chunk = tw.flush();
      written += chunk;
      if (lastKind && !opts.noHeaders && written) written += '\n';
      tw.resetWidths();
      tw.write(humanRows(info.type.kind, info.objects, k.now(), opts).join('\n') + '\n');
      lastKind = info.type.kind;
    } else {
      tw.write(humanRows(info.type.kind, info.objects, k.now(), { ...opts, noHeaders: true }).join('\n') + '\n');
    }
  }
  written += tw.flush();
  k.out(written);
  const allNamespaced = !allNamespaces && infos.every((i) => i.type.namespaced);
  if (!written && errors.length === 0 && !f.bool('ignore-not-found') && !f.bool('watch')) {
    k.err(allNamespaced ? `No resources found in ${k.namespace} namespace.\n` : 'No resources found\n');
  }
  const code = printErrors();
  if (f.bool('watch') && code === 0 && infos.length === 1) {
    return watchRows(k, infos[0], tw, opts, written !== '', f.str('selector'));
  }
  return code;
}

export const getCommand: KubectlCommand = {
  name: 'get',
  group: 'Basic Commands (Intermediate):',
  short: 'Display one or many resources',
  long: 'Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.',
  usage:
    'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  examples: [
    '# List all pods in ps output format',
    'kubectl get pods',
    '',
    '# List all pods in ps output format with more information (such as node name)',
    'kubectl get pods -o wide',
    '',
    '# List a single pod in JSON output format',
    'kubectl get -o json pod web-pod-13je7',
    '',
    '# Return only the phase value of the specified pod',
    'kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}',
    '',
    '# List all replication controllers and services together in ps output format',
    'kubectl get rc,services',
  ],
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: 'false',
      help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: "''",
      help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: "''",
      help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    {
      name: 'field-selector',
      type: 'string',
      default: "''",
      help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    { name: 'watch', short: 'w', type: 'bool', default: 'false', help: 'After listing/getting the requested object, watch for changes.' },
    {
      name: 'watch-only',
      type: 'bool',
      default: 'false',
      help: 'Watch for changes to the requested object(s), without listing/getting first.',
    },
    {
      name: 'show-labels',
      type: 'bool',
      default: 'false',
      help: 'When printing, show all labels as the last column (default hide labels column)',
    },
    { name: 'show-kind', type: 'bool', default: 'false', help: 'If present, list the resource type for the requested object(s).' },
    {
      name: 'show-managed-fields',
      type: 'bool',
      default: 'false',
      help: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
    },
    {
      name: 'label-columns',
      short: 'L',
      type: 'stringSlice',
      default: '[]',
      help: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
    },
    {
      name: 'no-headers',
      type: 'bool',
      default: 'false',
      help: "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    {
      name: 'ignore-not-found',
      type: 'bool',
      default: 'false',
      help: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.',
    },
    {
      name: 'sort-by',
      type: 'string',
      default: "''",
      help: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}').",
    },
    { name: 'chunk-size', type: 'int', default: '500', help: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
    ...FILENAME_FLAGS,
  ],
  run,
};
