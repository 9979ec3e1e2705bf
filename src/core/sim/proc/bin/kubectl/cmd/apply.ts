// `kubectl apply -f`: client-side apply with the last-applied annotation: created / configured / unchanged.
import type { ApiStatus } from '../../../../api/api.ts';
import { qualifiedPlural } from '../../../../api/resources.ts';
import { readObjectsFromFlags, type ManifestItem } from '../apply/read.ts';
import { lastApplied, withLastApplied } from '../apply/last-applied.ts';
import { threeWayPatch } from '../apply/three-way.ts';
import type { KubectlCommand } from '../command.ts';
import { plainError, serverError, withSource } from '../errors.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { refFor } from '../resolve.ts';
import { checkMutationOutput, printOperation, printWarnings, type DryRun } from './print-result.ts';
import { DRY_RUN_FLAG, dryRunStrategy, FILENAME_FLAGS, OUTPUT_FLAG } from './shared-flags.ts';
import { fieldValidation, VALIDATE_FLAG } from './validate.ts';

/** Set the object's namespace the way kubectl's builder does; an error text on a -n mismatch. */
export function placeInNamespace(k: Kube, item: ManifestItem): string | undefined {
  if (!item.type.namespaced) return undefined;
  const own = item.object.metadata.namespace;
  if (own && k.explicitNamespace && own !== k.namespace) {
    return `the namespace from the provided object "${own}" does not match the namespace "${k.namespace}". You must pass '--namespace=${own}' to perform this operation.`;
  }
  item.object.metadata.namespace = own || k.namespace;
  return undefined;
}

function applyOne(k: Kube, item: ManifestItem, f: Flags, dry: DryRun): string | undefined {
  const nsErr = placeInNamespace(k, item);
  if (nsErr) return plainError(nsErr);
  const obj = item.object;
  const modified = withLastApplied(obj);
  const ref = refFor(item.type, obj.metadata.name, obj.metadata.namespace ?? k.namespace);
  const output = f.str('output');
  const validation = fieldValidation(f);
  const live = k.api.get(ref);
  if (!live.ok) {
    if (live.status.reason !== 'NotFound') return serverError(withSource(live.status, 'retrieving current configuration of', item.source));
    if (dry === 'client') {
      printOperation(k, modified, 'created', output, dry);
      return undefined;
    }
    const r = k.api.create(modified, { fieldManager: 'kubectl-client-side-apply', fieldValidation: validation, dryRun: dry === 'server' });
    if (!r.ok) return serverError(withSource(r.status, 'creating', item.source));
    printWarnings(k, r.warnings);
    printOperation(k, r.object, 'created', output, dry);
    return undefined;
  }
  const original = lastApplied(live.object);
  if (!original) {
    k.err(
      `Warning: resource ${qualifiedPlural(item.type)}/${obj.metadata.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const patch = threeWayPatch(
    original,
    modified as unknown as Record<string, unknown>,
    live.object as unknown as Record<string, unknown>,
    obj.kind,
  );
  if (Object.keys(patch).length === 0) {
    printOperation(k, live.object, 'unchanged', output, dry);
    return undefined;
  }
  if (dry === 'client') {
    printOperation(k, live.object, 'configured', output, dry);
    return undefined;
  }
  const r = k.api.patch(ref, patch, 'strategic', {
    fieldManager: 'kubectl-client-side-apply',
    fieldValidation: validation,
    dryRun: dry === 'server',
  });
  if (!r.ok) return serverError(patchError(r.status, item.source));
  printWarnings(k, r.warnings);
  printOperation(k, r.object, 'configured', output, dry);
  return undefined;
}

function patchError(status: ApiStatus, source: string): ApiStatus {
  return withSource(status, 'patching', source);
}

function run(k: Kube, f: Flags): number {
  if (f.list('filename').length === 0) return k.fail('must specify one of -f and -k');
  const outErr = checkMutationOutput(f.str('output'));
  if (outErr) return k.fail(outErr);
  const dry = dryRunStrategy(f.str('dry-run'), f.has('dry-run'));
  if (!dry.ok) return k.fail(dry.error);
  const vErr =
    fieldValidation(f) === undefined
      ? `invalid - validate option "${f.str('validate')}"; must be one of: strict (or true), warn, ignore (or false)`
      : undefined;
  if (vErr) return k.fail(vErr);
  if (f.bool('server-side'))
    return k.fail('the podlab simulator does not implement server-side apply; use client-side apply (the default)');
  const read = readObjectsFromFlags(k, f);
  if (!read.ok) return k.fail(read.error);
  if (read.items.length === 0 && read.errors.length === 0) return k.fail('no objects passed to apply');
  const errors: string[] = read.errors.map(plainError);
  for (const item of read.items) {
    const e = applyOne(k, item, f, dry.mode);
    if (e) errors.push(e);
  }
  for (const e of errors) k.err(e + '\n');
  return errors.length ? 1 : 0;
}

export const applyCommand: KubectlCommand = {
  name: 'apply',
  group: 'Advanced Commands:',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.",
  usage: 'apply (-f FILENAME | -k DIRECTORY) [flags] [options]',
  examples: [
    '# Apply the configuration in pod.json to a pod',
    'kubectl apply -f ./pod.json',
    '',
    '# Apply the JSON passed into stdin to a pod',
    'cat pod.json | kubectl apply -f -',
  ],
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    { name: 'server-side', type: 'bool', default: 'false', help: 'If true, apply runs in the server instead of the client.' },
    {
      name: 'field-manager',
      type: 'string',
      default: "'kubectl-client-side-apply'",
      help: 'Name of the manager used to track field ownership.',
    },
    {
      name: 'overwrite',
      type: 'bool',
      default: 'true',
      help: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
    },
    { name: 'force', type: 'bool', default: 'false', help: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    {
      name: 'prune',
      type: 'bool',
      default: 'false',
      help: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config.',
    },
    { name: 'selector', short: 'l', type: 'string', default: "''", help: 'Selector (label query) to filter on.' },
  ],
  run,
};
