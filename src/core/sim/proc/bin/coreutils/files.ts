// Files and directories: touch, mkdir (-p), rm (-r -f), rmdir; messages as coreutils or BusyBox word them.
import type { FsErrno } from '../../../contracts.ts';
import { dirname } from '../../os/fs/paths.ts';
import type { ToolContext, ToolInfo } from '../tool.ts';
import { abs, fsOf, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

function mkdirOne(ctx: ToolContext, path: string, parents: boolean): FsErrno | undefined {
  const fs = fsOf(ctx);
  if (fs.mkdir) return fs.mkdir(path, { parents });
  if (fs.isDir(path)) return parents ? undefined : 'EEXIST';
  if (!parents && !fs.isDir(dirname(path))) return 'ENOENT';
  fs.write(`${path}/.keep`, '');
  fs.remove(`${path}/.keep`);
  return undefined;
}

export const touch: ToolInfo = {
  name: 'touch',
  on: 'everywhere',
  summary: 'create files or update their time',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'acm' });
    if ('error' in o) return usageError(ctx, o.error, '[-c] [-d DATE] [-t DATE] [-r FILE] FILE...');
    if (o.args.length === 0) return usageError(ctx, 'missing file operand', '[-c] [-d DATE] [-t DATE] [-r FILE] FILE...');
    const fs = fsOf(ctx);
    const gnu = userland(ctx) === 'gnu';
    let status = 0;
    for (const f of o.args) {
      const path = abs(ctx, f);
      if (fs.isDir(path)) continue;
      const errno = fs.isDir(dirname(path))
        ? fs.writeFile
          ? fs.writeFile(path, '', { append: true })
          : (fs.write(path, fs.read(path) ?? ''), undefined)
        : 'ENOENT';
      if (errno) {
        ctx.stderr(gnu ? `touch: cannot touch '${f}': ${strerror(errno)}\n` : `touch: ${f}: ${strerror(errno)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const mkdir: ToolInfo = {
  name: 'mkdir',
  on: 'everywhere',
  summary: 'make directories',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', mode: 'm' } });
    if ('error' in o) return usageError(ctx, o.error, '[-m MODE] [-p] DIRECTORY...');
    if (o.args.length === 0) return usageError(ctx, 'missing operand', '[-m MODE] [-p] DIRECTORY...');
    const gnu = userland(ctx) === 'gnu';
    let status = 0;
    for (const d of o.args) {
      const errno = mkdirOne(ctx, abs(ctx, d), o.flags.has('p'));
      if (errno) {
        ctx.stderr(`mkdir: ${gnu ? 'cannot' : "can't"} create directory '${d}': ${strerror(errno)}\n`);
        status = 1;
      } else if (o.flags.has('v')) ctx.stdout(`mkdir: created directory '${d}'\n`);
    }
    return status;
  },
};

export const rm: ToolInfo = {
  name: 'rm',
  on: 'everywhere',
  summary: 'remove files or directories',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'rRfiv', long: { recursive: 'r', force: 'f' } });
    if ('error' in o) return usageError(ctx, o.error, '[-irf] FILE...');
    if (o.args.length === 0) return o.flags.has('f') ? 0 : usageError(ctx, 'missing operand', '[-irf] FILE...');
    const fs = fsOf(ctx);
    const gnu = userland(ctx) === 'gnu';
    const recursive = o.flags.has('r') || o.flags.has('R');
    let status = 0;
    for (const f of o.args) {
      const path = abs(ctx, f);
      const isDir = fs.isDir(path);
      if (!isDir && fs.read(path) === undefined) {
        if (o.flags.has('f')) continue;
        ctx.stderr(`rm: ${gnu ? 'cannot' : "can't"} remove '${f}': ${strerror('ENOENT')}\n`);
        status = 1;
      } else if (isDir && !recursive) {
        ctx.stderr(gnu ? `rm: cannot remove '${f}': ${strerror('EISDIR')}\n` : `rm: '${f}' is a directory\n`);
        status = 1;
      } else fs.remove(path);
    }
    return status;
  },
};

export const rmdir: ToolInfo = {
  name: 'rmdir',
  on: 'everywhere',
  summary: 'remove empty directories',
  run: (ctx) => {
    const fs = fsOf(ctx);
    const gnu = userland(ctx) === 'gnu';
    let status = 0;
    for (const d of ctx.argv.slice(1)) {
      const path = abs(ctx, d);
      const entries = fs.list(path);
      const errno: FsErrno | undefined =
        entries === undefined ? (fs.read(path) !== undefined ? 'ENOTDIR' : 'ENOENT') : entries.length > 0 ? 'ENOTEMPTY' : undefined;
      if (errno) {
        ctx.stderr(gnu ? `rmdir: failed to remove '${d}': ${strerror(errno)}\n` : `rmdir: '${d}': ${strerror(errno)}\n`);
        status = 1;
      } else fs.remove(path);
    }
    return status;
  },
};
