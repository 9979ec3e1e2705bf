// Small text and system programs: egrep and fgrep (grep -E/-F), tac, nproc, tty.
import type { ToolContext, ToolInfo } from '../tool.ts';
import { grep } from './grep.ts';
import { readOperand, strerror } from './kit.ts';

function grepAs(name: string, flag: string): ToolInfo {
  return {
    name,
    on: 'everywhere',
    summary: `grep ${flag}`,
    run: (ctx: ToolContext) =>
      grep.run({
        ...ctx,
        argv: ['grep', flag, ...ctx.argv.slice(1)],
        get stdin() {
          return ctx.stdin;
        },
      }),
  };
}

export const egrep = grepAs('egrep', '-E');
export const fgrep = grepAs('fgrep', '-F');

export const tac: ToolInfo = {
  name: 'tac',
  on: 'everywhere',
  summary: 'print lines in reverse',
  run: (ctx) => {
    let status = 0;
    for (const f of ctx.argv.length > 1 ? ctx.argv.slice(1) : ['-']) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        ctx.stderr(`tac: failed to open '${f}' for reading: ${strerror(r.errno)}\n`);
        status = 1;
        continue;
      }
      const lines = r.text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      ctx.stdout(
        lines
          .reverse()
          .map((l) => `${l}\n`)
          .join(''),
      );
    }
    return status;
  },
};

/** Nodes are not modelled down to CPUs: every host reports 2 (a small lab VM). */
export const nproc: ToolInfo = {
  name: 'nproc',
  on: 'everywhere',
  summary: 'number of processing units',
  run: (ctx) => {
    ctx.stdout('2\n');
    return 0;
  },
};

export const tty: ToolInfo = {
  name: 'tty',
  on: 'everywhere',
  summary: 'print the terminal name',
  run: (ctx) => {
    ctx.stdout(ctx.tty ? '/dev/pts/0\n' : 'not a tty\n');
    return ctx.tty ? 0 : 1;
  },
};
