// The API layer contract: validation, defaulting, allocation (ClusterIP, NodePort) and Status errors over the Store.
// kubectl in the simulator and the HTTP facade (podlab apiserver) both go through it, never the Store directly.
import type { KObject, LabelSelector } from './types.ts';

/** A Kubernetes Status, as the real apiserver returns it for failures. */
export interface ApiStatus {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  /** e.g. `pods "x" not found`. */
  message: string;
  reason: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'MethodNotAllowed' | 'InternalError';
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] };
}

/** `warnings` are what a real apiserver sends as Warning headers (kubectl prints each as `Warning: <text>`). */
export type ApiResult<T extends KObject = KObject> = { ok: true; object: T; warnings?: string[] } | { ok: false; status: ApiStatus };

export interface ObjectRef {
  /** The kind (e.g. "Pod"); resolve user words with lookupResource first. */
  kind: string;
  namespace?: string;
  name: string;
}

export interface ListOptions {
  /** undefined = all namespaces (for namespaced kinds). */
  namespace?: string;
  /** A parsed selector; use parseSelector() for kubectl's `-l` text. */
  selector?: LabelSelector;
  /** `metadata.name=x` style field selectors (only metadata.name, metadata.namespace, spec.nodeName, status.phase). */
  fieldSelector?: Record<string, string>;
}

export interface WriteOptions {
  /** Validate and default, but do not persist (kubectl --dry-run=server); client dry-run never calls the API. */
  dryRun?: boolean;
  /** Who wrote it (kubectl-client-side-apply, kubectl-create, ...); recorded in managedFields-lite. */
  fieldManager?: string;
  /**
   * Unknown fields: `Strict` (kubectl's default --validate=strict) fails with BadRequest `strict decoding error: unknown field "..."`,
   * `Warn` returns them as warnings, `Ignore` drops them. Default Strict.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface DeleteOptions {
  /** Seconds; 0 with force deletes immediately. Default: the pod's terminationGracePeriodSeconds (30) in simulated time. */
  gracePeriodSeconds?: number;
  /** Delete owned objects too (default background cascade, as kubectl). */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
}

/**
 * The simulated apiserver. Methods are synchronous: the simulator has no I/O.
 * Writes run admission (defaults, validation, allocation) and then let controllers react on the next reconcile.
 */
export interface Api {
  get(ref: ObjectRef): ApiResult;
  list(kind: string, options?: ListOptions): KObject[];
  create(obj: KObject, options?: WriteOptions): ApiResult;
  /** Full replace (PUT); resourceVersion, if set, must match (else Conflict). */
  update(obj: KObject, options?: WriteOptions): ApiResult;
  /** JSON merge patch (RFC 7386) or strategic merge patch (lists of containers/ports merged by name/port). */
  patch(ref: ObjectRef, patch: unknown, type: 'merge' | 'strategic', options?: WriteOptions): ApiResult;
  delete(ref: ObjectRef, options?: DeleteOptions): ApiResult;
  /** Subresource `scale`: set replicas of a Deployment/ReplicaSet. */
  scale(ref: ObjectRef, replicas: number): ApiResult;
  /** The container's log lines (from the simulated process), as `kubectl logs` prints them. */
  logs(
    ref: ObjectRef,
    container?: string,
    options?: { previous?: boolean; tail?: number; timestamps?: boolean },
  ): { ok: true; text: string } | { ok: false; status: ApiStatus };
}
