// POST: decode, name generation, defaulting, validation, allocation, then the store.
import type { ApiResult, WriteOptions } from './api.ts';
import { allocateClusterIp, allocateNodePorts } from './allocators.ts';
import { checkNamespace, GENERATION_KINDS, namespaceOf, newUid, touchManagedFields, type ApiContext } from './context.ts';
import { decodeObject } from './decode.ts';
import { applyDefaults } from './defaults.ts';
import { resourceForKind, type ResourceType } from './resources.ts';
import { alreadyExists, badRequest, fail, invalidResult, noKindMatch } from './status.ts';
import { clone } from './store.ts';
import type { KObject, Service } from './types.ts';
import { validateCreate } from './validation.ts';

/** Kinds whose create strategy discards a status sent by the client (Nodes keep theirs: the kubelet registers with one). */
const STATUS_RESET_KINDS = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Namespace']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolve the type of an incoming object from its kind and apiVersion, or the discovery failure. */
export function typeOfObject(input: unknown): { t: ResourceType } | { result: ApiResult } {
  if (!isObj(input))
    return {
      result: fail(
        badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'),
      ),
    };
  const kind = typeof input.kind === 'string' ? input.kind : '';
  const apiVersion = typeof input.apiVersion === 'string' ? input.apiVersion : '';
  if (!kind) return { result: fail(badRequest(`Object 'Kind' is missing in '${JSON.stringify(input)}'`)) };
  const t = resourceForKind(kind, apiVersion);
  if (!t) return { result: fail(noKindMatch(kind, apiVersion)) };
  return { t };
}

/** SimpleNameGenerator: the base is cut to 58 characters, then 5 random characters follow. */
function generateName(ctx: ApiContext, base: string): string {
  return `${base.slice(0, 58)}${ctx.names.alnum(5)}`;
}

/** Allocate ClusterIP / NodePorts of a new Service; field errors if the requested ones are not available. */
function allocateService(ctx: ApiContext, svc: Service, t: ResourceType): ApiResult | undefined {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return undefined;
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
  } else {
    const r = allocateClusterIp(ctx.world.store, ctx.world.cluster.serviceCIDR, spec.clusterIP || spec.clusterIPs?.[0], ctx.ips);
    if ('errors' in r) return invalidResult(t, svc.metadata.name, r.errors);
    spec.clusterIP = r.ip;
    spec.clusterIPs = [r.ip];
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const errs = allocateNodePorts(ctx.world.store, svc, ctx.ips);
    if (errs.length) return invalidResult(t, svc.metadata.name, errs);
  }
  return undefined;
}

/** The create verb (POST). */
export function createObject(ctx: ApiContext, input: KObject, options: WriteOptions = {}): ApiResult {
  const typed = typeOfObject(input);
  if ('result' in typed) return typed.result;
  const { t } = typed;
  const obj = clone(input);
  const decoded = decodeObject(t, obj, options.fieldValidation ?? 'Strict');
  if (!decoded.ok) return fail(decoded.status);
  if (!isObj(obj.metadata)) obj.metadata = { name: '' };
  const meta = obj.metadata;
  if (meta.resourceVersion) return fail(badRequest('resourceVersion should not be set on objects to be created'));
  if (!meta.name && meta.generateName) meta.name = generateName(ctx, meta.generateName);
  const ns = namespaceOf(t, meta.namespace);
  if (ns === undefined) delete meta.namespace;
  else meta.namespace = ns;
  const nsProblem = checkNamespace(ctx, t, ns, meta.name ?? '');
  if (nsProblem) return fail(nsProblem);
  for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields'] as const)
    delete meta[k];
  if (STATUS_RESET_KINDS.has(t.kind)) delete obj.status;
  applyDefaults(obj, { rng: ctx.names, create: true });
  const errs = validateCreate(obj);
  if (errs.length) return invalidResult(t, meta.name ?? '', errs);
  if (ctx.world.store.has(t.kind, ns, meta.name)) return fail(alreadyExists(t, meta.name));
  if (t.kind === 'Service') {
    const problem = allocateService(ctx, obj as Service, t);
    if (problem) return problem;
    obj.status ??= { loadBalancer: {} };
  }
  meta.creationTimestamp = ctx.world.clock.iso();
  if (GENERATION_KINDS.has(t.kind)) meta.generation = 1;
  touchManagedFields(ctx, obj, options.fieldManager, 'Update');
  if (options.dryRun) return { ok: true, object: obj, warnings: decoded.warnings };
  meta.uid = newUid(ctx.uids);
  return { ok: true, object: ctx.world.store.create(obj), warnings: decoded.warnings };
}
