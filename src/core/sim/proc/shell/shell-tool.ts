// sh, bash, ash, dash as programs: `sh -c STRING [NAME [ARGS]]`, `sh FILE [ARGS]`, `echo cmds | sh`, and a bare
// `bash` on a terminal, which opens a nested interactive shell.
import { resolvePath } from '../os/fs/paths.ts';
import type { ToolContext } from '../bin/tool.ts';
import { Budget } from '../os/budget.ts';
import { homeOf } from '../os/host-env.ts';
import { hostInfo } from '../os/host-info.ts';
import { Input, type Io } from '../os/io.ts';
import { foregroundRuntime, type Runtime } from '../os/runtime.ts';
import { flavourFor, launchShell, runShellSource } from './shell-program.ts';
import { runOf } from '../os/tool-context.ts';

/** The Tool behind `sh` and its siblings. */
export function runShellTool(ctx: ToolContext): number {
  const program = ctx.argv[0];
  const info = hostInfo(ctx.world, ctx.host);
  const flavour = info ? flavourFor(info, program) : undefined;
  if (!info || !flavour) {
    ctx.stderr(`${program}: not a shell podlab knows\n`);
    return 127;
  }
  const run = runOf(ctx);
  const rt: Runtime = run?.rt ?? foregroundRuntime(ctx.world, new Map(), new Budget(ctx.world, 60_000), launchShell);
  const io: Io = run?.io ?? {
    stdin: new Input(ctx.stdin),
    stdout: { write: (t) => ctx.stdout(t) },
    stderr: { write: (t) => ctx.stderr(t) },
    tty: ctx.tty,
  };
  const args = ctx.argv.slice(1);
  let command: string | undefined;
  let dashC = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    if (a === '-o' || a === '+o') i++;
    if (a.startsWith('-') && a.includes('c')) dashC = true;
  }
  const argv0 = program;
  const base = { rt, host: ctx.host, flavour, env: ctx.env, cwd: ctx.cwd, io, user: 'root', home: homeOf('root') };
  if (dashC) {
    command = args[i];
    if (command === undefined) {
      ctx.stderr(
        flavour.name === 'bash'
          ? `${program}: -c: option requires an argument\n`
          : `${program}: ${flavour.name === 'dash' ? '0: ' : ''}-c requires an argument\n`,
      );
      return 2;
    }
    return runShellSource({ ...base, argv0: args[i + 1] ?? argv0, source: command, dashC: true, positional: args.slice(i + 2) });
  }
  const file = args[i];
  if (file !== undefined) {
    const source = ctx.world.fs(ctx.host).read(resolvePath(ctx.cwd, file));
    if (source === undefined) {
      const msg = {
        bash: `${program}: ${file}: No such file or directory\n`,
        dash: `${program}: 0: cannot open ${file}: No such file\n`,
        ash: `${program}: can't open '${file}': No such file or directory\n`,
      }[flavour.name];
      ctx.stderr(msg);
      return flavour.name === 'bash' ? 127 : 2;
    }
    return runShellSource({ ...base, argv0: file, source, dashC: false, positional: args.slice(i + 1) });
  }
  if (ctx.tty) {
    ctx.openShell({ host: ctx.host, program, env: ctx.env, cwd: ctx.cwd });
    return 0;
  }
  return runShellSource({ ...base, argv0, source: ctx.stdin, dashC: false, positional: [] });
}
