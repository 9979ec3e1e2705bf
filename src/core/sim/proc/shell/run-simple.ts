// Running one simple command: expand, assign, redirect, then a builtin, a program of the host, or "not found".
import type { SimpleCommand, Word } from './ast.ts';
import { BUILTINS } from './builtins/index.ts';
import { findCommand } from '../os/commands.ts';
import { execIn } from '../os/exec-in.ts';
import { expandString, expandWords, ExpansionError } from './expand.ts';
import { hostInfo, type HostInfo } from '../os/host-info.ts';
import type { Interpreter } from './interpreter.ts';
import type { Io } from '../os/io.ts';
import { basename, resolvePath } from '../os/fs/paths.ts';
import { applyRedirects, flushFiles } from './redirects.ts';
import type { ShellState } from './shell-state.ts';
import { makeToolContext } from '../os/tool-context.ts';

export function runSimple(it: Interpreter, sh: ShellState, cmd: SimpleCommand, io: Io): number {
  it.rt.budget.step();
  sh.curLine = sh.interactive ? sh.lineNo : cmd.line;
  let substituted = false;
  const ex = it.expander(sh, io, () => {
    substituted = true;
  });
  try {
    let argv = expandWords(cmd.words, ex);
    if (argv.length > 0 && isPlain(cmd.words[0]) && sh.aliases.has(argv[0])) {
      argv = [...(sh.aliases.get(argv[0]) as string).split(/\s+/).filter((w) => w !== ''), ...argv.slice(1)];
    }
    const assigns = cmd.assigns.map((a): [string, string] => [a.name, expandString(a.value, ex)]);
    const r = applyRedirects(cmd.redirects, io, ex, it.redirError(sh));
    if (!r.ok) return (sh.status = r.status);
    let status: number;
    try {
      if (argv.length === 0) {
        for (const [name, value] of assigns) sh.setVar(name, value, sh.exported.has(name));
        status = substituted ? sh.status : 0;
      } else status = execArgv(it, sh, argv, r.io, assigns, true);
    } finally {
      flushFiles(r.files, io.stderr, argv[0] ?? sh.argv0);
    }
    sh.status = status;
    return status;
  } catch (e: unknown) {
    if (e instanceof ExpansionError) return it.expansionFailed(sh, e, io);
    throw e;
  }
}

/**
 * Run argv: a builtin (prefix assignments last only for it), else a program found on the host, with the shell's
 * exported variables plus the prefix assignments as its environment.
 */
export function execArgv(it: Interpreter, sh: ShellState, argv: string[], io: Io, assigns: [string, string][], builtins: boolean): number {
  const name = argv[0];
  const builtin = builtins ? BUILTINS.get(name) : undefined;
  const error = (msg: string, b?: string): void => io.stderr.write(sh.flavour.error(sh.speaker(), msg, b));
  // A function is found before builtins and programs (`command NAME` skips both, as `builtins` is false there).
  const fn = builtins ? sh.functions.get(name) : undefined;
  if (fn) {
    // Prefix assignments hold for the call, exported to what it runs (bash and ash alike), then go back.
    const saved = assigns.map(([k]): [string, string | undefined, boolean] => [k, sh.get(k), sh.exported.has(k)]);
    for (const [k, v] of assigns) sh.setVar(k, v, true);
    try {
      return it.callFunction(sh, fn, argv, io);
    } finally {
      for (const [k, v, exp] of saved) {
        if (v === undefined) sh.unset(k);
        else {
          sh.setVar(k, v, exp);
          if (!exp) sh.exported.delete(k);
        }
      }
    }
  }
  // A container's main process runs its own commands (servers, sleep on its timeline, image programs); not builtins.
  const own = it.process?.command(sh, argv, io, { ...sh.env(), ...Object.fromEntries(assigns) }, builtins);
  if (own !== undefined) return own;
  if (builtin) {
    const saved = assigns.map(([k]): [string, string | undefined, boolean] => [k, sh.get(k), sh.exported.has(k)]);
    for (const [k, v] of assigns) sh.setVar(k, v);
    try {
      return builtin({ sh, io, argv, rt: it.rt, ops: it, error });
    } finally {
      for (const [k, v, exp] of saved) {
        if (v === undefined) sh.unset(k);
        else sh.setVar(k, v, exp);
      }
    }
  }
  const info = hostInfo(it.rt.world, sh.host);
  const found = info
    ? findCommand(info, it.rt.tools, it.rt.world.fs(sh.host), sh.cwd, name)
    : ({ kind: 'missing', reason: 'missing' } as const);
  const env = { ...sh.env(), ...Object.fromEntries(assigns) };
  if (found.kind === 'tool') {
    const ctx = makeToolContext({
      rt: it.rt,
      host: sh.host,
      argv,
      env,
      cwd: sh.cwd,
      io,
      execIn: (host, args, callerIo, stdin, options) => execIn(it.rt, host, args, callerIo, stdin, options),
    });
    const status = found.tool.run(ctx);
    it.rt.budget.check();
    return status;
  }
  if (found.kind === 'script') return info ? runScriptFile(it, sh, info, found.path, argv, io, env) : 126;
  if (found.kind === 'unsimulated') {
    io.stderr.write(`podlab: ${name}: this program is ${found.on === 'node' ? 'on the node' : 'in the image'} but not simulated\n`);
    return 126;
  }
  const r = sh.flavour.notFound(name, found.reason, name.includes('/'));
  error(r.msg);
  return r.status;
}

/** A command word that is plain unquoted text (only those are alias candidates). */
function isPlain(w: Word): boolean {
  return w.parts.every((p) => p.kind === 'lit' && !p.quoted);
}

/**
 * `./script.sh`: an executable text file, run by its `#!` interpreter if it names a shell, else by the caller's.
 * The new shell is started through the runtime's launcher (shell-program.ts), which keeps this module out of a cycle.
 */
function runScriptFile(
  it: Interpreter,
  caller: ShellState,
  info: HostInfo,
  path: string,
  argv: string[],
  io: Io,
  env: Record<string, string>,
): number {
  const fs = it.rt.world.fs(caller.host);
  const source = fs.read(resolvePath(caller.cwd, path)) ?? '';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(source);
  let program: string = caller.flavour.name;
  if (shebang) {
    const interp = shebang[1].endsWith('/env') && shebang[2] ? shebang[2] : shebang[1];
    const named = basename(interp);
    if (named === 'bash' || named === 'dash' || named === 'ash') program = named;
    else if (named !== 'sh') {
      io.stderr.write(caller.flavour.error(caller.speaker(), `${argv[0]}: ${interp}: bad interpreter: No such file or directory`));
      return 126;
    }
  }
  const start = {
    host: caller.host,
    info,
    program,
    argv0: argv[0],
    source,
    positional: argv.slice(1),
    env,
    cwd: caller.cwd,
    io,
    user: caller.user,
    home: caller.home,
  };
  return it.rt.launchShell(it.rt, start) ?? 126;
}
