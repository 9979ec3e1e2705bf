// Writes on resources: POST (create), PUT (update), PATCH (merge, strategic, JSON patch), DELETE (one or a collection).
import { parse as parseYaml } from 'yaml';
import {
  type ApiResult,
  type ApiStatus,
  badRequest,
  type DeleteOptions,
  type KObject,
  MANIFEST_MAX_DEPTH,
  roughDepth,
  type WriteOptions,
} from '../../core/sim/index.ts';
import { apiVersionOf } from '../../core/index.ts';
import type { ResourceCall } from './context.ts';
import { contentType, parseJson, readBody, sendJson, sendStatus, statusOf } from './http-util.ts';
import { applyJsonPatch } from './json-patch.ts';
import { decodeProtobufObject, isProtobufBody } from './protobuf/decode.ts';
import { selectedObjects, selectorsOf } from './read-handlers.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** dryRun, fieldManager and fieldValidation from the query string. */
export function writeOptions(query: URLSearchParams): WriteOptions {
  const fv = query.get('fieldValidation');
  return {
    dryRun: query.getAll('dryRun').includes('All') || undefined,
    fieldManager: query.get('fieldManager') ?? undefined,
    // Without the parameter the real apiserver warns about unknown fields rather than failing.
    fieldValidation: fv === 'Strict' || fv === 'Warn' || fv === 'Ignore' ? fv : fv === null ? 'Warn' : 'Strict',
  };
}

/**
 * A YAML body (Content-Type application/yaml), one document, aliases and nesting bounded as in lesson manifests.
 * The depth is checked before parsing: the YAML parser recurses per level, and a stack overflow inside it can end
 * the process (V8 aborts when the overflow lands in a regular expression's compilation). go-yaml's own limit is
 * 10,000 levels ("exceeded max depth of 10000"); the simulator's is MANIFEST_MAX_DEPTH, far above real objects.
 */
function parseYamlBody(text: string): { ok: true; value: unknown } | { ok: false; status: ApiStatus } {
  if (roughDepth(text) > MANIFEST_MAX_DEPTH)
    return { ok: false, status: badRequest(`the request body is not valid YAML: exceeded max depth of ${MANIFEST_MAX_DEPTH}`) };
  try {
    return { ok: true, value: parseYaml(text, { maxAliasCount: 100 }) as unknown };
  } catch (e: unknown) {
    return {
      ok: false,
      status: badRequest(`the request body is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`),
    };
  }
}

/**
 * Read and decode an object body: JSON, YAML, or protobuf for the kinds kubectl's typed clients send that way
 * (`kubectl create deployment`); undefined after answering with the error.
 */
async function objectBody(call: ResourceCall): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(call.req);
  if (!body.ok) return void sendStatus(call.res, body.status);
  if (contentType(call.req).includes('protobuf') || isProtobufBody(body.bytes)) {
    const decoded = decodeProtobufObject(body.bytes);
    if (!decoded.ok) return void sendStatus(call.res, statusOf(415, 'UnsupportedMediaType', decoded.error));
    return decoded.object;
  }
  const parsed = contentType(call.req) === 'application/yaml' ? parseYamlBody(body.text) : parseJson(body.text, call.path.type.kind);
  if (!parsed.ok) return void sendStatus(call.res, parsed.status);
  if (!isObj(parsed.value)) return void sendStatus(call.res, badRequest('the request body must be a JSON object'));
  return parsed.value;
}

/**
 * The kind and apiVersion a body may leave out (the real decoder defaults them from the URL); a body naming another
 * kind is refused as the real apiserver refuses it.
 */
function defaultTypeMeta(call: ResourceCall, obj: KObject): boolean {
  const t = call.path.type;
  const apiVersion = apiVersionOf(t);
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
    sendStatus(
      call.res,
      badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`),
    );
    return false;
  }
  if (obj.kind !== undefined && obj.kind !== t.kind) {
    sendStatus(call.res, badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${t.kind})`));
    return false;
  }
  obj.apiVersion = apiVersion;
  obj.kind = t.kind;
  return true;
}

/** Send a write's result: the object with `code`, warnings as headers; controllers react first. */
export function finishWrite(call: ResourceCall, r: ApiResult, code: number): void {
  if (!r.ok) return sendStatus(call.res, r.status);
  call.facade.afterWrite();
  sendJson(call.res, code, r.object, r.warnings ?? []);
}

export async function create(call: ResourceCall): Promise<void> {
  const body = await objectBody(call);
  if (!body) return;
  const obj = body as unknown as KObject;
  if (!defaultTypeMeta(call, obj)) return;
  if (!isObj(obj.metadata)) obj.metadata = { name: '' };
  const ns = call.path.namespace;
  if (ns !== undefined) {
    if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
      return sendStatus(call.res, badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    }
    obj.metadata.namespace = ns;
  }
  finishWrite(call, call.facade.world.api.create(obj, writeOptions(call.query)), 201);
}

export async function update(call: ResourceCall): Promise<void> {
  const body = await objectBody(call);
  if (!body) return;
  const obj = body as unknown as KObject;
  if (!defaultTypeMeta(call, obj)) return;
  if (!isObj(obj.metadata) || obj.metadata.name !== call.path.name) {
    return sendStatus(call.res, badRequest('the name of the object does not match the name on the URL'));
  }
  if (call.path.namespace !== undefined) obj.metadata.namespace = call.path.namespace;
  finishWrite(call, call.facade.world.api.update(obj, writeOptions(call.query)), 200);
}

/** The patch types by Content-Type; server-side apply (apply-patch+yaml) is not served. */
const PATCH_TYPES: Record<string, 'merge' | 'strategic' | 'json'> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/json-patch+json': 'json',
};

/** Read a PATCH body by its type; undefined after answering with the error. */
export async function patchBody(call: ResourceCall): Promise<{ type: 'merge' | 'strategic' | 'json'; value: unknown } | undefined> {
  const ct = contentType(call.req);
  const type = PATCH_TYPES[ct];
  if (!type) {
    const s = statusOf(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(', ')}`,
    );
    return void sendStatus(call.res, s);
  }
  const body = await readBody(call.req);
  if (!body.ok) return void sendStatus(call.res, body.status);
  const parsed = parseJson(body.text);
  if (!parsed.ok) return void sendStatus(call.res, parsed.status);
  return { type, value: parsed.value };
}

export async function patch(call: ResourceCall): Promise<void> {
  const p = await patchBody(call);
  if (!p) return;
  const { world } = call.facade;
  const ref = { kind: call.path.type.kind, namespace: call.path.namespace, name: call.path.name ?? '' };
  const options = writeOptions(call.query);
  if (p.type !== 'json') return finishWrite(call, world.api.patch(ref, p.value, p.type, options), 200);
  const current = world.api.get(ref);
  if (!current.ok) return sendStatus(call.res, current.status);
  const patched = applyJsonPatch(current.object, p.value);
  if (!patched.ok)
    return sendStatus(call.res, {
      ...badRequest(`the server rejected our request due to an error in our request: ${patched.error}`),
      reason: 'Invalid',
      code: 422,
    });
  finishWrite(call, world.api.update(patched.value as KObject, options), 200);
}

/** DeleteOptions from the body (kubectl) or the query string (curl, client-node's defaults). */
async function deleteOptions(call: ResourceCall): Promise<DeleteOptions | undefined> {
  const body = await readBody(call.req);
  if (!body.ok) return void sendStatus(call.res, body.status);
  const parsed = parseJson(body.text);
  if (!parsed.ok) return void sendStatus(call.res, parsed.status);
  const b = isObj(parsed.value) ? parsed.value : {};
  const q = call.query;
  const grace = b.gracePeriodSeconds ?? (q.get('gracePeriodSeconds') === null ? undefined : Number(q.get('gracePeriodSeconds')));
  const policy = b.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const dryRun = Array.isArray(b.dryRun) ? b.dryRun.includes('All') : q.getAll('dryRun').includes('All');
  return {
    gracePeriodSeconds: typeof grace === 'number' && Number.isFinite(grace) ? grace : undefined,
    propagationPolicy: policy === 'Background' || policy === 'Foreground' || policy === 'Orphan' ? policy : undefined,
    dryRun: dryRun || undefined,
  };
}

export async function remove(call: ResourceCall): Promise<void> {
  const options = await deleteOptions(call);
  if (!options) return;
  const ref = { kind: call.path.type.kind, namespace: call.path.namespace, name: call.path.name ?? '' };
  finishWrite(call, call.facade.world.api.delete(ref, options), 200);
}

export async function removeCollection(call: ResourceCall): Promise<void> {
  const sel = selectorsOf(call);
  if (!sel) return;
  const options = await deleteOptions(call);
  if (!options) return;
  const { world } = call.facade;
  const items: KObject[] = [];
  for (const o of selectedObjects(call, sel)) {
    const r = world.api.delete({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }, options);
    if (r.ok) items.push(r.object);
  }
  call.facade.afterWrite();
  sendJson(call.res, 200, { kind: `${call.path.type.kind}List`, apiVersion: apiVersionOf(call.path.type), metadata: {}, items });
}
