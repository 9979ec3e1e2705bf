// SimTerminal: the Backend's Terminal over simulated hosts. A stack of interactive shells: typing runs a line in
// the top one, `kubectl exec -it POD -- sh` pushes another, `exit` pops it.
import type { LineResult, Terminal, TypeOptions } from '../../../backend.ts';
import { PodlabError } from '../../../errors.ts';
import type { HostRef, World } from '../../contracts.ts';
import { toolTable } from '../bin/index.ts';
import type { ShellRequest, ToolInfo } from '../bin/tool.ts';
import { asLimitError, chargingLine, LimitError } from '../limits.ts';
import { Budget, StopLine } from '../os/budget.ts';
import { completeLine } from './complete.ts';
import { hostInfo } from '../os/host-info.ts';
import { jobNotices, startInteractive } from './interactive.ts';
import { Interpreter } from '../shell/interpreter.ts';
import { Input, TerminalSink } from '../os/io.ts';
import { parseShell } from '../shell/parser.ts';
import { renderPrompt } from './prompt.ts';
import { foregroundRuntime } from '../os/runtime.ts';
import { launchShell } from '../shell/shell-program.ts';
import type { ShellState } from '../shell/shell-state.ts';
import { ExitSignal, LoopSignal } from '../shell/signals.ts';
import { isIncomplete } from '../shell/syntax.ts';

export interface TerminalOptions {
  /** Working directory of the first shell (created if missing); default the host's (home, container workdir). */
  cwd?: string;
  /** The user the first shell runs as; default root. */
  user?: string;
  /** The programs (default toolTable()). */
  tools?: Map<string, ToolInfo>;
  /** The shell program to start; default bash on nodes and where the image has it, else the image's first shell. */
  program?: string;
  /** Simulated ms that pass while a line is typed, before it runs (so AGE columns move); default 1000. */
  typingMs?: number;
  /** Commands and loop turns one line may run before it counts as timed out; default 20000. */
  maxSteps?: number;
}

interface Frame {
  sh: ShellState;
  /** The request that opened this shell (absent for the terminal's own). */
  request?: ShellRequest;
  /** Text of an unfinished construct waiting for more lines (PS2). */
  pending?: string;
}

/** Exit status a line gets when the budget stops it (as if interrupted with ^C). */
const INTERRUPTED = 130;

class SimTerminal implements Terminal {
  private readonly frames: Frame[] = [];
  private ended = false;

  constructor(
    private readonly world: World,
    private readonly tools: Map<string, ToolInfo>,
    private readonly options: TerminalOptions,
    first: Frame,
  ) {
    this.frames.push(first);
  }

  prompt(): string {
    if (this.ended) return '';
    const f = this.top();
    if (f.pending !== undefined) return f.sh.get('PS2') ?? '> ';
    return renderPrompt(f.sh.get('PS1') ?? '$ ', f.sh, hostInfo(this.world, f.sh.host));
  }

  depth(): number {
    return this.frames.length;
  }

  async type(line: string, options: TypeOptions): Promise<LineResult> {
    const result = this.typeLine(line, options);
    // The simulator runs a line to its end at once: its output arrives as one chunk.
    if (result.output !== '') options.onOutput?.(result.output);
    return result;
  }

  complete(partial: string): string[] {
    if (this.ended) return [];
    const sh = this.top().sh;
    return completeLine(this.world, this.tools, sh, partial);
  }

  async dispose(): Promise<void> {
    this.ended = true;
    this.frames.length = 0;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private typeLine(line: string, options: TypeOptions): LineResult {
    if (this.ended)
      return {
        output: 'podlab: this terminal has exited; open a new one\n',
        exitCode: 1,
        durationMs: 0,
        timedOut: false,
        truncated: false,
      };
    const world = this.world;
    world.control.advance(this.options.typingMs ?? 1000);
    const start = world.clock.now();
    const out = new TerminalSink(options.maxOutputBytes);
    this.reapGoneHosts(out);
    if (this.ended)
      return {
        output: `${out.text}podlab: this terminal has exited; open a new one\n`,
        exitCode: 1,
        durationMs: 0,
        timedOut: false,
        truncated: out.truncated,
      };
    const budget = new Budget(world, options.timeoutMs, this.options.maxSteps ?? 20_000, options.signal);
    const rt = foregroundRuntime(world, this.tools, budget, launchShell);
    const frame = this.top();
    const sh = frame.sh;
    const text = frame.pending !== undefined ? `${frame.pending}\n${line}` : line;
    let parsed: ReturnType<typeof parseShell>;
    try {
      parsed = parseShell(`${text}\n`, { bash: sh.flavour.name === 'bash' });
    } catch (e: unknown) {
      const limit = asLimitError(e);
      if (!(limit instanceof LimitError)) throw e;
      frame.pending = undefined;
      out.write(sh.flavour.error(sh.speaker(), limit.message));
      sh.status = 2;
      return { output: out.text, exitCode: 2, durationMs: world.clock.now() - start, timedOut: false, truncated: out.truncated };
    }
    const result = (exitCode: number): LineResult => ({
      output: out.text,
      exitCode,
      durationMs: world.clock.now() - start,
      timedOut: budget.stopped === 'timeout',
      truncated: out.truncated,
    });
    if (!parsed.ok && isIncomplete(parsed.failure)) {
      frame.pending = text;
      return result(sh.status);
    }
    frame.pending = undefined;
    const lines = text.split('\n').length;
    let exited: number | undefined;
    if (!parsed.ok) {
      // dash counts the line when the error is at its newline (see flavours.ts).
      if (sh.flavour.name === 'dash' && parsed.failure.kind === 'unexpected' && parsed.failure.token === 'newline') sh.lineNo += lines;
      const speaker = { ...sh.speaker(), line: sh.flavour.name === 'dash' ? sh.lineNo : parsed.failure.line };
      out.write(sh.flavour.syntax(speaker, parsed.failure, text.split('\n')[parsed.failure.line - 1] ?? text));
      sh.status = 2;
    } else {
      try {
        const script = parsed.script;
        chargingLine(
          (units) => budget.spend(units),
          () => new Interpreter(rt).run(sh, script, { stdin: new Input(''), stdout: out, stderr: out, tty: true }),
        );
      } catch (e: unknown) {
        if (e instanceof ExitSignal) exited = e.status;
        else if (e instanceof StopLine) sh.status = INTERRUPTED;
        else if (!(e instanceof LoopSignal)) {
          // A limit of the simulated userland (a value too large, nesting too deep) ends the line with a message.
          const limit = asLimitError(e);
          if (!(limit instanceof LimitError)) throw e;
          out.write(sh.flavour.error(sh.speaker(), limit.message));
          sh.status = 1;
        }
      }
      if (sh.flavour.name === 'dash') sh.lineNo += lines;
    }
    for (const end of rt.atLineEnd ?? []) end();
    if (exited !== undefined) return result(this.pop(exited, out));
    out.write(jobNotices(sh, world.clock.now()));
    const status = sh.status;
    for (const request of rt.shellRequests) this.push(request);
    return result(status);
  }

  /**
   * Shells whose container is gone (pod deleted or restarted) were killed with it: pop them with 137 (SIGKILL),
   * as the exec session's end shows it; the line then runs in the shell below.
   */
  private reapGoneHosts(out: TerminalSink): void {
    while (!this.ended && hostInfo(this.world, this.top().sh.host)?.pod?.metadata.uid !== this.top().sh.hostUid) {
      if (this.top().sh.host.kind === 'node') return;
      this.pop(137, out);
    }
  }

  /** Leave the top shell with `status`; returns the status the outer shell's command ends with. */
  private pop(status: number, out: TerminalSink): number {
    const frame = this.frames.pop() as Frame;
    if (this.frames.length === 0) {
      this.ended = true;
      return status;
    }
    const io = { stdout: (t: string) => out.write(t), stderr: (t: string) => out.write(t) };
    const mapped = frame.request?.onExit?.(io, status);
    const outer = this.top().sh;
    outer.status = typeof mapped === 'number' ? mapped : status;
    return outer.status;
  }

  private push(request: ShellRequest): void {
    const sh = startInteractive({ world: this.world, host: request.host, program: request.program, env: request.env, cwd: request.cwd });
    this.frames.push({ sh, request });
  }
}

/**
 * Open a terminal on a host: a node's host shell (bash) or a container's shell (bash if the image has it, else its first).
 * Throws PodlabError('backend-error') when the host does not exist or the container has no shell.
 */
export function createTerminal(world: World, host: HostRef, options: TerminalOptions = {}): Terminal {
  const info = hostInfo(world, host);
  if (!info)
    throw new PodlabError(
      'backend-error',
      host.kind === 'node' ? `no node named ${host.node}` : `no container ${host.container} in pod ${host.namespace}/${host.pod}`,
    );
  // A container terminal is what `kubectl exec -it POD -- bash` would give, or `-- sh` where there is no bash.
  const shells = info.image?.shells ?? [];
  const program = options.program ?? (host.kind === 'node' || shells.includes('bash') ? 'bash' : shells[0]);
  if (!program)
    throw new PodlabError(
      'backend-error',
      `container ${info.container?.name} of pod ${info.pod?.metadata.name} has no shell (image ${info.container?.image})`,
    );
  if (options.cwd) {
    const fs = world.fs(host);
    if (!fs.isDir(options.cwd)) {
      if (fs.mkdir) fs.mkdir(options.cwd, { parents: true });
      else fs.write(`${options.cwd}/.keep`, '');
    }
  }
  const sh = startInteractive({ world, host, program, user: options.user, cwd: options.cwd });
  return new SimTerminal(world, options.tools ?? toolTable(), options, { sh });
}
