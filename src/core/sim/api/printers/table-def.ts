// The shape of a server-side table printer: column definitions (with wide-only priority) and a row function.
import { formatLabels, formatSelector } from '../selector.ts';
import type { KObject, LabelSelector } from '../types.ts';

export interface ColumnDef {
  /** As printers.go names it ("Nominated Node"); kubectl prints it upper-cased. */
  name: string;
  /** 1 = only with -o wide (printed after the priority-0 columns). */
  priority?: 0 | 1;
}

/** Formats one kind's rows; cells in column order, wide columns included. */
export interface TableDef {
  kind: string;
  columns: ColumnDef[];
  row(obj: KObject, nowMs: number): string[];
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, or `<none>`. */
export { formatLabels };

/** metav1.FormatLabelSelector: requirements sorted by key (`app=web,tier in (a,b)`), or `<none>` when empty. */
export function formatLabelSelector(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '<none>';
  return formatSelector(sel as LabelSelector) || '<none>';
}

/** layoutContainerCells: container names and images, comma-joined. */
export function containerCells(containers: { name: string; image: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}
