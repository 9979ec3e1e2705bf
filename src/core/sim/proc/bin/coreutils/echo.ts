// echo and printf as programs (/bin/echo, /usr/bin/printf); the shell's builtins usually run instead.
import { renderEcho } from '../../shell/builtins/echo.ts';
import { formatPrintf } from '../../shell/printf-format.ts';
import type { ToolInfo } from '../tool.ts';
import { progName, usageError } from './kit.ts';

export const echo: ToolInfo = {
  name: 'echo',
  on: 'everywhere',
  summary: 'print arguments',
  run: (ctx) => {
    ctx.stdout(renderEcho(ctx.argv.slice(1), 'with-e'));
    return 0;
  },
};

export const printf: ToolInfo = {
  name: 'printf',
  on: 'everywhere',
  summary: 'format and print',
  run: (ctx) => {
    if (ctx.argv.length < 2) return usageError(ctx, 'missing operand', 'FORMAT [ARG]...');
    const r = formatPrintf(ctx.argv[1], ctx.argv.slice(2));
    ctx.stdout(r.out);
    for (const e of r.errors) ctx.stderr(`${progName(ctx)}: ${e}\n`);
    return r.errors.length > 0 ? 1 : 0;
  },
};
