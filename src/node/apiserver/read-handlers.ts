// GET on resources: list (or watch) a collection, get one object; JSON objects or server-side Tables.
import { badRequest, type KObject, type LabelSelector, parseSelector } from '../../core/sim/index.ts';
import { apiVersionOf } from '../../core/index.ts';
import type { ReadWorld, ResourceCall } from './context.ts';
import { matchesFields, parseFieldSelector, type FieldSelector } from './field-selector.ts';
import { queryFlag, sendJson, sendStatus, wantsTable } from './http-util.ts';
import { buildTable, includeObjectOf } from './table.ts';
import { serveWatch } from './watch-stream.ts';

/** Label and field selectors of a request, or the 400 they earn. */
export function selectorsOf(call: ResourceCall<ReadWorld>): { labels?: LabelSelector; fields: FieldSelector } | undefined {
  const labelText = call.query.get('labelSelector');
  let labels: LabelSelector | undefined;
  if (labelText) {
    const parsed = parseSelector(labelText);
    if (!parsed.ok) {
      sendStatus(call.res, badRequest(`unable to parse requirement: ${parsed.error}`));
      return undefined;
    }
    labels = parsed.selector;
  }
  const fields = parseFieldSelector(call.query.get('fieldSelector'));
  if (!fields.ok) {
    sendStatus(call.res, badRequest(fields.error));
    return undefined;
  }
  return { labels, fields: fields.selector };
}

/** The objects a list request selects, in the store's order. */
export function selectedObjects(call: ResourceCall<ReadWorld>, sel: { labels?: LabelSelector; fields: FieldSelector }): KObject[] {
  const { world } = call.facade;
  const items = world.api.list(call.path.type.kind, { namespace: call.path.namespace, selector: sel.labels });
  return items.filter((o) => matchesFields(sel.fields, o));
}

export function listOrWatch(call: ResourceCall<ReadWorld>): void {
  const sel = selectorsOf(call);
  if (!sel) return;
  const { facade, path, query, req, res } = call;
  const world = facade.world;
  const table = wantsTable(req) ? { include: includeObjectOf(query), now: () => world.clock.now() } : undefined;
  if (queryFlag(query, 'watch')) {
    const rv = Number(query.get('resourceVersion') ?? '0');
    const timeout = Number(query.get('timeoutSeconds') ?? '0');
    serveWatch(
      req,
      res,
      facade.hub,
      { path, labels: sel.labels, fields: sel.fields, resourceVersion: Number.isFinite(rv) ? rv : 0, timeoutSeconds: timeout, table },
      () => selectedObjects(call, sel),
      (close) => facade.track(close),
    );
    return;
  }
  const items = selectedObjects(call, sel);
  const resourceVersion = String(world.store.version);
  if (table) {
    sendJson(res, 200, buildTable(path.type.kind, items, world.clock.now(), { include: table.include, resourceVersion }));
    return;
  }
  sendJson(res, 200, { kind: `${path.type.kind}List`, apiVersion: apiVersionOf(path.type), metadata: { resourceVersion }, items });
}

export function getOne(call: ResourceCall<ReadWorld>): void {
  const { facade, path, req, res, query } = call;
  const world = facade.world;
  const r = world.api.get({ kind: path.type.kind, namespace: path.namespace, name: path.name ?? '' });
  if (!r.ok) {
    sendStatus(res, r.status);
    return;
  }
  if (wantsTable(req)) {
    const rv = r.object.metadata.resourceVersion ?? '';
    sendJson(res, 200, buildTable(path.type.kind, [r.object], world.clock.now(), { include: includeObjectOf(query), resourceVersion: rv }));
    return;
  }
  sendJson(res, 200, r.object);
}
