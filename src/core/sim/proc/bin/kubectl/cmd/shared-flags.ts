// Flags several subcommands share: -f/--filename, -R, --dry-run, -o for mutations.
import type { FlagSpec } from '../flags.ts';

export const FILENAME_FLAGS: FlagSpec[] = [
  {
    name: 'filename',
    short: 'f',
    type: 'stringSlice',
    default: '[]',
    help: 'Filename, directory, or URL to files identifying the resource.',
  },
  {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    default: 'false',
    help: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  },
  {
    name: 'kustomize',
    short: 'k',
    type: 'string',
    default: "''",
    help: "Process the kustomization directory. This flag can't be used together with -f or -R.",
    hidden: true,
  },
];

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: "'none'",
  noOptDefVal: 'unchanged',
  help: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  default: "''",
  help: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
};

/** The --dry-run strategy: none, client or server; an error text for bad values (cmdutil.GetDryRunStrategy). */
export function dryRunStrategy(
  value: string,
  given: boolean,
): { ok: true; mode: 'none' | 'client' | 'server' } | { ok: false; error: string } {
  if (!given || value === 'none') return { ok: true, mode: 'none' };
  if (value === 'client' || value === 'server') return { ok: true, mode: value };
  if (value === 'unchanged')
    return { ok: false, error: `--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".` };
  return { ok: false, error: `Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
}
