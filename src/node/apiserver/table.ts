// Server-side printing: a meta.k8s.io/v1 Table built from the simulator's kubectl printer columns,
// so the real kubectl prints the same columns as the simulator's own kubectl.
import { type KObject, tableFor } from '../../core/sim/index.ts';

/** `includeObject`: what each row carries (kubectl's default is Metadata; -A and --show-labels read it). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function rowObject(obj: KObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/**
 * A Table of objects of one kind. `withHeaders` false leaves out columnDefinitions (watch events after the first,
 * like the real apiserver's `noHeaders` option).
 */
export function buildTable(
  kind: string,
  objects: KObject[],
  nowMs: number,
  options: { include: IncludeObject; resourceVersion: string; withHeaders?: boolean },
): Record<string, unknown> {
  const def = tableFor(kind);
  const columnDefinitions = def.columns.map((c) => ({
    name: c.name,
    type: 'string',
    format: c.name === 'Name' ? 'name' : '',
    description: c.name,
    priority: c.priority ?? 0,
  }));
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: options.withHeaders === false ? [] : columnDefinitions,
    rows: objects.map((o) => {
      const row: Record<string, unknown> = { cells: def.row(o, nowMs) };
      const object = rowObject(o, options.include);
      if (object !== undefined) row.object = object;
      return row;
    }),
  };
}
