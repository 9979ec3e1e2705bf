// A container's main process as the shell runs it: the one shell (shell/interpreter.ts) interprets the script, and
// this records the process over its own time. Sleeps move its Timeline, an endless loop becomes the timeline's
// repeating tail (its log is a live view), `cmd &` runs on a timeline of its own, servers register listeners, image
// programs (nginx ...) and userland tools (wget ...) run as the process would. Once the process blocks, loops
// forever or exits, nothing after runs: StopLine unwinds the shell.
import type { ContainerRun, World } from '../../../contracts.ts';
import { Budget, StopLine } from '../../os/budget.ts';
import type { Sink } from '../../os/io.ts';
import { BUILTINS } from '../../shell/builtins/index.ts';
import type { ProcessHooks } from '../../shell/process-hooks.ts';
import type { ShellState } from '../../shell/shell-state.ts';
import type { ProcessEnv } from '../process-env.ts';
import { Timeline } from '../timeline.ts';
import { PROCESS_COMMANDS } from './commands.ts';
import type { CmdCtx } from './context.ts';

/** How much of a tool's own time (an endless ping) a main process records; it keeps running after, silently. */
const MAIN_TOOL_HORIZON_MS = 300_000;

/** Iterations after which a loop whose variables keep changing is treated as endless. */
const MAX_ITERATIONS = 10_000;

/** Commands and loop turns a process is followed for; past them it runs on unrecorded (nested loops, recursion). */
const MAX_STEPS = 200_000;

/** Commands every shell has even when the image lists no such binary (those the shell has no builtin for do nothing). */
const ALWAYS_THERE = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', 'trap', 'set', 'ulimit', 'umask', 'cd', 'kill']);

/** Where a command writes. */
type Streams = { stdout: Sink; stderr: Sink };

export class ContainerProcess implements ProcessHooks {
  /** The running timeline: the process's own, or a background job's while it runs. */
  private readonly running: Timeline[];
  private readonly jobs: Timeline[] = [];
  private steps = 0;
  readonly createsParents = true;
  /** The log: what the process writes (stdout and stderr alike) goes to the running timeline. */
  readonly log: Sink = { write: (t) => emitTo(this.tl, t) };

  constructor(
    private readonly env: ProcessEnv,
    /** The commands the image ships (/bin, /usr/bin ...). */
    private readonly commands: Set<string>,
    /** An image program (nginx, agnhost ...) started by the script; undefined if the image has no such program. */
    private readonly program: (argv: string[]) => ContainerRun | undefined,
    main: Timeline,
  ) {
    this.running = [main];
  }

  get tl(): Timeline {
    return this.running[this.running.length - 1];
  }

  /** Stop the shell once the running timeline has ended (exited, blocked, an endless loop). */
  check(): void {
    if (this.tl.done()) throw new StopLine();
  }

  /** Count a command or loop turn (or `n` of them); past MAX_STEPS the process runs on without being followed. */
  step(n = 1): void {
    this.steps += n;
    if (this.steps > MAX_STEPS) this.tl.block();
    this.check();
  }

  command(sh: ShellState, argv: string[], io: Streams, env: Record<string, string>, builtins: boolean): number | undefined {
    const s = this.run(sh, argv, io, env, builtins);
    if (s !== undefined) this.check();
    return s;
  }

  private run(sh: ShellState, argv: string[], io: Streams, env: Record<string, string>, builtins: boolean): number | undefined {
    const [name, ...args] = argv;
    const tl = this.tl;
    if (name === 'wait') {
      // A job that never ends (a server, an endless loop) holds the process forever.
      if (this.jobs.some((j) => j.blocked || j.loop)) tl.block();
      return 0;
    }
    if (builtins && BUILTINS.has(name)) return undefined;
    if (name === 'exec') {
      if (args.length === 0) return 0;
      const s = this.run(sh, args, io, env, false) ?? 0;
      tl.exit(s);
      return s;
    }
    const base = name.slice(name.lastIndexOf('/') + 1);
    const program = this.program(argv);
    if (program) {
      tl.listeners.push(...program.listeners);
      for (const line of program.logs) tl.log(line);
      if (!program.exit) tl.block();
      else tl.now += program.exit.afterMs;
      return program.exit?.code ?? 0;
    }
    if (!this.commands.has(base) && !ALWAYS_THERE.has(base)) {
      const r = sh.flavour.notFound(name, 'missing', name.includes('/'));
      io.stderr.write(sh.flavour.error(sh.speaker(), r.msg));
      return r.status;
    }
    const impl = PROCESS_COMMANDS[base];
    const ctx: CmdCtx = {
      tl,
      env: this.env,
      sh,
      out: (t) => io.stdout.write(t),
      err: (t) => io.stderr.write(t),
      program: this.program,
    };
    if (impl) return impl(args, ctx);
    return this.tool(sh, argv, io.stdout, env) ?? 0; // present in the image but not simulated: succeeds silently
  }

  /**
   * A userland tool (wget, ping ...) as the terminal runs it, at the process's time: its waits move the timeline,
   * its output goes to the log. Past MAIN_TOOL_HORIZON_MS the simulator stops recording: the process stays running.
   */
  private tool(sh: ShellState, argv: string[], out: Sink, env: Record<string, string>): number | undefined {
    const { tl } = this;
    if (!this.env.runTool) return undefined;
    const start = tl.now;
    let elapsed = 0; // a tool sleeps fractions of a ms (ping's interval less the rtt); the clock keeps whole ms
    let cut = false;
    const status = this.env.runTool({
      pod: this.env.pod,
      container: this.env.container.name,
      argv,
      env,
      cwd: sh.cwd,
      out: (t) => {
        if (!cut) out.write(t);
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

  /**
   * while/until. A turn that changes no variable repeats forever: its lines (and its period of simulated time)
   * become the timeline's repeating tail, which the live log view expands as time passes.
   */
  loop(sh: ShellState): () => void {
    const tl = this.tl;
    let n = 0;
    let prev: { t0: number; first: number; state: string } | undefined;
    return () => {
      const state = JSON.stringify([[...sh.vars], sh.positional]);
      if (prev && (state === prev.state || n >= MAX_ITERATIONS)) {
        // Nothing changed in the last turn: it repeats forever.
        const t0 = prev.t0;
        const lines = tl.lines.splice(prev.first).map((l) => ({ at: l.at - t0, line: l.line }));
        const period = tl.now - t0;
        if (period > 0) tl.loop = { from: t0, period, lines };
        else {
          for (const l of lines) tl.lines.push({ at: t0, line: l.line });
          tl.block(); // a busy loop: its first pass is all that is modelled
        }
        throw new StopLine();
      }
      n++;
      prev = { t0: tl.now, first: tl.lines.length, state };
    };
  }

  /** `cmd &`: runs now on its own timeline; its lines and listeners join the process (a loop's later lines do not). */
  job(run: () => number): number {
    const tl = this.tl;
    const job = new Timeline();
    job.now = tl.now;
    this.running.push(job);
    let status = 0;
    try {
      status = run();
    } catch (e: unknown) {
      if (!(e instanceof StopLine)) throw e;
    } finally {
      this.running.pop();
    }
    for (const l of job.lines) tl.lines.push(l);
    tl.lines.sort((a, b) => a.at - b.at);
    tl.listeners.push(...job.listeners);
    this.jobs.push(job);
    return status;
  }
}

/**
 * The budget of a container's process: steps are counted against MAX_STEPS; time is the process's own (sleeps are
 * its commands'); it stops when its timeline has ended. The world's clock never moves for it.
 */
export class ProcessBudget extends Budget {
  constructor(
    world: World,
    private readonly process: ContainerProcess,
  ) {
    super(world, 0);
  }

  override step(): void {
    this.process.step();
  }

  /** Matcher work costs as a terminal's line counts it: 1,000 units a step. */
  override spend(units: number): void {
    this.process.step(units / 1_000);
  }

  override check(): void {
    this.process.check();
  }

  override sleep(ms: number): boolean {
    if (this.process.tl.done()) return false;
    this.process.tl.now += Math.max(0, ms);
    return true;
  }

  override remaining(): number {
    return Infinity;
  }
}

/** Append output text to a timeline as log lines (a trailing partial line counts as a line). */
function emitTo(tl: Timeline, text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) tl.log(l);
}
