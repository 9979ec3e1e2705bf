// PUT and PATCH: merge onto the stored object, keep server-owned fields, default, validate, write if changed.
import type { ApiResult, ObjectRef, WriteOptions } from './api.ts';
import { allocateNodePorts } from './allocators.ts';
import { GENERATION_KINDS, namespaceOf, resolveKind, touchManagedFields, unknownResource, type ApiContext } from './context.ts';
import { typeOfObject } from './create.ts';
import { decodeObject } from './decode.ts';
import { applyDefaults } from './defaults.ts';
import { mergePatch, strategicMergePatch } from './patch.ts';
import { jsonEqual } from './pod-update.ts';
import { badRequest, conflict, fail, invalidResult, notFound } from './status.ts';
import { clone } from './store.ts';
import type { KObject, Service } from './types.ts';
import { validateUpdate } from './validation.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Service fields the server allocated survive an update that leaves them out (patchAllocatedValues). */
function keepAllocations(oldSvc: Service, svc: Service): void {
  const o = oldSvc.spec ?? {};
  const n = (svc.spec ??= {});
  if (!n.clusterIP && o.clusterIP && n.type !== 'ExternalName') {
    n.clusterIP = o.clusterIP;
    n.clusterIPs = o.clusterIPs;
  }
  if (n.clusterIP && !n.clusterIPs) n.clusterIPs = [n.clusterIP];
  const needsNodePorts = n.type === 'NodePort' || n.type === 'LoadBalancer';
  for (const p of n.ports ?? []) {
    if (!needsNodePorts) delete p.nodePort;
    else if (!p.nodePort) {
      const before = (o.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (before?.nodePort) p.nodePort = before.nodePort;
    }
  }
}

function withoutVolatile(o: KObject): unknown {
  const c = clone(o);
  delete c.metadata.resourceVersion;
  delete c.metadata.managedFields;
  return c;
}

/** The update verb (PUT); also the tail of patch and scale. */
export function updateObject(
  ctx: ApiContext,
  input: KObject,
  options: WriteOptions = {},
  operation: 'Update' | 'Apply' = 'Update',
): ApiResult {
  const typed = typeOfObject(input);
  if ('result' in typed) return typed.result;
  const { t } = typed;
  const obj = clone(input);
  const decoded = decodeObject(t, obj, options.fieldValidation ?? 'Strict');
  if (!decoded.ok) return fail(decoded.status);
  if (!isObj(obj.metadata) || !obj.metadata.name) return fail(badRequest('name is required for update'));
  const ns = namespaceOf(t, obj.metadata.namespace);
  const existing = ctx.world.store.get(t.kind, ns, obj.metadata.name);
  if (!existing) return fail(notFound(t, obj.metadata.name));
  const rv = obj.metadata.resourceVersion;
  if (rv && rv !== existing.metadata.resourceVersion) {
    return fail(
      conflict(t, obj.metadata.name, 'the object has been modified; please apply your changes to the latest version and try again'),
    );
  }
  const m = existing.metadata;
  obj.metadata = {
    ...obj.metadata,
    namespace: ns,
    uid: m.uid,
    creationTimestamp: m.creationTimestamp,
    generation: m.generation,
    managedFields: m.managedFields,
  };
  if (ns === undefined) delete obj.metadata.namespace;
  for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (m[k] === undefined) delete obj.metadata[k];
    else (obj.metadata as unknown as Record<string, unknown>)[k] = m[k];
  }
  if (existing.status === undefined) delete obj.status;
  else obj.status = existing.status;
  if (t.kind === 'Service') keepAllocations(existing as Service, obj as Service);
  applyDefaults(obj, { rng: ctx.names, create: false });
  const errs = validateUpdate(existing, obj);
  if (errs.length) return invalidResult(t, obj.metadata.name, errs);
  if (t.kind === 'Service' && (obj.spec?.type === 'NodePort' || obj.spec?.type === 'LoadBalancer')) {
    const portErrs = allocateNodePorts(ctx.world.store, obj as Service, ctx.ips, { namespace: ns, name: obj.metadata.name });
    if (portErrs.length) return invalidResult(t, obj.metadata.name, portErrs);
  }
  obj.metadata.resourceVersion = existing.metadata.resourceVersion;
  if (jsonEqual(withoutVolatile(existing), withoutVolatile(obj))) return { ok: true, object: existing, warnings: decoded.warnings };
  if (GENERATION_KINDS.has(t.kind) && !jsonEqual(existing.spec, obj.spec)) obj.metadata.generation = (m.generation ?? 1) + 1;
  touchManagedFields(ctx, obj, options.fieldManager, operation);
  if (options.dryRun) return { ok: true, object: obj, warnings: decoded.warnings };
  return { ok: true, object: ctx.world.store.update(obj), warnings: decoded.warnings };
}

/** The patch verb: merge (RFC 7386) or strategic, then the update path. */
export function patchObject(
  ctx: ApiContext,
  ref: ObjectRef,
  patch: unknown,
  type: 'merge' | 'strategic',
  options: WriteOptions = {},
): ApiResult {
  const t = resolveKind(ref.kind);
  if (!t) return fail(unknownResource(ref.kind));
  if (!isObj(patch)) return fail(badRequest('error decoding patch: json: cannot unmarshal into Go value of type map[string]interface {}'));
  const ns = namespaceOf(t, ref.namespace);
  const existing = ctx.world.store.get(t.kind, ns, ref.name);
  if (!existing) return fail(notFound(t, ref.name));
  const merged = (type === 'merge' ? mergePatch(existing, patch) : strategicMergePatch(existing, patch, t.kind)) as KObject;
  if (!isObj(merged.metadata)) merged.metadata = { name: ref.name };
  merged.metadata.name = ref.name;
  if (ns !== undefined) merged.metadata.namespace = ns;
  merged.kind = t.kind;
  merged.apiVersion = existing.apiVersion;
  const patchMeta = isObj(patch.metadata) ? patch.metadata : {};
  if (!patchMeta.resourceVersion) merged.metadata.resourceVersion = existing.metadata.resourceVersion;
  return updateObject(ctx, merged, options);
}
