// Minimal OpenAPI v3 documents: what `kubectl apply` reads (PATCH operations that take fieldValidation, per GVK).
import { createHash } from 'node:crypto';
import { RESOURCES, type ResourceType } from '../../core/index.ts';
import { groupVersions } from './discovery.ts';

/** The path prefix of a group/version without the leading slash: "api/v1", "apis/apps/v1". */
export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** The query parameters the real apiserver documents on writes; kubectl looks for `fieldValidation` on PATCH. */
const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function gvk(t: ResourceType): Record<string, string> {
  return { group: t.group, version: t.version, kind: t.kind };
}

function operations(t: ResourceType): Record<string, unknown> {
  const base = `/${gvPath(t.group, t.version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
  const ext = { 'x-kubernetes-group-version-kind': gvk(t) };
  const op = (action: string, params: unknown[] = []) => ({
    operationId: `${action}${t.kind}`,
    'x-kubernetes-action': action,
    ...ext,
    parameters: params,
    responses: { '200': { description: 'OK' } },
  });
  return {
    [base]: { get: op('list'), post: op('post', WRITE_PARAMS), delete: op('deletecollection') },
    [`${base}/{name}`]: {
      get: op('get'),
      put: op('put', WRITE_PARAMS),
      patch: op('patch', [...WRITE_PARAMS, { name: 'force', in: 'query', schema: { type: 'boolean' } }]),
      delete: op('delete'),
    },
  };
}

/** The document for one group/version, or undefined when it is not served. */
export function openApiV3Document(group: string, version: string, serverVersion: string): unknown {
  const types = RESOURCES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths: Object.assign({}, ...types.map(operations)) as Record<string, unknown>,
    components: { schemas: {} },
  };
}

function hashOf(doc: unknown): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
}

/** `GET /openapi/v3`: each served group/version and the URL of its document (with a content hash, as the real index). */
export function openApiV3Index(serverVersion: string): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(openApiV3Document(group, version, serverVersion))}` };
  }
  return { paths };
}
