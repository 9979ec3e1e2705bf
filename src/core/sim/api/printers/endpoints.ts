// `kubectl get endpoints` (ip:port, at most 3, then " + N more...") and `kubectl get endpointslices`.
import type { KObject } from '../types.ts';
import { age } from '../duration.ts';
import type { TableDef } from './table-def.ts';

const MAX = 3;

/** formatEndpoints: ready addresses joined with every port, `<none>` without subsets. */
export function formatEndpoints(ep: KObject): string {
  const subsets: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] = (ep.subsets as []) ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX} more...` : ret;
}

function listWithMore(list: string[], more: boolean, count: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - MAX} more...`;
  return ret === '' ? '<unset>' : ret;
}

export const endpointsTable: TableDef = {
  kind: 'Endpoints',
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  row: (ep, nowMs) => [ep.metadata.name, formatEndpoints(ep), age(ep.metadata.creationTimestamp, nowMs)],
};

export const endpointSliceTable: TableDef = {
  kind: 'EndpointSlice',
  columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  row(slice, nowMs) {
    const ports: { port?: number; name?: string }[] = (slice.ports as []) ?? [];
    const pl: string[] = [];
    let pc = 0;
    for (const p of ports) {
      if (pl.length < MAX) pl.push(p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*');
      pc++;
    }
    const eps: { addresses?: string[] }[] = (slice.endpoints as []) ?? [];
    const el: string[] = [];
    let ec = 0;
    for (const e of eps) {
      for (const a of e.addresses ?? []) {
        if (el.length < MAX) el.push(a);
        ec++;
      }
    }
    return [
      slice.metadata.name,
      String(slice.addressType ?? ''),
      listWithMore(pl, pc > MAX, pc),
      listWithMore(el, ec > MAX, ec),
      age(slice.metadata.creationTimestamp, nowMs),
    ];
  },
};
