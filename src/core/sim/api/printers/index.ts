// The table of server-side table printers by kind, and the human-readable printer kubectl builds on them.
import type { KObject } from '../types.ts';
import { resourceForKind } from '../resources.ts';
import { daemonSetTable } from './daemonset.ts';
import { endpointSliceTable, endpointsTable } from './endpoints.ts';
import {
  adminNetworkPolicyTable,
  configMapTable,
  customResourceDefinitionTable,
  defaultTable,
  eventTable,
  namespaceTable,
  networkPolicyTable,
} from './misc.ts';
import { nodeTable } from './node.ts';
import { podTable } from './pod.ts';
import { serviceTable } from './service.ts';
import { formatLabels, type TableDef } from './table-def.ts';
import { deploymentTable, replicaSetTable } from './workloads.ts';

/** Printers by kind; add a kind by adding a row. */
export const TABLES: ReadonlyMap<string, TableDef> = new Map(
  [
    podTable,
    serviceTable,
    deploymentTable,
    replicaSetTable,
    daemonSetTable,
    endpointsTable,
    endpointSliceTable,
    nodeTable,
    namespaceTable,
    eventTable,
    configMapTable,
    networkPolicyTable,
    adminNetworkPolicyTable,
    customResourceDefinitionTable,
  ].map((t) => [t.kind, t]),
);

export function tableFor(kind: string): TableDef {
  return TABLES.get(kind) ?? defaultTable(kind);
}

export interface HumanOptions {
  wide: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only). */
  withNamespace: boolean;
  /** Several kinds in one get: names as `pod/x`, `deployment.apps/x`. */
  withKind: boolean;
  showLabels: boolean;
  noHeaders: boolean;
  /** -L key: one extra column per key, headed by the key upper-cased. */
  labelColumns: string[];
}

/** The lower-cased `kind[.group]` kubectl prefixes names with. */
export function kindPrefix(kind: string): string {
  const t = resourceForKind(kind);
  return t && t.group ? `${kind.toLowerCase()}.${t.group}` : kind.toLowerCase();
}

/**
 * Rows (header first unless noHeaders) for objects of one kind, as tab-joined lines for the tabwriter.
 * Mirrors cli-runtime's HumanReadablePrinter over the server's Table.
 */
export function humanRows(kind: string, objects: KObject[], nowMs: number, o: HumanOptions): string[] {
  const def = tableFor(kind);
  // definition order; priority-1 columns only with -o wide (printers.go puts them last for most kinds)
  const order = [...def.columns.keys()].filter((i) => o.wide || !def.columns[i].priority);
  const nameIdx = def.columns.findIndex((c) => c.name === 'Name');
  const namespaced = resourceForKind(kind)?.namespaced ?? true;
  const lines: string[] = [];
  if (!o.noHeaders) {
    const h = order.map((i) => def.columns[i].name.toUpperCase());
    if (o.withNamespace && namespaced) h.unshift('NAMESPACE');
    for (const l of o.labelColumns) h.push(l.split('/').pop()!.toUpperCase());
    if (o.showLabels) h.push('LABELS');
    lines.push(h.join('\t'));
  }
  for (const obj of objects) {
    const cells = def.row(obj, nowMs);
    if (o.withKind && nameIdx >= 0) cells[nameIdx] = `${kindPrefix(kind)}/${cells[nameIdx]}`;
    const row = order.map((i) => cells[i]);
    if (o.withNamespace && namespaced) row.unshift(obj.metadata.namespace ?? '');
    for (const l of o.labelColumns) row.push(obj.metadata.labels?.[l] ?? '');
    if (o.showLabels) row.push(formatLabels(obj.metadata.labels));
    lines.push(row.join('\t'));
  }
  return lines;
}
