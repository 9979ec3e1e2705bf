// Rows for namespaces, events, configmaps, network policies, and the NAME/AGE fallback for other kinds.
import { age } from '../duration.ts';
import { formatLabelSelector, type TableDef } from './table-def.ts';

export const namespaceTable: TableDef = {
  kind: 'Namespace',
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  row: (ns, nowMs) => [ns.metadata.name, ns.status?.phase ?? 'Active', age(ns.metadata.creationTimestamp, nowMs)],
};

interface EventLike {
  lastTimestamp?: string;
  firstTimestamp?: string;
  eventTime?: string;
  count?: number;
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
  reportingController?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** The `source` column: component[, host], or the reporting controller. */
function eventSource(e: EventLike): string {
  const c = e.source?.component ?? '';
  if (!c) return e.reportingController ?? '';
  return e.source?.host ? `${c}, ${e.source.host}` : c;
}

export const eventTable: TableDef = {
  kind: 'Event',
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1 },
  ],
  row(obj, nowMs) {
    const e = obj as unknown as EventLike;
    const first = e.firstTimestamp ? age(e.firstTimestamp, nowMs) : age(e.eventTime, nowMs);
    let last = e.lastTimestamp ? age(e.lastTimestamp, nowMs) : first;
    let count = e.count || 1;
    if (e.series) {
      last = age(e.series.lastObservedTime, nowMs);
      count = e.series.count ?? count;
    }
    const io = e.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      io.fieldPath ?? '',
      eventSource(e),
      (e.message ?? '').trim(),
      first,
      String(count),
      obj.metadata.name,
    ];
  },
};

export const configMapTable: TableDef = {
  kind: 'ConfigMap',
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  row: (cm, nowMs) => [
    cm.metadata.name,
    String(Object.keys((cm.data as object) ?? {}).length + Object.keys((cm.binaryData as object) ?? {}).length),
    age(cm.metadata.creationTimestamp, nowMs),
  ],
};

export const networkPolicyTable: TableDef = {
  kind: 'NetworkPolicy',
  columns: [{ name: 'Name' }, { name: 'Pod-Selector' }, { name: 'Age' }],
  row: (np, nowMs) => {
    const sel = formatLabelSelector(np.spec?.podSelector ?? {});
    return [np.metadata.name, sel === '<none>' ? '<none>' : sel, age(np.metadata.creationTimestamp, nowMs)];
  },
};

/** The CRD's additionalPrinterColumns (network-policy-api apis/v1alpha1): Priority (.spec.priority), Age. */
export const adminNetworkPolicyTable: TableDef = {
  kind: 'AdminNetworkPolicy',
  columns: [{ name: 'Name' }, { name: 'Priority' }, { name: 'Age' }],
  row: (o, nowMs) => [
    o.metadata.name,
    o.spec?.priority === undefined ? '' : String(o.spec.priority as number),
    age(o.metadata.creationTimestamp, nowMs),
  ],
};

/**
 * CustomResourceDefinition: apiextensions-apiserver's table (NAME, CREATED AT: the creationTimestamp in RFC 3339,
 * apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go and its TableConvertor).
 */
export const customResourceDefinitionTable: TableDef = {
  kind: 'CustomResourceDefinition',
  columns: [{ name: 'Name' }, { name: 'Created At' }],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

/** The apiserver's default table for kinds without a printer: NAME and AGE. */
export function defaultTable(kind: string): TableDef {
  return {
    kind,
    columns: [{ name: 'Name' }, { name: 'Age' }],
    row: (o, nowMs) => [o.metadata.name, age(o.metadata.creationTimestamp, nowMs)],
  };
}
