// The commands a container script runs without the real shell: output goes to the log, time to the timeline.
import { dateCommand } from '../http-date.ts';
import type { CmdCtx, ScriptCommand } from './context.ts';
import { sleepMs } from '../../../../duration.ts';
import { busyboxHttpd, ncListen } from './servers.ts';
import { testExpr } from './test-expr.ts';

function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|c)/g, (_m, c: string) => ({ n: '\n', t: '\t', '\\': '\\', c: '' })[c] ?? c);
}

const echo: ScriptCommand = (args, ctx) => {
  let i = 0;
  let escapes = ctx.shell === 'dash';
  let newline = true;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
    if (args[i].includes('E')) escapes = false;
  }
  const text = args.slice(i).join(' ');
  ctx.out((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
  return 0;
};

const printf: ScriptCommand = (args, ctx) => {
  const [fmt = '', ...rest] = args;
  let k = 0;
  const once = () =>
    unescape(fmt).replace(/%([sdi%])/g, (_m, c: string) =>
      c === '%' ? '%' : c === 's' ? (rest[k++] ?? '') : String(Number.parseInt(rest[k++] ?? '0', 10) || 0),
    );
  let text = once();
  while (k > 0 && k < rest.length) text += once();
  ctx.out(text);
  return 0;
};

const sleep: ScriptCommand = (args, ctx) => {
  if (args.length === 0) {
    ctx.out(ctx.shell === 'bash' || ctx.shell === 'dash' ? 'sleep: missing operand\n' : 'sleep: applet requires an argument\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = sleepMs(a);
    if (ms === undefined) {
      ctx.out(ctx.shell === 'ash' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`);
      return 1;
    }
    total += ms;
  }
  if (ctx.background) return 0;
  if (total === Infinity) ctx.tl.block();
  else ctx.tl.now += total;
  return 0;
};

const tail: ScriptCommand = (args, ctx) => {
  if (args.some((a) => a === '-f' || a === '-F' || /^-[a-zA-Z]*f/.test(a)) && !ctx.background) ctx.tl.block();
  return 0;
};

/** The table: name → command. Shell builtins (exit, break, exec, wait) are handled by the runner itself. */
export const SCRIPT_COMMANDS: Record<string, ScriptCommand> = {
  echo,
  printf,
  sleep,
  tail,
  true: () => 0,
  ':': () => 0,
  false: () => 1,
  hostname: (_a, ctx) => (ctx.out(`${ctx.env.hostname}\n`), 0),
  date: (_a, ctx) => (ctx.out(`${dateCommand(ctx.env.startMs + ctx.tl.now)}\n`), 0),
  env: (_a, ctx) => (
    ctx.out(
      Object.entries(ctx.vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    ),
    0
  ),
  printenv: (a, ctx) =>
    a.length ? (a.every((k) => ctx.vars[k] !== undefined && (ctx.out(`${ctx.vars[k]}\n`), true)) ? 0 : 1) : SCRIPT_COMMANDS.env(a, ctx),
  cat: (args, ctx) =>
    args.length === 0
      ? 0
      : (ctx.out(
          args
            .map((f) =>
              ctx.shell === 'ash' ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`,
            )
            .join(''),
        ),
        1),
  nc: ncListen,
  httpd: busyboxHttpd,
  test: (a, ctx: CmdCtx) => testExpr(a, ctx.vars),
  '[': (a, ctx: CmdCtx) => testExpr(a[a.length - 1] === ']' ? a.slice(0, -1) : a, ctx.vars),
  trap: () => 0,
  set: () => 0,
  ulimit: () => 0,
  umask: () => 0,
  cd: () => 0,
  kill: () => 0,
  mkdir: () => 0,
  touch: () => 0,
};
