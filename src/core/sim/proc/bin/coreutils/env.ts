// env (print the environment, or run a program with a changed one) and printenv.
import type { ToolInfo } from '../tool.ts';
import { usageError } from './kit.ts';

export const env: ToolInfo = {
  name: 'env',
  on: 'everywhere',
  summary: 'print or change the environment',
  run: (ctx) => {
    let vars: Record<string, string> = { ...ctx.env };
    let i = 1;
    for (; i < ctx.argv.length; i++) {
      const a = ctx.argv[i];
      if (a === '-i' || a === '-' || a === '--ignore-environment') vars = {};
      else if (a === '-u') delete vars[ctx.argv[++i] ?? ''];
      else if (a === '--') {
        i++;
        break;
      } else if (a.startsWith('-') && a.length > 1)
        return usageError(ctx, `invalid option -- '${a[1]}'`, '[-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]', 125);
      else break;
    }
    for (; i < ctx.argv.length && /^[^=]+=/.test(ctx.argv[i]); i++) {
      const a = ctx.argv[i];
      vars[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    }
    if (i < ctx.argv.length) return ctx.execIn(ctx.host, ctx.argv.slice(i), ctx.stdin, { env: vars, cwd: ctx.cwd, tty: ctx.tty });
    ctx.stdout(
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  },
};

export const printenv: ToolInfo = {
  name: 'printenv',
  on: 'everywhere',
  summary: 'print environment variables',
  run: (ctx) => {
    const names = ctx.argv.slice(1);
    if (names.length === 0) {
      ctx.stdout(
        Object.entries(ctx.env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      return 0;
    }
    let status = 0;
    for (const n of names) {
      if (n in ctx.env) ctx.stdout(`${ctx.env[n]}\n`);
      else status = 1;
    }
    return status;
  },
};
