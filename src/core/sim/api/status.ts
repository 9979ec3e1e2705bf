// Status builders: the apiserver's failures, worded as k8s.io/apimachinery/pkg/api/errors words them.
import type { ApiResult, ApiStatus } from './api.ts';
import { aggregate, errorBody, type FieldError } from './field-errors.ts';
import { qualifiedPlural, type ResourceType } from './resources.ts';

function status(reason: ApiStatus['reason'], code: number, message: string, details?: ApiStatus['details']): ApiStatus {
  const s: ApiStatus = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

/** A failed ApiResult. */
export function fail(s: ApiStatus): { ok: false; status: ApiStatus } {
  return { ok: false, status: s };
}

/** `pods "x" not found` (404). */
export function notFound(t: ResourceType, name: string): ApiStatus {
  return status('NotFound', 404, `${qualifiedPlural(t)} "${name}" not found`, { name, group: t.group || undefined, kind: t.plural });
}

/** `pods "x" already exists` (409). */
export function alreadyExists(t: ResourceType, name: string): ApiStatus {
  return status('AlreadyExists', 409, `${qualifiedPlural(t)} "${name}" already exists`, {
    name,
    group: t.group || undefined,
    kind: t.plural,
  });
}

/**
 * `Pod "x" is invalid: spec.containers: Required value` (422). details.kind is the bare kind and causes carry
 * field + body, so kubectl can print `The Pod "x" is invalid: ...` as it does from a real server.
 */
export function invalidStatus(t: ResourceType, name: string, errs: readonly FieldError[]): ApiStatus {
  const groupKind = t.group ? `${t.kind}.${t.group}` : t.kind;
  return status('Invalid', 422, `${groupKind} "${name}" is invalid: ${aggregate(errs)}`, {
    name,
    group: t.group || undefined,
    kind: t.kind,
    causes: errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
  });
}

/** `Operation cannot be fulfilled on pods "x": <why>` (409). */
export function conflict(t: ResourceType, name: string, why: string): ApiStatus {
  return status('Conflict', 409, `Operation cannot be fulfilled on ${qualifiedPlural(t)} "${name}": ${why}`, {
    name,
    group: t.group || undefined,
    kind: t.plural,
  });
}

/** `namespaces "default" is forbidden: <why>` (403). */
export function forbiddenStatus(t: ResourceType, name: string, why: string): ApiStatus {
  return status('Forbidden', 403, `${qualifiedPlural(t)} "${name}" is forbidden: ${why}`, {
    name,
    group: t.group || undefined,
    kind: t.plural,
  });
}

/** A 400 with a free message (decode errors, logs of a waiting container). */
export function badRequest(message: string): ApiStatus {
  return status('BadRequest', 400, message);
}

/** The discovery failure for an unknown kind or apiVersion: `no matches for kind "Foo" in version "v1"`. */
export function noKindMatch(kind: string, apiVersion: string): ApiStatus {
  return status('NotFound', 404, `no matches for kind "${kind}" in version "${apiVersion}"`, { kind });
}

export function methodNotAllowed(): ApiStatus {
  return status('MethodNotAllowed', 405, 'the server does not allow this method on the requested resource');
}

export function internalError(message: string): ApiStatus {
  return status('InternalError', 500, `Internal error occurred: ${message}`);
}

/** Shorthand for `{ ok: false, status: invalidStatus(...) }`. */
export function invalidResult(t: ResourceType, name: string, errs: readonly FieldError[]): ApiResult {
  return fail(invalidStatus(t, name, errs));
}
