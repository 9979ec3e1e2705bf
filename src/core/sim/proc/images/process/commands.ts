// The commands a container's main process runs its own way (the shell's builtins aside): output goes to the log,
// time to the process's timeline, servers register listeners.
import { sleepMs } from '../../../../duration.ts';
import { resolvePath } from '../../os/fs/paths.ts';
import { renderEcho } from '../../shell/builtins/echo.ts';
import { runTest } from '../../shell/builtins/test.ts';
import { formatPrintf } from '../../shell/printf-format.ts';
import { dateCommand } from '../http-date.ts';
import type { CmdCtx, ProcessCommand } from './context.ts';
import { busyboxHttpd, containerFiles, ncListen } from './servers.ts';

/** An error line in the script's shell's words (`sh: 1: printf: ...`). */
function shellError(ctx: CmdCtx, msg: string, builtin?: string): void {
  ctx.err(ctx.sh.flavour.error(ctx.sh.speaker(), msg, builtin));
}

/** echo and printf are the shell's own builtins (shell/builtins/echo.ts), with the same words. */
const echo: ProcessCommand = (args, ctx) => {
  ctx.out(renderEcho(args, ctx.sh.flavour.echoEscapes));
  return 0;
};

const printf: ProcessCommand = (args, ctx) => {
  if (args.length === 0) {
    shellError(ctx, 'usage: printf [-v var] format [arguments]', 'printf');
    return 2;
  }
  const rest = args[0] === '--' ? args.slice(1) : args;
  const r = formatPrintf(rest[0] ?? '', rest.slice(1));
  ctx.out(r.out);
  for (const e of r.errors) shellError(ctx, e, 'printf');
  return r.errors.length > 0 ? 1 : 0;
};

/** `test` and `[` as the shell runs them (shell/builtins/test.ts), reading the container's files. */
const test =
  (name: string): ProcessCommand =>
  (args, ctx) =>
    runTest([name, ...args], {
      flavour: ctx.sh.flavour.name,
      cwd: ctx.sh.cwd,
      fs: () => containerFiles(ctx.env),
      error: (msg, builtin) => shellError(ctx, msg, builtin),
    });

const sleep: ProcessCommand = (args, ctx) => {
  if (args.length === 0) {
    ctx.err(ctx.sh.flavour.name !== 'ash' ? 'sleep: missing operand\n' : 'sleep: applet requires an argument\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = sleepMs(a);
    if (ms === undefined) {
      ctx.err(ctx.sh.flavour.name === 'ash' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`);
      return 1;
    }
    total += ms;
  }
  if (total === Infinity) ctx.tl.block();
  else ctx.tl.now += total;
  return 0;
};

/** `cat FILE...`: the container's files (a file the model does not have is missing); stdin is not modelled. */
const cat: ProcessCommand = (args, ctx) => {
  let status = 0;
  for (const f of args) {
    if (f === '-') continue;
    const text = containerFiles(ctx.env).read(resolvePath(ctx.sh.cwd, f));
    if (text !== undefined) ctx.out(text);
    else {
      ctx.err(
        ctx.sh.flavour.name === 'ash' ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`,
      );
      status = 1;
    }
  }
  return status;
};

const tail: ProcessCommand = (args, ctx) => {
  if (args.some((a) => a === '-f' || a === '-F' || /^-[a-zA-Z]*f/.test(a))) ctx.tl.block();
  return 0;
};

/** The table: name → command. Builtins that act on the shell (exit, break, exec, wait, export ...) are in run.ts. */
export const PROCESS_COMMANDS: Record<string, ProcessCommand> = {
  echo,
  printf,
  sleep,
  tail,
  true: () => 0,
  ':': () => 0,
  false: () => 1,
  hostname: (a, ctx) => (ctx.out(`${a[0] === '-i' ? (ctx.env.podAddress() ?? '') : ctx.env.hostname}\n`), 0),
  date: (_a, ctx) => (ctx.out(`${dateCommand(ctx.env.startMs + ctx.tl.now)}\n`), 0),
  env: (_a, ctx) => (
    ctx.out(
      Object.entries(ctx.sh.env())
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    ),
    0
  ),
  printenv: (a, ctx) =>
    a.length
      ? a.every((k) => ctx.sh.env()[k] !== undefined && (ctx.out(`${ctx.sh.env()[k]}\n`), true))
        ? 0
        : 1
      : PROCESS_COMMANDS.env(a, ctx),
  cat,
  nc: ncListen,
  httpd: busyboxHttpd,
  test: test('test'),
  '[': test('['),
  trap: () => 0,
  set: () => 0,
  ulimit: () => 0,
  umask: () => 0,
  cd: () => 0,
  kill: () => 0,
  mkdir: () => 0,
  touch: () => 0,
};
