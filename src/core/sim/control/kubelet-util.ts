// Small kubelet helpers: cancellable timers, container events, the pod object behind a runtime entry.
import type { Container, Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { nodeIsDown } from './context.ts';
import type { ContainerRt, PodRt } from './kubelet-state.ts';

/** The store's pod for a runtime entry, if it is still the same pod (same uid): the stored object, read only. */
export function podObject(ctx: ControlContext, rt: PodRt): Pod | undefined {
  const p = ctx.world.store.peek<Pod>('Pod', rt.namespace, rt.name);
  return p && p.metadata.uid === rt.uid ? p : undefined;
}

/** The container's spec in the current pod object. */
export function containerSpec(ctx: ControlContext, rt: PodRt, name: string): Container | undefined {
  return (podObject(ctx, rt)?.spec.containers as Container[] | undefined)?.find((c) => c.name === name);
}

/**
 * Run `fn` after `ms` of simulated time unless, by then, the pod is gone, the container moved on (its token
 * changed), or the node's kubelet is down.
 */
export function later(ctx: ControlContext, rt: PodRt, c: ContainerRt | undefined, ms: number, fn: () => void): void {
  const podToken = rt.token;
  const cToken = c?.token;
  ctx.world.clock.schedule(Math.max(1, Math.round(ms)), () => {
    if (ctx.kubelet.pods.get(rt.uid) !== rt || rt.token !== podToken) return;
    if (c && c.token !== cToken) return;
    if (nodeIsDown(ctx.world, rt.node)) return;
    ctx.kubelet.dirty = true;
    ctx.kubelet.touched.add(rt);
    fn();
  });
}

/** A kubelet event about one container of the pod. */
export function containerEvent(
  ctx: ControlContext,
  rt: PodRt,
  c: ContainerRt,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  const pod = podObject(ctx, rt);
  if (!pod) return;
  ctx.events.record(pod, { component: 'kubelet', host: rt.node }, { type, reason, message, fieldPath: `spec.containers{${c.name}}` });
}

/** `nginx_default(uid)`: how the kubelet names a pod in its messages. */
export function podLabel(rt: PodRt): string {
  return `${rt.name}_${rt.namespace}(${rt.uid})`;
}

/** A random-looking 64-hex-digit id from the kubelet's stream (container and sandbox ids). */
export function hexId(ctx: ControlContext): string {
  let s = '';
  while (s.length < 64)
    s += Math.floor(ctx.kubeletRng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, 64);
}

/** A duration around `base` (±10%), so pulls and starts do not all tick in lockstep. */
export function jitter(ctx: ControlContext, base: number): number {
  return Math.round(base * (0.9 + 0.2 * ctx.kubeletRng.next()));
}
