// Image pulls as the kubelet does them: pull policy, the node's image cache, pull events, ErrImagePull and
// ImagePullBackOff with a doubling back-off.
import { defaultPullPolicy, parseImageRef } from '../api/image-ref.ts';
import type { World } from '../contracts.ts';
import type { ControlContext } from './context.ts';
import { goDuration } from './go-duration.ts';
import type { ContainerRt, PodRt } from './kubelet-state.ts';
import { containerEvent, containerSpec, jitter, later } from './kubelet-util.ts';
import { lookupImage } from './system-images.ts';

/** Back-off between failed pulls: 10s doubling, capped at 300s. */
export function backoffMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 300_000);
}

/** How long re-checking an image already on the node takes (a manifest HEAD): about a second. */
const CACHED_PULL_MS = 900;
/** How long the registry takes to say no. */
const FAILED_PULL_MS = 1_300;

/** containerd's error for an image that cannot be pulled: unknown tag of a known repository, or no such repository. */
export function pullError(world: World, image: string): string {
  const ref = parseImageRef(image);
  const untagged = image.replace(/:[^/:@]+$/, '').replace(/@.*$/, '');
  let repoKnown = false;
  try {
    repoKnown = untagged !== image && world.images.lookup(untagged) !== undefined;
  } catch {
    repoKnown = false;
  }
  const head = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  if (repoKnown || ref.registry !== 'docker.io') return `rpc error: code = NotFound desc = ${head}: ${ref.full}: not found`;
  return `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** A plausible compressed size when the catalog gives none (stable per image). */
function sizeOf(world: World, image: string): number {
  const info = lookupImage(world, image);
  if (info?.sizeBytes) return info.sizeBytes;
  let h = 7;
  for (const ch of image) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 2_000_000 + (h % 70_000_000);
}

/**
 * Make the container's image present on the node, then call `onReady`; on failure record ErrImagePull, call
 * `onFailed` at once (the kubelet goes on with the next container), and retry after the back-off.
 */
export function pullImage(ctx: ControlContext, rt: PodRt, c: ContainerRt, onReady: () => void, onFailed: () => void): void {
  const world = ctx.world;
  const spec = containerSpec(ctx, rt, c.name);
  const image = spec?.image ?? c.image;
  c.image = image;
  const policy = (spec as { imagePullPolicy?: string } | undefined)?.imagePullPolicy ?? defaultPullPolicy(image);
  const full = parseImageRef(image).full;
  const cached = ctx.kubelet.hasImage(rt.node, full);
  if (cached && policy !== 'Always') {
    containerEvent(ctx, rt, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    later(ctx, rt, c, jitter(ctx, 150), onReady);
    return;
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`;
    Object.assign(c, { state: 'waiting', reason: 'ErrImageNeverPull', message });
    containerEvent(ctx, rt, c, 'Warning', 'ErrImageNeverPull', message);
    onFailed();
    return;
  }
  containerEvent(ctx, rt, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
  const info = lookupImage(world, image);
  const ms = !info ? jitter(ctx, FAILED_PULL_MS) : cached ? jitter(ctx, CACHED_PULL_MS) : jitter(ctx, info.pullMs);
  later(ctx, rt, c, ms, () => {
    if (info) {
      ctx.kubelet.addImage(rt.node, full);
      const d = goDuration(ms);
      containerEvent(
        ctx,
        rt,
        c,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${sizeOf(world, image)} bytes.`,
      );
      onReady();
      return;
    }
    const err = pullError(world, image);
    c.pullFailures++;
    c.token++;
    Object.assign(c, { state: 'waiting', reason: 'ErrImagePull', message: err });
    containerEvent(ctx, rt, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${err}`);
    containerEvent(ctx, rt, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    onFailed();
    // The next sync finds the image in back-off; the retry comes when the back-off ends.
    later(ctx, rt, c, 1_000, () => {
      c.token++;
      Object.assign(c, { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${err}` });
      containerEvent(ctx, rt, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      containerEvent(ctx, rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      later(ctx, rt, c, backoffMs(c.pullFailures), () => pullImage(ctx, rt, c, onReady, () => undefined));
    });
  });
}
