// cat: concatenate files (or stdin) to stdout; -n numbers lines.
import type { ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

export const cat: ToolInfo = {
  name: 'cat',
  on: 'everywhere',
  summary: 'print files',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'nuAvET' });
    if ('error' in o) return usageError(ctx, o.error, '[-nbvteA] [FILE]...');
    const gnu = userland(ctx) === 'gnu';
    let status = 0;
    let n = 0;
    for (const f of o.args.length > 0 ? o.args : ['-']) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        if (gnu) ctx.stderr(`cat: ${f}: ${strerror(r.errno)}\n`);
        else
          ctx.stderr(r.errno === 'EISDIR' ? `cat: read error: ${strerror(r.errno)}\n` : `cat: can't open '${f}': ${strerror(r.errno)}\n`);
        status = 1;
        continue;
      }
      if (!o.flags.has('n')) {
        ctx.stdout(r.text);
        continue;
      }
      const lines = r.text.split('\n');
      const last = lines.pop() as string;
      for (const l of lines) ctx.stdout(`${String(++n).padStart(6)}\t${l}\n`);
      if (last !== '') ctx.stdout(`${String(++n).padStart(6)}\t${last}`);
    }
    return status;
  },
};
