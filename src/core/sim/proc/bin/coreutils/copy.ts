// cp (-r) and mv: copy or move files and directory trees within one host.
import type { FileSystem } from '../../../contracts.ts';
import { basename, resolvePath } from '../../os/fs/paths.ts';
import type { ToolContext, ToolInfo } from '../tool.ts';
import { abs, fsOf, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

/** Copy a file or a tree; returns false if the source vanished. */
function copyTree(fs: FileSystem, from: string, to: string): void {
  if (fs.isDir(from)) {
    if (fs.mkdir) fs.mkdir(to, { parents: true });
    for (const name of fs.list(from) ?? []) copyTree(fs, `${from}/${name}`, `${to}/${name}`);
    return;
  }
  const text = fs.read(from) ?? '';
  if (fs.writeFile) fs.writeFile(to, text);
  else fs.write(to, text);
  const mode = fs.stat(from)?.mode;
  if (mode !== undefined) fs.chmod(to, mode);
}

function transfer(which: 'cp' | 'mv'): ToolInfo['run'] {
  return (ctx: ToolContext) => {
    const o = parseOptions(ctx.argv, { flags: 'rRfaivpn', long: { recursive: 'r', force: 'f', archive: 'a' } });
    const usage = '[-arPLHpfinlsTu] SOURCE DEST';
    if ('error' in o) return usageError(ctx, o.error, usage);
    const gnu = userland(ctx) === 'gnu';
    if (o.args.length < 2) {
      if (!gnu) return usageError(ctx, undefined, usage);
      return usageError(ctx, o.args.length === 0 ? 'missing file operand' : `missing destination file operand after '${o.args[0]}'`, usage);
    }
    const fs = fsOf(ctx);
    const sources = o.args.slice(0, -1);
    const dest = abs(ctx, o.args[o.args.length - 1]);
    const intoDir = fs.isDir(dest);
    if (sources.length > 1 && !intoDir) {
      ctx.stderr(`${which}: target '${o.args[o.args.length - 1]}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const s of sources) {
      const from = abs(ctx, s);
      if (!fs.isDir(from) && fs.read(from) === undefined) {
        ctx.stderr(`${which}: ${gnu ? 'cannot' : "can't"} stat '${s}': ${strerror('ENOENT')}\n`);
        status = 1;
        continue;
      }
      if (which === 'cp' && fs.isDir(from) && !(o.flags.has('r') || o.flags.has('R') || o.flags.has('a'))) {
        ctx.stderr(gnu ? `cp: -r not specified; omitting directory '${s}'\n` : `cp: omitting directory '${s}'\n`);
        status = 1;
        continue;
      }
      const to = intoDir ? resolvePath(dest, basename(from)) : dest;
      if (to === from) continue;
      copyTree(fs, from, to);
      if (which === 'mv') fs.remove(from);
    }
    return status;
  };
}

export const cp: ToolInfo = { name: 'cp', on: 'everywhere', summary: 'copy files', run: transfer('cp') };
export const mv: ToolInfo = { name: 'mv', on: 'everywhere', summary: 'move or rename files', run: transfer('mv') };
