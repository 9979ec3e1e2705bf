// Run a container's script on a Timeline. The script is parsed by the shell (shell/parser.ts) and its words are
// expanded by the shell (shell/expand.ts: parameters, $( ), $(( )), globbing); this walks the shell's syntax tree
// over the process's own time: sleeps move the timeline, an endless loop becomes a repeating tail (logs are a live
// view), `cmd &` runs as a job, servers register listeners, image programs (nginx ...) and userland tools (wget ...)
// run as the process would run them.
import type { AndOr, Command, CondCommand, FunctionDef, List, LoopCommand, Pipeline, Redirect, Script } from '../../shell/ast.ts';
import { CondError, evalCond } from '../../shell/cond.ts';
import { expandPattern, expandString, expandWords, ExpansionError, type Expander } from '../../shell/expand.ts';
import { parseShell } from '../../shell/parser.ts';
import { matchPattern } from '../../shell/pattern.ts';
import { DiscardLine, ExitSignal, LoopSignal, ReturnSignal } from '../../shell/signals.ts';
import { nestingTooDeep, USERLAND_LIMITS } from '../../limits.ts';
import { Timeline } from '../timeline.ts';
import { SCRIPT_COMMANDS } from './commands.ts';
import type { CmdCtx } from './context.ts';
import { containerFiles } from './servers.ts';

/** How much of a tool's own time (an endless ping) a main process records; it keeps running after, silently. */
const MAIN_TOOL_HORIZON_MS = 300_000;

/** Iterations after which a loop whose variables keep changing is treated as endless. */
const MAX_ITERATIONS = 10_000;

/** Commands and loop turns a process is followed for; past them it runs on unrecorded (nested loops, recursion). */
const MAX_STEPS = 200_000;

const discard = (): void => undefined;

export class ScriptRunner {
  private status = 0;
  private steps = 0;
  private readonly jobs: Timeline[] = [];

  constructor(
    private readonly ctx: CmdCtx,
    private readonly commands: Set<string>,
  ) {}

  /** Exit status of the last command run ($?). */
  lastStatus(): number {
    return this.status;
  }

  /**
   * Run a whole script; `exit` ends the process on its timeline. A fatal error of one line (bash's arithmetic
   * errors) skips the rest of that line; the script goes on at the next (as shell/interpreter.ts run).
   */
  script(script: Script): number {
    const items = script.items;
    this.unwind(() => {
      for (let i = 0; i < items.length && !this.ctx.tl.done(); i++) {
        try {
          this.list({ items: [items[i]] });
        } catch (e: unknown) {
          if (!(e instanceof DiscardLine)) throw e;
          this.status = this.ctx.sh.status = e.status;
          while (i < items.length - 1 && !items[i].newline) i++;
        }
      }
      return this.status;
    });
    return this.status;
  }

  /** End the process with `code` (a script the shell cannot parse ends with 2). */
  exit(code: number): void {
    this.ctx.tl.exit(code);
    this.status = code;
  }

  /** Run one command line (argv already expanded): the container's process when it is no shell. */
  argv(argv: string[]): number {
    return this.unwind(() => this.command(argv, {}));
  }

  /** Run `fn` as the process: `exit` (and a stray `return`/`break`) ends it at the timeline's now. */
  private unwind(fn: () => number): number {
    try {
      return (this.status = fn());
    } catch (e: unknown) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) {
        this.ctx.tl.exit(e.status);
        return (this.status = e.status);
      }
      if (e instanceof LoopSignal) return this.status;
      throw e;
    }
  }

  private list(list: List): number {
    for (const item of list.items) {
      if (this.ctx.tl.done()) break;
      if (item.background) this.background(item.command);
      else this.status = this.andOr(item.command);
    }
    return this.status;
  }

  private andOr(ao: AndOr): number {
    let s = this.pipeline(ao.first);
    for (const r of ao.rest) {
      if (this.ctx.tl.done()) break;
      if ((r.op === '&&') === (s === 0)) s = this.pipeline(r.pipeline);
    }
    return (this.status = s);
  }

  /** Members run one after another; only the last one's output reaches the log (stdin is not modelled). */
  private pipeline(p: Pipeline): number {
    let s = 0;
    if (p.commands.length === 1) s = this.run(p.commands[0]);
    else {
      p.commands.forEach((c, i) => {
        if (this.ctx.tl.done()) return;
        const member = () => this.subshell(() => this.run(c));
        s = i === p.commands.length - 1 ? member() : this.withOut(discard, this.ctx.err, member);
      });
    }
    if (p.negated) s = s === 0 ? 1 : 0;
    return (this.status = this.ctx.sh.status = s);
  }

  /** Run `fn` in a copy of the shell: its variables do not come back and its `exit` ends only it. */
  private subshell(fn: () => number): number {
    const saved = this.ctx.sh;
    this.ctx.sh = saved.clone();
    try {
      return fn();
    } catch (e: unknown) {
      if (e instanceof ExitSignal || e instanceof DiscardLine || e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopSignal) return 0;
      throw e;
    } finally {
      this.ctx.sh = saved;
    }
  }

  private run(cmd: Command): number {
    if (this.ctx.tl.done()) return this.status;
    if (cmd.kind === 'simple') return this.simple(cmd);
    if (cmd.kind === 'function') {
      this.ctx.sh.functions.set(cmd.name, cmd);
      return (this.status = 0);
    }
    try {
      return (this.status = this.ctx.sh.status = this.redirected(cmd.redirects, () => this.compound(cmd)));
    } catch (e: unknown) {
      if (e instanceof ExpansionError) return this.expansionFailed(e);
      throw e;
    }
  }

  private compound(cmd: Exclude<Command, { kind: 'simple' | 'function' }>): number {
    const tl = this.ctx.tl;
    switch (cmd.kind) {
      case 'if':
        for (const c of cmd.clauses) {
          const s = this.list(c.cond);
          if (tl.done()) return this.status;
          if (s === 0) return this.list(c.body);
        }
        return cmd.elseBody ? this.list(cmd.elseBody) : 0;
      case 'loop':
        return this.loop(cmd);
      case 'for': {
        const items = cmd.items ? expandWords(cmd.items, this.expander()) : [...this.ctx.sh.positional];
        let s = 0;
        for (const it of items) {
          if (tl.done() || !this.step()) break;
          this.ctx.sh.setVar(cmd.name, it, this.ctx.sh.exported.has(cmd.name));
          const turn = this.turn(cmd.body);
          s = turn.status;
          if (turn.broke) break;
        }
        return s;
      }
      case 'case': {
        const ex = this.expander();
        const subject = expandString(cmd.subject, ex);
        for (const arm of cmd.arms) if (arm.patterns.some((p) => matchPattern(expandPattern(p, ex), subject))) return this.list(arm.body);
        return 0;
      }
      case 'group':
        return this.list(cmd.body);
      case 'subshell':
        return this.subshell(() => this.list(cmd.body));
      case 'cond':
        return this.cond(cmd);
    }
  }

  private cond(cmd: CondCommand): number {
    this.ctx.sh.curLine = cmd.line;
    try {
      return evalCond(cmd.expr, this.expander());
    } catch (e: unknown) {
      if (!(e instanceof CondError)) throw e;
      this.ctx.err(this.ctx.sh.flavour.error(this.ctx.sh.speaker(), e.message, '[['));
      return 1;
    }
  }

  /** One turn of a loop body: `broke` when `break` ends the loop; signals for outer loops go on up. */
  private turn(body: List): { status: number; broke: boolean } {
    try {
      return { status: this.list(body), broke: false };
    } catch (e: unknown) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { status: this.status, broke: e.kind === 'break' };
    }
  }

  /**
   * while/until. A turn that changes no variable repeats forever: its lines (and its period of simulated time)
   * become the timeline's repeating tail, which the live log view expands as time passes.
   */
  private loop(cmd: LoopCommand): number {
    const tl = this.ctx.tl;
    let s = 0;
    for (let n = 0; ; n++) {
      const t0 = tl.now;
      const first = tl.lines.length;
      const before = this.snapshot();
      if (!this.step()) return s;
      const c = this.list(cmd.cond);
      if (tl.done()) return this.status;
      if ((c === 0) === cmd.until) return s;
      const turn = this.turn(cmd.body);
      s = turn.status;
      if (turn.broke || tl.done()) return s;
      if (this.snapshot() === before || n >= MAX_ITERATIONS) {
        // Nothing changes between iterations: this one repeats forever.
        const lines = tl.lines.splice(first).map((l) => ({ at: l.at - t0, line: l.line }));
        const period = tl.now - t0;
        if (period > 0) tl.loop = { from: t0, period, lines };
        else {
          for (const l of lines) tl.lines.push({ at: t0, line: l.line });
          tl.block(); // a busy loop: its first pass is all that is modelled
        }
        return s;
      }
    }
  }

  /** The shell state a loop turn can change. */
  private snapshot(): string {
    const sh = this.ctx.sh;
    return JSON.stringify([[...sh.vars], sh.positional]);
  }

  /** Count a command or loop turn; past MAX_STEPS the process runs on without being followed (false). */
  private step(): boolean {
    if (++this.steps <= MAX_STEPS) return true;
    this.ctx.tl.block();
    return false;
  }

  private simple(cmd: Extract<Command, { kind: 'simple' }>): number {
    const sh = this.ctx.sh;
    if (!this.step()) return this.status;
    sh.curLine = cmd.line;
    let substituted = false;
    try {
      const ex = this.expander(() => {
        substituted = true;
      });
      const argv = expandWords(cmd.words, ex);
      const assigns = cmd.assigns.map((a): [string, string] => [a.name, expandString(a.value, ex)]);
      if (argv.length === 0) {
        for (const [name, value] of assigns) sh.setVar(name, value, sh.exported.has(name));
        return (this.status = sh.status = this.redirected(cmd.redirects, () => (substituted ? sh.status : 0)));
      }
      const status = this.redirected(cmd.redirects, () => this.command(argv, Object.fromEntries(assigns)));
      return (this.status = sh.status = status);
    } catch (e: unknown) {
      if (e instanceof ExpansionError) return this.expansionFailed(e);
      throw e;
    }
  }

  /**
   * Where a command's output goes under its redirections: to a file or /dev/null leaves the log (the file is not
   * written: the process's files are not modelled); `>&2` and `2>&1` keep it in the log, which holds both streams.
   */
  private redirected(redirects: Redirect[], fn: () => number): number {
    if (redirects.length === 0) return fn();
    let out = this.ctx.out;
    let err = this.ctx.err;
    for (const r of redirects) {
      if (r.op === '&>' || r.op === '&>>') out = err = discard;
      else if (r.op === '>' || r.op === '>>' || r.op === '>|') {
        if (r.fd === 1) out = discard;
        else if (r.fd === 2) err = discard;
      } else if (r.op === '>&') {
        const target = expandString(r.target, this.expander());
        const to = target === '1' ? out : target === '2' ? err : target === '-' ? discard : undefined;
        if (to && r.fd === 1) out = to;
        else if (to && r.fd === 2) err = to;
      }
    }
    return this.withOut(out, err, fn);
  }

  private withOut(out: (t: string) => void, err: (t: string) => void, f: () => number): number {
    const saved = { out: this.ctx.out, err: this.ctx.err };
    this.ctx.out = out;
    this.ctx.err = err;
    try {
      return f();
    } finally {
      this.ctx.out = saved.out;
      this.ctx.err = saved.err;
    }
  }

  /** Expansion as the shell does it; `$( )` runs here, in a copy of the shell, its output captured. */
  private expander(onSubstitution?: () => void): Expander {
    const { sh, env } = this.ctx;
    return {
      shell: sh,
      get fs() {
        return containerFiles(env);
      },
      substitute: (script) => {
        onSubstitution?.();
        let captured = '';
        const status = this.withOut(
          (t) => (captured += t),
          this.ctx.err,
          () => this.subshell(() => this.list(script)),
        );
        sh.status = status;
        return captured;
      },
    };
  }

  /** A failed expansion, as a non-interactive shell takes it (shell/interpreter.ts expansionFailed). */
  private expansionFailed(e: ExpansionError): number {
    const sh = this.ctx.sh;
    this.ctx.err(sh.flavour.error(sh.speaker(), e.message));
    const bash = sh.flavour.name === 'bash';
    if (e.kind === 'arith') {
      if (bash) throw new DiscardLine(1);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(e.kind === 'unset' ? (bash ? 127 : 2) : e.kind === 'syntax' ? 2 : 1);
  }

  /** Run one command (argv expanded); `assigns` are its prefix assignments (`X=1 cmd`), in its environment. */
  private command(argv: string[], assigns: Record<string, string>): number {
    const [name, ...args] = argv;
    const { tl, sh } = this.ctx;
    const fn = sh.functions.get(name);
    if (fn) return this.call(fn, argv);
    const builtin = SHELL_BUILTINS[name];
    if (builtin) return builtin(this, args);
    if (name === 'exec') {
      if (args.length === 0) return 0;
      const s = this.command(args, assigns);
      tl.exit(s);
      return s;
    }
    const base = name.slice(name.lastIndexOf('/') + 1);
    const program = this.ctx.program(argv);
    if (program) {
      tl.listeners.push(...program.listeners);
      for (const line of program.logs) tl.log(line);
      if (this.ctx.background) return 0;
      if (!program.exit) tl.block();
      else tl.now += program.exit.afterMs;
      return program.exit?.code ?? 0;
    }
    const known = this.commands.has(base) || ALWAYS_THERE.has(base);
    if (!known) {
      const r = sh.flavour.notFound(name, 'missing', name.includes('/'));
      this.ctx.err(sh.flavour.error(sh.speaker(), r.msg));
      return r.status;
    }
    const impl = SCRIPT_COMMANDS[base];
    if (impl) return impl(args, this.ctx);
    return this.tool(argv, assigns) ?? 0; // present in the image but not simulated: succeeds silently
  }

  /** Call a shell function: its arguments are the positional parameters while it runs; `return` ends it. */
  private call(fn: FunctionDef, argv: string[]): number {
    const sh = this.ctx.sh;
    const max = USERLAND_LIMITS.maxFunctionDepth;
    if (sh.funcDepth >= max) {
      if (sh.flavour.name !== 'bash') throw nestingTooDeep(max);
      this.ctx.err(sh.flavour.error(sh.speaker(), `${fn.name}: maximum function nesting level exceeded (${max})`));
      throw new DiscardLine(1);
    }
    const saved = sh.positional;
    sh.positional = argv.slice(1);
    sh.funcDepth++;
    sh.funcNames.push(fn.name);
    try {
      return this.run(fn.body);
    } catch (e: unknown) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      sh.funcNames.pop();
      sh.funcDepth--;
      sh.positional = saved;
    }
  }

  /** `eval ARGS`: parse the words as a script and run it in this shell. */
  evalText(text: string): number {
    const sh = this.ctx.sh;
    const parsed = parseShell(text, { heredocEndsAtEof: true, bash: sh.flavour.name === 'bash' });
    if (!parsed.ok) {
      this.ctx.err(sh.flavour.syntax(sh.speaker(), parsed.failure, text.split('\n')[parsed.failure.line - 1] ?? text));
      return 2;
    }
    return this.list(parsed.script);
  }

  /** `wait`: a job that never ends (a server, an endless loop) holds the process forever. */
  waitJobs(): number {
    if (this.jobs.some((j) => j.blocked || j.loop)) this.ctx.tl.block();
    return 0;
  }

  /** The shell this runner runs (for the builtins below). */
  get shell(): CmdCtx['sh'] {
    return this.ctx.sh;
  }

  /**
   * A userland tool (wget, ping ...) as the terminal runs it, at the process's time: its waits move this timeline,
   * its output goes to the log. Past MAIN_TOOL_HORIZON_MS the simulator stops recording: the process stays running.
   */
  private tool(argv: string[], assigns: Record<string, string>): number | undefined {
    const { env, tl, sh } = this.ctx;
    if (!env.runTool) return undefined;
    const start = tl.now;
    let elapsed = 0; // a tool sleeps fractions of a ms (ping's interval less the rtt); the clock keeps whole ms
    let cut = false;
    const out = this.ctx.out;
    const status = env.runTool({
      pod: env.pod,
      container: env.container.name,
      argv,
      env: { ...sh.env(), ...assigns },
      cwd: sh.cwd,
      out: (t) => {
        if (!cut) out(t);
      },
      sleep: (ms) => {
        if (cut || elapsed + ms > MAIN_TOOL_HORIZON_MS) {
          cut = true;
          return false;
        }
        elapsed += ms;
        tl.now = start + Math.ceil(elapsed);
        return true;
      },
    });
    if (!cut) return status;
    tl.block();
    return 0;
  }

  /** `cmd &`: runs now on its own timeline, in a copy of the shell; its lines and listeners join the process. */
  private background(ao: AndOr): void {
    const tl = this.ctx.tl;
    const job = new Timeline();
    job.now = tl.now;
    const log = (t: string) => emitTo(job, t);
    const runner = new ScriptRunner(
      { ...this.ctx, sh: this.ctx.sh.clone(), tl: job, background: false, out: log, err: log },
      this.commands,
    );
    runner.unwind(() => runner.andOr(ao));
    // A background job's output and listeners join the main process (its loop's later lines are not modelled).
    for (const l of job.lines) tl.lines.push(l);
    tl.lines.sort((a, b) => a.at - b.at);
    tl.listeners.push(...job.listeners);
    this.jobs.push(job);
    this.status = this.ctx.sh.status = 0;
  }
}

type ShellBuiltin = (r: ScriptRunner, args: string[]) => number;

/** Builtins that act on the shell itself; the others (echo, test, sleep ...) are in commands.ts. */
const SHELL_BUILTINS: Record<string, ShellBuiltin> = {
  exit: (r, args) => {
    throw new ExitSignal(args.length > 0 ? Number.parseInt(args[0], 10) & 255 : r.lastStatus());
  },
  break: (_r, args) => {
    throw new LoopSignal('break', Math.max(1, Number.parseInt(args[0] ?? '1', 10) || 1));
  },
  continue: (_r, args) => {
    throw new LoopSignal('continue', Math.max(1, Number.parseInt(args[0] ?? '1', 10) || 1));
  },
  return: (r, args) => {
    throw new ReturnSignal(args.length > 0 ? Number.parseInt(args[0], 10) & 255 : r.lastStatus());
  },
  wait: (r) => r.waitJobs(),
  export: (r, args) => setVars(r, args, true),
  readonly: (r, args) => setVars(r, args, false),
  local: (r, args) => setVars(r, args, false),
  unset: (r, args) => {
    for (const a of args) if (!a.startsWith('-')) r.shell.unset(a);
    return 0;
  },
  shift: (r, args) => {
    const n = args.length > 0 ? Number.parseInt(args[0], 10) : 1;
    if (!(n >= 0) || n > r.shell.positional.length) return 1;
    r.shell.positional = r.shell.positional.slice(n);
    return 0;
  },
  eval: (r, args) => r.evalText(args.join(' ')),
};

/** `export NAME=VALUE NAME`: set (and mark) variables. */
function setVars(r: ScriptRunner, args: string[], exported: boolean): number {
  const sh = r.shell;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1), exported || sh.exported.has(a.slice(0, eq)));
    else if (exported && /^[A-Za-z_]\w*$/.test(a)) sh.exported.add(a);
  }
  return 0;
}

/** Commands every shell has as builtins even when the image lists no such binary. */
const ALWAYS_THERE = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', 'trap', 'set', 'ulimit', 'umask', 'cd', 'kill']);

/** Append output text to a timeline as log lines (a trailing partial line counts as a line). */
export function emitTo(tl: Timeline, text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) tl.log(l);
}
