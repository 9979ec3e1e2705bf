// The -o formats: which printer a value selects, and the generic printers (json, yaml, name, jsonpath, custom-columns).
import type { KObject } from '../../../../api/types.ts';
import { kindPrefix } from '../../../../api/printers/index.ts';
import { TabWriter } from '../tabwriter.ts';
import { printJson } from './go-json.ts';
import { printYaml } from './go-yaml.ts';
import { omitManagedFields } from './managed-fields.ts';
import { evalSteps, executeJsonPath, goSprint, JsonPathError, relaxedPath } from './jsonpath.ts';

export type OutputFormat =
  | { kind: 'human'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; columns: { header: string; path: string }[] };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parse `-o` (undefined for the default table); an error text when kubectl would refuse it. */
export function parseOutput(o: string): { ok: true; format: OutputFormat } | { ok: false; error: string } {
  if (o === '' || o === 'wide') return { ok: true, format: { kind: 'human', wide: o === 'wide' } };
  if (o === 'json' || o === 'yaml' || o === 'name') return { ok: true, format: { kind: o } };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : '';
  if (name === 'jsonpath') {
    if (!arg) return { ok: false, error: 'template format specified but no template given' };
    return { ok: true, format: { kind: 'jsonpath', template: arg } };
  }
  if (name === 'custom-columns') {
    if (!arg) return { ok: false, error: 'custom-columns format specified but no custom columns given' };
    const columns: { header: string; path: string }[] = [];
    for (const spec of arg.split(',')) {
      const i = spec.indexOf(':');
      if (i <= 0 || i === spec.length - 1)
        return { ok: false, error: `unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>` };
      columns.push({ header: spec.slice(0, i), path: spec.slice(i + 1) });
    }
    return { ok: true, format: { kind: 'custom-columns', columns } };
  }
  return { ok: false, error: `unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}` };
}

/** The List kubectl wraps several objects in for -o json/yaml. */
export function asList(objects: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

export type GenericResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Print objects with a non-table format. `single` = one object was asked for by name,
 * so json/yaml/jsonpath see the object itself rather than a List. json and yaml leave out metadata.managedFields
 * unless `showManagedFields` (kubectl's --show-managed-fields).
 */
export function printGeneric(
  format: OutputFormat,
  objects: KObject[],
  single: boolean,
  noHeaders = false,
  showManagedFields = false,
): GenericResult {
  const data: unknown = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (format.kind) {
    case 'json':
      return { ok: true, text: printJson(showManagedFields ? data : omitManagedFields(data)) };
    case 'yaml':
      return { ok: true, text: printYaml(showManagedFields ? data : omitManagedFields(data)) };
    case 'name':
      return { ok: true, text: objects.map((o) => `${kindPrefix(o.kind)}/${o.metadata.name}\n`).join('') };
    case 'jsonpath':
      try {
        return { ok: true, text: executeJsonPath(format.template, data) };
      } catch (e: unknown) {
        const why = e instanceof Error ? e.message : String(e);
        return { ok: false, error: `error executing jsonpath "${format.template}": Error executing template: ${why}.` };
      }
    case 'custom-columns': {
      const w = new TabWriter();
      if (!noHeaders) w.write(format.columns.map((c) => c.header).join('\t') + '\n');
      try {
        const paths = format.columns.map((c) => relaxedPath(c.path));
        for (const o of objects) {
          const cells = paths.map((p) => {
            const vals = evalSteps([o], p);
            return vals.length === 0 ? '<none>' : vals.map(goSprint).join(',');
          });
          w.write(cells.join('\t') + '\n');
        }
      } catch (e: unknown) {
        if (e instanceof JsonPathError) return { ok: false, error: e.message };
        throw e;
      }
      return { ok: true, text: w.flush() };
    }
    default:
      return { ok: false, error: 'not a generic format' };
  }
}
