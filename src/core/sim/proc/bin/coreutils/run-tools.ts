// Programs that run other programs: xargs (argv from stdin) and timeout (a time limit of its own).
import { sleepOperandMs } from '../../../../duration.ts';
import { Budget, StopLine } from '../../os/budget.ts';
import { execIn } from '../../os/exec-in.ts';
import { Input } from '../../os/io.ts';
import { runOf } from '../../os/tool-context.ts';
import type { ToolInfo } from '../tool.ts';
import { usageError, userland } from './kit.ts';

export const xargs: ToolInfo = {
  name: 'xargs',
  on: 'everywhere',
  summary: 'build command lines from standard input',
  run: (ctx) => {
    let i = 1;
    let perRun = Infinity;
    let replace: string | undefined;
    for (; i < ctx.argv.length && ctx.argv[i].startsWith('-'); i++) {
      const a = ctx.argv[i];
      if (a === '-n') perRun = Number(ctx.argv[++i]);
      else if (/^-n\d+$/.test(a)) perRun = Number(a.slice(2));
      else if (a === '-I') replace = ctx.argv[++i];
      else if (a.startsWith('-I')) replace = a.slice(2);
      else if (a === '-r' || a === '--no-run-if-empty' || a === '-t') continue;
      else return usageError(ctx, `invalid option -- '${a[1]}'`, '[OPTIONS] [PROG ARGS]');
    }
    const command = ctx.argv.length > i ? ctx.argv.slice(i) : ['echo'];
    const parsed = xargsItems(ctx.stdin, replace !== undefined, userland(ctx) === 'gnu');
    if ('error' in parsed) {
      ctx.stderr(`xargs: ${parsed.error}\n`);
      return 1;
    }
    const items = parsed.items;
    const runs: string[][] = [];
    if (replace !== undefined) for (const item of items) runs.push(command.map((a) => a.split(replace as string).join(item)));
    else if (items.length === 0) runs.push(command);
    else for (let j = 0; j < items.length; j += Math.max(1, perRun)) runs.push([...command, ...items.slice(j, j + perRun)]);
    let status = 0;
    for (const argv of runs) {
      const code = ctx.execIn(ctx.host, argv, '', { env: ctx.env, cwd: ctx.cwd, tty: ctx.tty });
      if (code !== 0) status = 123;
    }
    return status;
  },
};

/**
 * xargs' input as items: blank-separated words where '...', "..." and a backslash quote (findutils and BusyBox
 * alike, without -0/-d); with -I one item per line, its leading blanks dropped (GNU still removes quotes there,
 * BusyBox keeps the line as it is). An unmatched quote is an error, before anything runs.
 */
function xargsItems(input: string, lines: boolean, gnu: boolean): { items: string[] } | { error: string } {
  const items: string[] = [];
  if (lines && !gnu) {
    for (const l of input.split('\n')) if (l.trimStart() !== '') items.push(l.trimStart());
    return { items };
  }
  let cur = '';
  let started = false;
  const end = (): void => {
    if (started) items.push(cur);
    cur = '';
    started = false;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\n' || (!lines && (c === ' ' || c === '\t'))) end();
    else if ((c === ' ' || c === '\t') && !started) continue;
    else if (c === '"' || c === "'") {
      const close = input.indexOf(c, i + 1);
      const nl = input.indexOf('\n', i + 1);
      if (close < 0 || (nl >= 0 && nl < close)) {
        const which = c === '"' ? 'double' : 'single';
        return {
          error: gnu
            ? `unmatched ${which} quote; by default quotes are special to xargs unless you use the -0 option`
            : `unmatched ${which} quote`,
        };
      }
      cur += input.slice(i + 1, close);
      started = true;
      i = close;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      started = true;
    } else {
      cur += c;
      started = true;
    }
  }
  end();
  return { items };
}

/**
 * `timeout DURATION PROG ARGS`: the program runs with a budget ending at DURATION (or the line's own end, if
 * sooner). Past it: GNU exits 124, BusyBox's shell reports the TERM signal (143).
 */
export const timeout: ToolInfo = {
  name: 'timeout',
  on: 'everywhere',
  summary: 'run a program with a time limit',
  run: (ctx) => {
    const gnu = userland(ctx) === 'gnu';
    let i = 1;
    // Signal and kill-after options change nothing here: the simulated program simply stops.
    while (ctx.argv[i]?.startsWith('-') && ctx.argv[i] !== '-') i += ['-s', '-k', '--signal', '--kill-after'].includes(ctx.argv[i]) ? 2 : 1;
    const [dur, ...command] = ctx.argv.slice(i);
    // The same operand grammar as sleep(1): coreutils' timeout and sleep both read it with cl_strtod and a [smhd] suffix.
    const limit = dur === undefined ? undefined : sleepOperandMs(dur);
    if (limit === undefined || command.length === 0) {
      if (limit !== undefined && gnu) return usageError(ctx, `missing operand`, '[-s SIG] SECS PROG ARGS', 125);
      return usageError(ctx, dur === undefined ? 'missing operand' : `invalid time interval '${dur}'`, '[-s SIG] SECS PROG ARGS', 125);
    }
    const run = runOf(ctx);
    if (!run) return ctx.execIn(ctx.host, command, ctx.stdin, { env: ctx.env, cwd: ctx.cwd });
    const outer = run.rt.budget;
    const own = limit < outer.remaining();
    const budget = own ? new Budget(run.rt.world, limit) : outer;
    const rt = { ...run.rt, budget, sleep: (ms: number) => budget.sleep(ms) };
    let status: number;
    try {
      status = execIn(
        rt,
        ctx.host,
        command,
        { stdin: new Input(''), stdout: run.io.stdout, stderr: run.io.stderr, tty: false },
        ctx.stdin,
        { env: ctx.env, cwd: ctx.cwd },
      );
    } catch (e: unknown) {
      if (!(e instanceof StopLine) || !own) throw e;
      status = 137;
    }
    if (own && budget.stopped === 'timeout') {
      if (!gnu) ctx.stderr('Terminated\n');
      return gnu ? 124 : 143;
    }
    return status;
  },
};
