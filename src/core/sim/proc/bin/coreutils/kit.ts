// Shared pieces of the core tools: which userland speaks (GNU or BusyBox), paths, reading file operands,
// and the usage errors each userland prints.
import type { FileSystem, FsErrno } from '../../../contracts.ts';
import { resolvePath } from '../../os/fs/paths.ts';
import { STRERROR } from '../../shell/flavours.ts';
import type { Userland } from '../../os/os-profiles.ts';
import { toolsetOf } from '../../images/index.ts';
import type { ToolContext } from '../tool.ts';

export type { Userland };

/**
 * Who prints this program's messages: BusyBox when the image's BusyBox build provides it as an applet (busybox,
 * alpine; agnhost's applets), else GNU (nodes, Debian images, full tools). Images the catalog does not know
 * fall back to their OS profile.
 */
export function userland(ctx: ToolContext): Userland {
  const info = ctx.hostInfo();
  const toolset = info?.container ? toolsetOf(info.container.image) : undefined;
  if (toolset) return toolset.busybox?.applets.includes(progName(ctx)) ? 'busybox' : 'gnu';
  return info?.os.userland ?? 'gnu';
}

/** The version line BusyBox prints above an applet's usage: the image's own build when the catalog knows it. */
export function busyboxBanner(ctx: ToolContext): string {
  const info = ctx.hostInfo();
  return (info?.container && toolsetOf(info.container.image)?.busybox?.banner) || BUSYBOX_BANNER;
}

export function fsOf(ctx: ToolContext): FileSystem {
  return ctx.fs;
}

export function abs(ctx: ToolContext, path: string): string {
  return resolvePath(ctx.cwd, path);
}

export function strerror(errno: FsErrno): string {
  return STRERROR[errno];
}

/** Read a file operand (`-` is stdin): its text, or why not (ENOENT, EISDIR). */
export function readOperand(ctx: ToolContext, operand: string): { text: string } | { errno: FsErrno } {
  if (operand === '-') return { text: ctx.stdin };
  const fs = fsOf(ctx);
  const path = abs(ctx, operand);
  if (fs.isDir(path)) return { errno: 'EISDIR' };
  const text = fs.read(path);
  return text === undefined ? { errno: 'ENOENT' } : { text };
}

/** BusyBox's banner when the image's build is unknown. */
export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';

/**
 * A usage error as each userland prints it: GNU `prog: MSG` + `Try 'prog --help' ...`; BusyBox `prog: MSG` +
 * its banner and usage line. Returns the exit status.
 */
export function usageError(ctx: ToolContext, msg: string | undefined, usage: string, gnuStatus = 1): number {
  const prog = ctx.argv[0].replace(/^.*\//, '');
  if (userland(ctx) === 'gnu') {
    ctx.stderr(`${msg ? `${prog}: ${msg}\n` : ''}Try '${prog} --help' for more information.\n`);
    return gnuStatus;
  }
  ctx.stderr(`${msg ? `${prog}: ${msg}\n` : ''}${busyboxBanner(ctx)}\n\nUsage: ${prog} ${usage}\n\n`);
  return 1;
}

/** The program name as invoked, without its directory. */
export function progName(ctx: ToolContext): string {
  return ctx.argv[0].replace(/^.*\//, '');
}
