// ls: list directories and files; columns on a terminal, one per line otherwise; -l, -a, -A, -1, -d.
import type { FileStat } from '../../../contracts.ts';
import { resolvePath } from '../../os/fs/paths.ts';
import type { ToolContext, ToolInfo } from '../tool.ts';
import { fsOf, strerror, usageError, userland } from './kit.ts';
import { blocks, columns, longLines, type LongEntry } from './ls-format.ts';
import { parseOptions, type Options } from './options.ts';

export const ls: ToolInfo = {
  name: 'ls',
  on: 'everywhere',
  summary: 'list directory contents',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'laA1dhFrt', long: { all: 'a', 'almost-all': 'A', directory: 'd', 'human-readable': 'h' } });
    if ('error' in o) return usageError(ctx, o.error, '[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...', 2);
    const gnu = userland(ctx) === 'gnu';
    const fs = fsOf(ctx);
    let status = 0;
    const files: string[] = [];
    const dirs: string[] = [];
    for (const operand of o.args.length > 0 ? o.args : ['.']) {
      const path = resolvePath(ctx.cwd, operand);
      const st = statOf(ctx, path);
      if (!st) {
        ctx.stderr(gnu ? `ls: cannot access '${operand}': ${strerror('ENOENT')}\n` : `ls: ${operand}: ${strerror('ENOENT')}\n`);
        status = gnu ? 2 : 1;
      } else if (st.kind === 'dir' && !o.flags.has('d')) dirs.push(operand);
      else files.push(operand);
    }
    const blocksOut: string[] = [];
    if (files.length > 0) blocksOut.push(render(ctx, o, files.sort(), (n) => resolvePath(ctx.cwd, n), false));
    const header = files.length > 0 || dirs.length > 1 || status !== 0;
    for (const d of dirs.sort()) {
      const dir = resolvePath(ctx.cwd, d);
      let names = fs.list(dir) ?? [];
      if (o.flags.has('a')) names = ['.', '..', ...names];
      else if (!o.flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
      if (o.flags.has('r')) names.reverse();
      const body = render(ctx, o, names, (n) => resolvePath(dir, n), true);
      blocksOut.push(header ? `${d}:\n${body}` : body);
    }
    ctx.stdout(blocksOut.join('\n'));
    return status;
  },
};

function statOf(ctx: ToolContext, path: string): FileStat | undefined {
  const fs = fsOf(ctx);
  const st = fs.stat?.(path);
  if (st) return st;
  if (fs.isDir(path)) return { kind: 'dir', size: 4096, mtimeMs: ctx.clock.now(), mode: 0o755 };
  const text = fs.read(path);
  return text === undefined ? undefined : { kind: 'file', size: text.length, mtimeMs: ctx.clock.now(), mode: 0o644 };
}

/** One listing block: long lines (with `total` for directories), one per line, or columns on a tty. */
function render(ctx: ToolContext, o: Options, names: string[], pathOf: (n: string) => string, isDirListing: boolean): string {
  const gnu = userland(ctx) === 'gnu';
  if (o.flags.has('l')) {
    const fs = fsOf(ctx);
    const entries: LongEntry[] = names.map((name) => {
      const stat = statOf(ctx, pathOf(name)) as FileStat;
      const subdirs = stat.kind === 'dir' ? (fs.list(pathOf(name)) ?? []).filter((c) => fs.isDir(`${pathOf(name)}/${c}`)).length : 0;
      return { name, stat, nlink: stat.kind === 'dir' ? 2 + subdirs : 1 };
    });
    const total = isDirListing ? `total ${entries.reduce((s, e) => s + blocks(e.stat), 0)}\n` : '';
    return total + (entries.length > 0 ? longLines(entries, gnu ? 'gnu' : 'busybox', ctx.clock.now()) : '');
  }
  if (!ctx.tty || o.flags.has('1')) return names.map((n) => `${n}\n`).join('');
  return columns(names, gnu ? 'gnu' : 'busybox');
}
