// The facade's routes: non-resource paths (discovery, OpenAPI, health) and the verb table for resources.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, type World } from '../../core/sim/index.ts';
import type { Facade, ReadWorld, ResourceCall } from './context.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SUBRESOURCES, versionInfo, type Served } from './discovery.ts';
import { sendJson, sendStatus, statusOf } from './http-util.ts';
import { openApiV3Document, openApiV3Index } from './openapi.ts';
import { getOne, listOrWatch } from './read-handlers.ts';
import { parseResourcePath, requestTarget } from './request-path.ts';
import { getScale, patchScale, podLog, putScale } from './subresources.ts';
import { create, patch, remove, removeCollection, update } from './write-handlers.ts';

type Handler<W extends ReadWorld = World> = (call: ResourceCall<W>) => void | Promise<void>;

/** Discovery lists a CRD's kind (Calico's IPPool) only while its CustomResourceDefinition exists. */
const servedIn =
  (f: Facade<ReadWorld>): Served =>
  (t) =>
    !t.crd || f.world.store.get('CustomResourceDefinition', undefined, `${t.plural}.${t.group}`) !== undefined;

/** Resource handlers by `METHOD scope`: scope is `collection`, `object`, or the subresource's name. */
/** The reads alone: what the isolated apiserver's front answers from its mirror. */
const READ_ROUTES: Record<string, Handler<ReadWorld>> = {
  'GET collection': listOrWatch,
  'GET object': getOne,
};

const RESOURCE_ROUTES: Record<string, Handler> = {
  'GET collection': listOrWatch,
  'POST collection': create,
  'DELETE collection': removeCollection,
  'GET object': getOne,
  'PUT object': update,
  'PATCH object': patch,
  'DELETE object': remove,
  'GET log': podLog,
  'GET scale': getScale,
  'PUT scale': putScale,
  'PATCH scale': patchScale,
  // exec without a WebSocket upgrade (the upgrade is handled by the server's `upgrade` event)
  'GET exec': (call) => sendStatus(call.res, badRequest('Upgrade request required')),
  'POST exec': (call) => sendStatus(call.res, badRequest('Upgrade request required')),
};

/** A non-resource GET: its JSON body, or undefined when the path is not one of them. */
const NON_RESOURCE: { match: RegExp; body: (facade: Facade<ReadWorld>, m: RegExpExecArray) => unknown }[] = [
  { match: /^\/version\/?$/, body: (f) => versionInfo(f.serverVersion) },
  { match: /^\/api\/?$/, body: (f) => apiVersions(f.serverAddress()) },
  { match: /^\/apis\/?$/, body: (f) => apiGroupList(servedIn(f)) },
  { match: /^\/api\/(v1)\/?$/, body: (f, m) => apiResourceList('', m[1], servedIn(f)) },
  { match: /^\/apis\/([^/]+)\/?$/, body: (f, m) => apiGroup(m[1], servedIn(f)) },
  { match: /^\/apis\/([^/]+)\/([^/]+)\/?$/, body: (f, m) => apiResourceList(m[1], m[2], servedIn(f)) },
  { match: /^\/openapi\/v3\/?$/, body: (f) => openApiV3Index(f.serverVersion) },
  { match: /^\/openapi\/v3\/api\/([^/]+)$/, body: (f, m) => openApiV3Document('', m[1], f.serverVersion) },
  { match: /^\/openapi\/v3\/apis\/([^/]+)\/([^/]+)$/, body: (f, m) => openApiV3Document(m[1], m[2], f.serverVersion) },
];

const HEALTH = /^\/(healthz|readyz|livez)\/?$/;

function notFoundPath(res: ServerResponse): void {
  sendStatus(res, statusOf(404, 'NotFound', 'the server could not find the requested resource'));
}

/** Route one plain HTTP request (upgrades are routed by the server). */
export function route(facade: Facade, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return dispatch(facade, req, res, RESOURCE_ROUTES);
}

/** Route a GET that only reads (discovery, health, get, list, watch): other methods are 405 here. */
export function routeRead(facade: Facade<ReadWorld>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return dispatch(facade, req, res, READ_ROUTES);
}

async function dispatch<W extends ReadWorld>(
  facade: Facade<W>,
  req: IncomingMessage,
  res: ServerResponse,
  routes: Record<string, Handler<W>>,
): Promise<void> {
  const url = requestTarget(req.url);
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' && HEALTH.test(url.pathname)) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  const parsed = parseResourcePath(url.pathname);
  if (parsed.kind === 'other') {
    if (method !== 'GET') return notFoundPath(res);
    for (const r of NON_RESOURCE) {
      const m = r.match.exec(url.pathname);
      const body = m ? r.body(facade, m) : undefined;
      if (body !== undefined) return sendJson(res, 200, body);
    }
    return notFoundPath(res);
  }
  if (parsed.kind === 'unknown-resource') return notFoundPath(res);
  const path = parsed.path;
  const scope = path.subresource ?? (path.name === undefined ? 'collection' : 'object');
  if (path.subresource && !(SUBRESOURCES[path.type.plural] ?? []).some((s) => s.name === path.subresource)) return notFoundPath(res);
  const handler = routes[`${method} ${scope}`];
  if (!handler)
    return sendStatus(res, statusOf(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  if (scope === 'collection' && path.type.namespaced === false && path.namespace !== undefined) return notFoundPath(res);
  await handler({ facade, req, res, path, query: url.query });
}
