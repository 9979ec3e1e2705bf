// The log subresource: a container's output from the control plane's record, with the kubelet's refusals.
import type { ApiStatus, ObjectRef } from './api.ts';
import { namespaceOf, type ApiContext } from './context.ts';
import { resourceForKind, type ResourceType } from './resources.ts';
import { badRequest, notFound } from './status.ts';
import type { Container, ContainerStatus } from './types.ts';

export type LogsResult = { ok: true; text: string } | { ok: false; status: ApiStatus };

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName']);

/** `kubectl logs POD [-c C] [--previous] [--tail N] [--timestamps]`. */
export function podLogs(
  ctx: ApiContext,
  ref: ObjectRef,
  container?: string,
  options: { previous?: boolean; tail?: number; timestamps?: boolean } = {},
): LogsResult {
  const podType = resourceForKind('Pod') as ResourceType;
  const ns = namespaceOf(podType, ref.namespace) as string;
  const pod = ctx.world.store.get('Pod', ns, ref.name);
  if (!pod) return { ok: false, status: notFound(podType, ref.name) };
  const names = ((pod.spec?.containers ?? []) as Container[]).map((c) => c.name);
  const initNames = ((pod.spec?.initContainers ?? []) as Container[]).map((c) => c.name);
  let name = container;
  if (!name) {
    if (names.length !== 1) {
      const init = initNames.length ? ` or one of the init containers: [${initNames.join(' ')}]` : '';
      return {
        ok: false,
        status: badRequest(`a container name must be specified for pod ${ref.name}, choose one of: [${names.join(' ')}]${init}`),
      };
    }
    name = names[0];
  }
  if (!names.includes(name) && !initNames.includes(name))
    return { ok: false, status: badRequest(`container ${name} is not valid for pod ${ref.name}`) };
  const lines = ctx.world.control.logs(ns, ref.name, name, options.previous ?? false);
  if (!lines) {
    if (options.previous)
      return { ok: false, status: badRequest(`previous terminated container "${name}" in pod "${ref.name}" not found`) };
    const st = ((pod.status?.containerStatuses ?? []) as ContainerStatus[]).find((s) => s.name === name);
    const reason = st?.state.waiting?.reason ?? 'ContainerCreating';
    const why = PULL_REASONS.has(reason) ? 'trying and failing to pull image' : reason;
    return { ok: false, status: badRequest(`container "${name}" in pod "${ref.name}" is waiting to start: ${why}`) };
  }
  let all = lines;
  if (options.timestamps) {
    // The kubelet's timestamps=true: each line prefixed with when the runtime took it, RFC 3339 with nanoseconds
    // (Go's time.RFC3339Nano drops trailing zeros). Lines without a recorded time take the container's start.
    const times = ctx.world.control.logTimes(ns, ref.name, name, options.previous ?? false) ?? [];
    const st = ((pod.status?.containerStatuses ?? []) as ContainerStatus[]).find((s) => s.name === name);
    const started = Date.parse(st?.state.running?.startedAt ?? st?.state.terminated?.startedAt ?? '') || ctx.world.clock.now();
    all = lines.map((l, i) => `${rfc3339Nano(times[i] ?? started)} ${l}`);
  }
  const shown = options.tail !== undefined && options.tail >= 0 ? all.slice(Math.max(0, all.length - options.tail)) : all;
  return { ok: true, text: shown.length ? `${shown.join('\n')}\n` : '' };
}

/** Go's time.RFC3339Nano in UTC for a millisecond instant: 2026-12-05T10:00:00.25Z, or ...:00Z on a whole second. */
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-05T10:00:00.250Z
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
