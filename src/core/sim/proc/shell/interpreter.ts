// The interpreter: walks lists, and-or chains, pipelines and compound commands of a parsed script.
// Simple commands (expansion, redirection, lookup, running) are in run-simple.ts.
import type {
  AndOr,
  CaseCommand,
  Command,
  CondCommand,
  ForCommand,
  FunctionDef,
  GroupCommand,
  IfCommand,
  List,
  LoopCommand,
  Pipeline,
  Script,
} from './ast.ts';
import { CondError, evalCond } from './cond.ts';
import { nestingTooDeep, USERLAND_LIMITS } from '../limits.ts';
import type { ShellOps } from './builtins/index.ts';
import { findCommand, type Found } from '../os/commands.ts';
import { expandPattern, expandString, expandWords, ExpansionError, type Expander } from './expand.ts';
import { hostInfo } from '../os/host-info.ts';
import { CaptureSink, Input, type Io } from '../os/io.ts';
import { parseShell } from './parser.ts';
import { matchPattern } from './pattern.ts';
import { applyRedirects, flushFiles, type RedirError } from './redirects.ts';
import { execArgv, runSimple } from './run-simple.ts';
import { backgroundRuntime, nextPid, type Runtime } from '../os/runtime.ts';
import type { ProcessHooks } from './process-hooks.ts';
import type { ShellState } from './shell-state.ts';
import { DiscardLine, ExitSignal, LoopSignal, ReturnSignal } from './signals.ts';

export class Interpreter implements ShellOps {
  /** `process`: set when the shell is a container's main process, whose commands and time it records. */
  constructor(
    readonly rt: Runtime,
    readonly process?: ProcessHooks,
  ) {}

  /**
   * Run a script in a shell; `exit` escapes as ExitSignal, a spent budget as StopLine. A fatal error of one line
   * (DiscardLine: bash's arithmetic errors) skips the rest of that line; the script goes on at the next.
   */
  run(sh: ShellState, script: Script, io: Io): number {
    let status = 0;
    const items = script.items;
    for (let i = 0; i < items.length; i++) {
      try {
        status = this.list(sh, { items: [items[i]] }, io);
      } catch (e: unknown) {
        if (!(e instanceof DiscardLine)) throw e;
        status = sh.status = e.status;
        while (i < items.length - 1 && !items[i].newline) i++;
      }
    }
    return status;
  }

  list(sh: ShellState, list: List, io: Io): number {
    let status = 0;
    for (const item of list.items) status = item.background ? this.background(sh, item.command, io) : this.andOr(sh, item.command, io);
    return status;
  }

  /**
   * `a && b || c`: with `set -e` the shell exits when the pipeline that decided the status is the chain's last,
   * not negated, and not part of a condition (POSIX 2.8.1 / bash's errexit rules).
   */
  private andOr(sh: ShellState, ao: AndOr, io: Io): number {
    const pipes = [ao.first, ...ao.rest.map((r) => r.pipeline)];
    let last = 0;
    let status = this.conditional(sh, pipes.length > 1, () => this.pipeline(sh, ao.first, io));
    ao.rest.forEach((r, i) => {
      if ((r.op === '&&') !== (status === 0)) return;
      last = i + 1;
      status = this.conditional(sh, i + 1 < ao.rest.length, () => this.pipeline(sh, r.pipeline, io));
    });
    if (status !== 0 && sh.options.has('errexit') && sh.noErrexit === 0 && last === pipes.length - 1 && !pipes[last].negated)
      throw new ExitSignal(status);
    return status;
  }

  /** Run `fn` with `set -e` suppressed when `cond` (a condition's commands do not stop the shell). */
  conditional(sh: ShellState, cond: boolean, fn: () => number): number {
    if (!cond) return fn();
    sh.noErrexit++;
    try {
      return fn();
    } finally {
      sh.noErrexit--;
    }
  }

  /** Members run one after another, each in a subshell, stdout of one as stdin of the next; none is on the tty. */
  private pipeline(sh: ShellState, p: Pipeline, io: Io): number {
    let status: number;
    const statuses: string[] = [];
    if (p.commands.length === 1) {
      status = this.command(sh, p.commands[0], io);
      statuses.push(String(status));
    } else {
      let stdin = io.stdin;
      status = 0;
      p.commands.forEach((cmd, i) => {
        const last = i === p.commands.length - 1;
        const out = last ? io.stdout : new CaptureSink();
        const sub = sh.clone();
        const s = this.subshell(sub, () => this.command(sub, cmd, { stdin, stdout: out, stderr: io.stderr, tty: false }));
        statuses.push(String(s));
        // pipefail: the last member that failed decides; otherwise the last member.
        if (!sh.options.has('pipefail') || s !== 0) status = s;
        if (out instanceof CaptureSink) stdin = new Input(out.text);
      });
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    sh.status = status;
    if (sh.flavour.name === 'bash') sh.arrays.set('PIPESTATUS', statuses);
    return status;
  }

  /** Run `fn` as a subshell: its `exit` (or a fatal error of its line) ends only it; stray break/continue end it quietly. */
  subshell(sub: ShellState, fn: () => number): number {
    try {
      return this.rt.budget.nested(fn);
    } catch (e: unknown) {
      if (e instanceof ExitSignal || e instanceof DiscardLine || e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopSignal) return 0;
      throw e;
    }
  }

  /**
   * Call a shell function: its arguments become the positional parameters, its `local`s are undone and `return`
   * ends it. Calls nest up to USERLAND_LIMITS.maxFunctionDepth (below what the JavaScript stack holds): bash then says `maximum function nesting level
   * exceeded` (its FUNCNEST message) and drops the line; ash and dash, which have no limit of their own, stop
   * with the userland limit's message.
   */
  callFunction(sh: ShellState, fn: FunctionDef, argv: string[], io: Io): number {
    const max = USERLAND_LIMITS.maxFunctionDepth;
    if (sh.funcDepth >= max) {
      if (sh.flavour.name !== 'bash') throw nestingTooDeep(max);
      io.stderr.write(sh.flavour.error(sh.speaker(), `${fn.name}: maximum function nesting level exceeded (${max})`));
      throw new DiscardLine(1);
    }
    const saved = sh.positional;
    sh.positional = argv.slice(1);
    sh.funcDepth++;
    sh.funcNames.push(fn.name);
    sh.localFrames.push(new Map());
    try {
      return this.command(sh, fn.body, io);
    } catch (e: unknown) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      sh.popLocals();
      sh.funcNames.pop();
      sh.funcDepth--;
      sh.positional = saved;
    }
  }

  private command(sh: ShellState, cmd: Command, io: Io): number {
    if (cmd.kind === 'simple') return runSimple(this, sh, cmd, io);
    if (cmd.kind === 'function') {
      sh.functions.set(cmd.name, cmd);
      return (sh.status = 0);
    }
    try {
      const r = applyRedirects(cmd.redirects, io, this.expander(sh, io), this.redirError(sh));
      if (!r.ok) return (sh.status = r.status);
      try {
        const status = COMPOUND[cmd.kind as keyof typeof COMPOUND](this, sh, cmd as never, r.io);
        sh.status = status;
        return status;
      } finally {
        flushFiles(r.files, io.stderr, sh.argv0);
      }
    } catch (e: unknown) {
      if (e instanceof ExpansionError) return this.expansionFailed(sh, e, io);
      throw e;
    }
  }

  /** `cmd &`: runs now in a subshell whose sleeps do not hold up the line; bash prints `[1] PID`. */
  private background(sh: ShellState, ao: AndOr, io: Io): number {
    const pid = nextPid(this.rt.world, sh.host);
    const id = sh.jobs.length === 0 ? 1 : sh.jobs[sh.jobs.length - 1].id + 1;
    if (sh.interactive && !sh.subshell && sh.flavour.name === 'bash') io.stderr.write(`[${id}] ${pid}\n`);
    const bg = backgroundRuntime(this.rt);
    const inner = new Interpreter(bg, this.process);
    const sub = sh.clone();
    sub.pid = pid;
    const job = () => inner.subshell(sub, () => inner.andOr(sub, ao, { ...io, stdin: new Input(''), tty: false }));
    const status = this.process ? this.process.job(job) : job();
    sh.jobs.push({ id, pid, text: ao.text, doneAt: this.rt.world.clock.now() + (bg.elapsed?.ms ?? 0), status });
    sh.lastBackground = pid;
    sh.status = 0;
    return 0;
  }

  /** An Expander bound to this shell; command substitutions write their errors to `io.stderr`. */
  expander(sh: ShellState, io: Io, onSubstitution?: () => void): Expander {
    const world = this.rt.world;
    return {
      shell: sh,
      // Read when used: most words need no files (and a container's process may run where files are not modelled).
      get fs() {
        return world.fs(sh.host);
      },
      createsParents: this.process?.createsParents,
      substitute: (script) => {
        onSubstitution?.();
        const sub = sh.clone();
        const out = new CaptureSink();
        const status = this.subshell(sub, () =>
          this.list(sub, script, { stdin: new Input(''), stdout: out, stderr: io.stderr, tty: false }),
        );
        sh.status = status;
        return out.text;
      },
    };
  }

  /** How this shell reports a redirection it could not open. */
  redirError(sh: ShellState): RedirError {
    return (stderr, file, mode, errno) => {
      if (errno === 'EBADF') {
        stderr.write(sh.flavour.error(sh.speaker(), `${file}: Bad file descriptor`));
        return 1;
      }
      const r = sh.flavour.redirFailed(file, mode, errno);
      stderr.write(sh.flavour.error(sh.speaker(), r.msg));
      return r.status;
    };
  }

  /**
   * A failed expansion: print it. An arithmetic error drops the rest of the line in bash (status 1) and ends a
   * non-interactive ash or dash (status 2); `${x:?}` and `set -u` end a non-interactive shell (bash 127, others 2).
   */
  expansionFailed(sh: ShellState, e: ExpansionError, io: Io): number {
    io.stderr.write(sh.flavour.error(sh.speaker(), e.message));
    const bash = sh.flavour.name === 'bash';
    if (e.kind === 'arith') {
      if (bash || sh.interactive) throw new DiscardLine(bash ? 1 : 2);
      throw new ExitSignal(2);
    }
    if (!sh.interactive) throw new ExitSignal(e.kind === 'unset' ? (bash ? 127 : 2) : e.kind === 'syntax' ? 2 : 1);
    return (sh.status = 1);
  }

  // ShellOps, for builtins.

  evalText(sh: ShellState, text: string, io: Io): number {
    const parsed = parseShell(text, { heredocEndsAtEof: true, bash: sh.flavour.name === 'bash' });
    if (!parsed.ok) {
      io.stderr.write(sh.flavour.syntax(sh.speaker(), parsed.failure, text.split('\n')[parsed.failure.line - 1] ?? text));
      return (sh.status = 2);
    }
    return this.rt.budget.nested(() => this.list(sh, parsed.script, io));
  }

  find(sh: ShellState, name: string): Found {
    const info = hostInfo(this.rt.world, sh.host);
    if (!info) return { kind: 'missing', reason: 'missing' };
    return findCommand(info, this.rt.tools, this.rt.world.fs(sh.host), sh.cwd, name);
  }

  runArgv(sh: ShellState, argv: string[], io: Io): number {
    return execArgv(this, sh, argv, io, [], false);
  }
}

type Runner<C> = (it: Interpreter, sh: ShellState, cmd: C, io: Io) => number;

const runIf: Runner<IfCommand> = (it, sh, cmd, io) => {
  for (const c of cmd.clauses) if (it.conditional(sh, true, () => it.list(sh, c.cond, io)) === 0) return it.list(sh, c.body, io);
  return cmd.elseBody ? it.list(sh, cmd.elseBody, io) : 0;
};

/** Run a loop body; true when the loop must stop (break), rethrowing signals meant for outer loops. */
function loopTurn(it: Interpreter, sh: ShellState, body: List, io: Io, status: { v: number }): boolean {
  try {
    status.v = it.list(sh, body, io);
    return false;
  } catch (e: unknown) {
    if (!(e instanceof LoopSignal)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return e.kind === 'break';
  }
}

const runLoop: Runner<LoopCommand> = (it, sh, cmd, io) => {
  const status = { v: 0 };
  const turn = it.process?.loop(sh);
  for (;;) {
    it.rt.budget.step();
    turn?.();
    const c = it.conditional(sh, true, () => it.list(sh, cmd.cond, io));
    if ((c === 0) === cmd.until) break;
    if (loopTurn(it, sh, cmd.body, io, status)) break;
  }
  return status.v;
};

const runFor: Runner<ForCommand> = (it, sh, cmd, io) => {
  const items = cmd.items ? expandWords(cmd.items, it.expander(sh, io)) : [...sh.positional];
  const status = { v: 0 };
  for (const v of items) {
    it.rt.budget.step();
    sh.setVar(cmd.name, v, sh.exported.has(cmd.name));
    if (loopTurn(it, sh, cmd.body, io, status)) break;
  }
  return status.v;
};

const runCase: Runner<CaseCommand> = (it, sh, cmd, io) => {
  const ex = it.expander(sh, io);
  const subject = expandString(cmd.subject, ex);
  for (const arm of cmd.arms) {
    if (arm.patterns.some((p) => matchPattern(expandPattern(p, ex), subject))) return it.list(sh, arm.body, io);
  }
  return 0;
};

const runGroup: Runner<GroupCommand> = (it, sh, cmd, io) => {
  if (cmd.kind === 'group') return it.list(sh, cmd.body, io);
  const sub = sh.clone();
  return it.subshell(sub, () => it.list(sub, cmd.body, io));
};

const runCond: Runner<CondCommand> = (it, sh, cmd, io) => {
  it.rt.budget.step();
  sh.curLine = sh.interactive ? sh.lineNo : cmd.line;
  try {
    return evalCond(cmd.expr, it.expander(sh, io));
  } catch (e: unknown) {
    if (e instanceof ExpansionError) return it.expansionFailed(sh, e, io);
    if (!(e instanceof CondError)) throw e;
    io.stderr.write(sh.flavour.error(sh.speaker(), e.message, '[['));
    return 1;
  }
};

/** Compound commands by kind (a function definition is handled before these). */
const COMPOUND: Record<Exclude<Command['kind'], 'simple' | 'function'>, Runner<never>> = {
  cond: runCond as Runner<never>,
  if: runIf as Runner<never>,
  loop: runLoop as Runner<never>,
  for: runFor as Runner<never>,
  case: runCase as Runner<never>,
  group: runGroup as Runner<never>,
  subshell: runGroup as Runner<never>,
};
