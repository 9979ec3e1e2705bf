// Fetching what a command names: objects by name or by listing with selectors, errors kept in order (ContinueOnError).
import type { ApiStatus, ListOptions } from '../../../api/api.ts';
import type { ResourceType } from '../../../api/resources.ts';
import { parseSelector } from '../../../api/selector.ts';
import type { KObject } from '../../../api/types.ts';
import type { Kube } from './kube.ts';
import { refFor, type TypeRequest } from './resolve.ts';

/** One result group: a list of one type, or the named objects of one type that were found. */
export interface Info {
  type: ResourceType;
  objects: KObject[];
  /** True when this came from listing (not from names). */
  listed: boolean;
}

export interface FetchOptions {
  allNamespaces: boolean;
  selector: string;
  fieldSelector: string;
}

export type FetchResult = { ok: true; infos: Info[]; errors: ApiStatus[] } | { ok: false; error: string };

/** Parse `--field-selector a=b,c!=d` into what the Api filters and what kubectl must filter itself. */
function parseFieldSelector(text: string): { eq: Record<string, string>; ne: [string, string][] } | string {
  const eq: Record<string, string> = {};
  const ne: [string, string][] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) return `invalid selector: '${text}'; can't understand '${part}'`;
    if (m[2] === '!=') ne.push([m[1], m[3]]);
    else eq[m[1]] = m[3];
  }
  return { eq, ne };
}

function fieldValue(o: KObject, path: string): string {
  let v: unknown = o;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** Get or list each request; NotFound and friends are collected, not thrown. */
export function fetchInfos(k: Kube, requests: TypeRequest[], o: FetchOptions): FetchResult {
  const sel = o.selector ? parseSelector(o.selector) : undefined;
  if (sel && !sel.ok) return { ok: false, error: sel.error };
  const fields = o.fieldSelector ? parseFieldSelector(o.fieldSelector) : undefined;
  if (typeof fields === 'string') return { ok: false, error: fields };
  const infos: Info[] = [];
  const errors: ApiStatus[] = [];
  for (const req of requests) {
    if (req.names.length > 0) {
      const found: KObject[] = [];
      for (const name of req.names) {
        const r = k.api.get(refFor(req.type, name, k.namespace));
        if (r.ok) found.push(r.object);
        else errors.push(r.status);
      }
      if (found.length) infos.push({ type: req.type, objects: found, listed: false });
      continue;
    }
    const opts: ListOptions = {};
    if (req.type.namespaced && !o.allNamespaces) opts.namespace = k.namespace;
    if (sel?.ok) opts.selector = sel.selector;
    if (fields && Object.keys(fields.eq).length) opts.fieldSelector = fields.eq;
    let objects = k.api.list(req.type.kind, opts);
    if (fields) objects = objects.filter((obj) => fields.ne.every(([f, v]) => fieldValue(obj, f) !== v));
    infos.push({ type: req.type, objects, listed: true });
  }
  return { ok: true, infos, errors };
}
