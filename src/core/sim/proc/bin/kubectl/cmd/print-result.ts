// Printing what a mutation did: `pod/x created`, `-o name` → `pod/x`, `-o yaml|json` → the object; dry-run suffixes.
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import { printJson } from '../output/go-json.ts';
import { printYaml } from '../output/go-yaml.ts';
import { omitManagedFields } from '../output/managed-fields.ts';
import { kindPrefix } from '../../../../api/printers/index.ts';

export type DryRun = 'none' | 'client' | 'server';

/** Check `-o` for mutating commands (only name, json, yaml are understood here). */
export function checkMutationOutput(output: string): string | undefined {
  if (output === '' || output === 'name' || output === 'json' || output === 'yaml') return undefined;
  return `unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`;
}

/** cli-runtime's NamePrinter with an operation, or the object for -o json|yaml (without managedFields, as kubectl). */
export function printOperation(k: Kube, obj: KObject, operation: string, output: string, dryRun: DryRun = 'none'): void {
  if (output === 'json') return k.out(printJson(omitManagedFields(obj)));
  if (output === 'yaml') return k.out(printYaml(omitManagedFields(obj)));
  const name = `${kindPrefix(obj.kind)}/${obj.metadata.name}`;
  if (output === 'name') return k.out(name + '\n');
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  k.out(`${name} ${operation}${suffix}\n`);
}

/** Warnings the apiserver attached to a response, as kubectl prints them. */
export function printWarnings(k: Kube, warnings: string[] | undefined): void {
  for (const w of warnings ?? []) k.err(`Warning: ${w}\n`);
}
