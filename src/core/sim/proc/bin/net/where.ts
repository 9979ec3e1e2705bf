// Where a network tool runs: its network namespace, and which build of the tool is installed there — the node's
// Debian-like userland (curl 7.88.1, iputils, iproute2, bind9, OpenBSD nc) or the image's (BusyBox applets).
import type { Pod } from '../../../api/types.ts';
import type { NetnsRef } from '../../../contracts.ts';
import { toolsetOf, type BusyboxBuild } from '../../images/index.ts';
import type { ToolContext } from '../tool.ts';

export interface ToolEnv {
  netns: NetnsRef;
  /** BusyBox applet or the full program. */
  flavour: 'busybox' | 'full';
  libc: 'glibc' | 'musl';
  /** The BusyBox build, when the image has one (banners, nc features). */
  busybox?: BusyboxBuild;
}

/** The namespace processes on this host use (the dataplane maps hostNetwork pods to their node). */
export function netnsOf(ctx: ToolContext): NetnsRef {
  const h = ctx.host;
  return h.kind === 'node' ? { kind: 'node', node: h.node } : { kind: 'pod', namespace: h.namespace, pod: h.pod };
}

/** Which build of `tool` answers on this host. */
export function toolEnv(ctx: ToolContext, tool: string): ToolEnv {
  const netns = netnsOf(ctx);
  const h = ctx.host;
  if (h.kind === 'node') return { netns, flavour: 'full', libc: 'glibc' };
  const pod = ctx.world.store.peek<Pod>('Pod', h.namespace, h.pod);
  const image = pod?.spec.containers.find((c) => c.name === h.container)?.image;
  const toolset = image ? toolsetOf(image) : undefined;
  if (!toolset) return { netns, flavour: 'full', libc: 'glibc' };
  const applet = toolset.busybox?.applets.includes(tool) ?? false;
  return { netns, flavour: applet ? 'busybox' : 'full', libc: toolset.libc, busybox: toolset.busybox };
}

/** A path as the tool sees it: absolute, or relative to the working directory. */
export function resolvePath(ctx: ToolContext, path: string): string {
  if (path.startsWith('/')) return path;
  return `${ctx.cwd.replace(/\/$/, '')}/${path}`;
}
