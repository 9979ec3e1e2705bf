// Interpret a container script on a Timeline: sequencing, && ||, pipes, loops (an endless one becomes a repeating
// tail), background jobs, exit/break/exec, and the commands of commands.ts; image programs (nginx ...) via ctx.
import { Timeline } from '../timeline.ts';
import { SCRIPT_COMMANDS } from './commands.ts';

import type { CmdCtx } from './context.ts';
import { expandWords, type ExpandEnv } from './expand.ts';
import type { Node } from './parser.ts';

/** How much of a tool's own time (an endless ping) a main process records; it keeps running after, silently. */
const MAIN_TOOL_HORIZON_MS = 300_000;

/** Iterations after which a loop whose variables keep changing is treated as endless. */
const MAX_ITERATIONS = 10_000;

export class ScriptRunner {
  private status = 0;
  private breaking = false;
  private readonly jobs: Timeline[] = [];

  constructor(
    private readonly ctx: CmdCtx,
    private readonly commands: Set<string>,
  ) {}

  /** Exit status of the last command run ($?). */
  lastStatus(): number {
    return this.status;
  }

  private expandEnv(): ExpandEnv {
    return {
      vars: this.ctx.vars,
      status: this.status,
      substitute: (cmd) => {
        if (cmd === 'hostname') return this.ctx.env.hostname;
        if (cmd === 'hostname -i') return this.ctx.env.podAddress() ?? '';
        if (cmd === 'date') return (SCRIPT_COMMANDS.date([], this.sub()), this.captured);
        return '';
      },
    };
  }

  private captured = '';
  private sub(): CmdCtx {
    this.captured = '';
    return { ...this.ctx, out: (t) => (this.captured += t) };
  }

  run(node: Node): number {
    const tl = this.ctx.tl;
    if (tl.done() || this.breaking) return this.status;
    switch (node.kind) {
      case 'list':
        for (const item of node.items) {
          if (tl.done() || this.breaking) break;
          if (item.background) this.background(item.node);
          else this.status = this.run(item.node);
        }
        return this.status;
      case 'andor': {
        let s = this.run(node.first);
        for (const [op, next] of node.rest) {
          if (tl.done() || this.breaking) break;
          if ((op === '&&') === (s === 0)) s = this.run(next);
        }
        return (this.status = s);
      }
      case 'pipeline': {
        let s = 0;
        node.cmds.forEach((c, i) => {
          const last = i === node.cmds.length - 1;
          s = last
            ? this.run(c)
            : this.withOut(
                () => {},
                () => this.run(c),
              );
        });
        return (this.status = node.negate ? (s === 0 ? 1 : 0) : s);
      }
      case 'loop':
        return this.loop(node.cond, node.body, node.until);
      case 'for': {
        const items = node.items ? expandWords(node.items, this.expandEnv()) : [];
        for (const it of items) {
          if (tl.done()) break;
          this.ctx.vars[node.name] = it;
          this.run(node.body);
          if (this.breaking) {
            this.breaking = false;
            break;
          }
        }
        return this.status;
      }
      case 'if':
        for (const [cond, body] of node.branches) {
          if (this.run(cond) === 0) return this.run(body);
          if (tl.done()) return this.status;
        }
        return node.otherwise ? this.run(node.otherwise) : (this.status = 0);
      case 'simple':
        return (this.status = node.redirected
          ? this.withOut(
              () => {},
              () => this.simple(node),
            )
          : this.simple(node));
    }
  }

  private withOut(out: (t: string) => void, f: () => number): number {
    const saved = this.ctx.out;
    this.ctx.out = out;
    try {
      return f();
    } finally {
      this.ctx.out = saved;
    }
  }

  private simple(node: Extract<Node, { kind: 'simple' }>): number {
    const env = this.expandEnv();
    const argv = expandWords(node.words, env);
    for (const [name, w] of node.assigns) this.ctx.vars[name] = expandWords([w], env).join(' ');
    if (argv.length === 0) return 0;
    return this.command(argv);
  }

  /** Run one command line (argv already expanded). */
  command(argv: string[]): number {
    const [name, ...args] = argv;
    const tl = this.ctx.tl;
    if (name === 'exit') {
      tl.exit(Number.parseInt(args[0] ?? String(this.status), 10) & 255);
      return this.status;
    }
    if (name === 'break') {
      this.breaking = true;
      return 0;
    }
    if (name === 'wait') {
      if (this.jobs.some((j) => j.blocked || j.loop)) tl.block();
      return 0;
    }
    if (name === 'export' || name === 'readonly' || name === 'local') {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) this.ctx.vars[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return 0;
    }
    if (name === 'exec') {
      if (args.length === 0) return 0;
      const s = this.command(args);
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
    const known = this.commands.has(base) || SCRIPT_BUILTINS.has(base);
    if (!known) return this.notFound(name);
    const impl = SCRIPT_COMMANDS[base];
    if (impl) return impl(args, this.ctx);
    return this.tool(argv) ?? 0; // present in the image but not simulated: succeeds silently
  }

  /**
   * A userland tool (wget, ping ...) as the terminal runs it, at the process's time: its waits move this timeline,
   * its output goes to the log. Past MAIN_TOOL_HORIZON_MS the simulator stops recording: the process stays running.
   */
  private tool(argv: string[]): number | undefined {
    const { env, tl } = this.ctx;
    if (!env.runTool) return undefined;
    const start = tl.now;
    let elapsed = 0; // a tool sleeps fractions of a ms (ping's interval less the rtt); the clock keeps whole ms
    let cut = false;
    const status = env.runTool({
      pod: env.pod,
      container: env.container.name,
      argv,
      env: { ...this.ctx.vars },
      cwd: env.facts.info.workdir,
      out: (t) => {
        if (!cut) this.ctx.out(t);
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

  private notFound(name: string): number {
    const msg = {
      ash: `${this.ctx.argv0}: ${name}: not found\n`,
      dash: `${this.ctx.argv0}: 1: ${name}: not found\n`,
      bash: `${this.ctx.argv0}: line 1: ${name}: command not found\n`,
    }[this.ctx.shell];
    this.ctx.out(msg);
    return 127;
  }

  private background(node: Node): void {
    const tl = this.ctx.tl;
    const job = new Timeline();
    job.now = tl.now;
    const runner = new ScriptRunner({ ...this.ctx, tl: job, background: false, out: (t) => emitTo(job, t) }, this.commands);
    runner.run(node);
    // A background job's output and listeners join the main process (its loop's later lines are not modelled).
    for (const l of job.lines) tl.lines.push(l);
    tl.lines.sort((a, b) => a.at - b.at);
    tl.listeners.push(...job.listeners);
    this.jobs.push(job);
  }

  private loop(cond: Node, body: Node, until: boolean): number {
    const tl = this.ctx.tl;
    for (let n = 0; ; n++) {
      const t0 = tl.now;
      const first = tl.lines.length;
      const before = JSON.stringify(this.ctx.vars);
      const c = this.run(cond);
      if (tl.done()) return this.status;
      if ((c === 0) === until) return (this.status = 0);
      this.run(body);
      if (this.breaking) {
        this.breaking = false;
        return this.status;
      }
      if (tl.done()) return this.status;
      if (JSON.stringify(this.ctx.vars) === before || n >= MAX_ITERATIONS) {
        // Nothing changes between iterations: this one repeats forever.
        const lines = tl.lines.splice(first).map((l) => ({ at: l.at - t0, line: l.line }));
        const period = tl.now - t0;
        if (period > 0) tl.loop = { from: t0, period, lines };
        else {
          for (const l of lines) tl.lines.push({ at: t0, line: l.line });
          tl.block(); // a busy loop: its first pass is all that is modelled
        }
        return this.status;
      }
    }
  }
}

/** Builtins every shell has even when the image lists no such binary. */
const SCRIPT_BUILTINS = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  'trap',
  'set',
  'ulimit',
  'umask',
  'cd',
  'kill',
  'export',
]);

/** Append output text to a timeline as log lines (a trailing partial line counts as a line). */
export function emitTo(tl: Timeline, text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) tl.log(l);
}
