// Building the ToolContext a program runs with, and finding the line's runtime again from a context (for `sh -c`).
import type { HostRef } from '../../contracts.ts';
import type { ExecOptions, ShellRequest, ToolContext } from '../bin/tool.ts';
import type { Io } from './io.ts';
import type { Runtime } from './runtime.ts';

export interface ToolRun {
  rt: Runtime;
  host: HostRef;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  io: Io;
  /** How execIn runs a program elsewhere (exec-in.ts), with this context's streams. */
  execIn(host: HostRef, argv: string[], io: Io, stdin: string, options: ExecOptions): number;
}

const runs = new WeakMap<ToolContext, { rt: Runtime; io: Io }>();

/** The ToolContext for one program run. stdin is read lazily, so programs that ignore it leave it to the next. */
export function makeToolContext(run: ToolRun): ToolContext {
  let stdin: string | undefined;
  const ctx: ToolContext = {
    world: run.rt.world,
    host: run.host,
    argv: run.argv,
    env: run.env,
    cwd: run.cwd,
    get stdin(): string {
      stdin ??= run.io.stdin.readAll();
      return stdin;
    },
    tty: run.io.tty,
    stdout: (text) => run.io.stdout.write(text),
    stderr: (text) => run.io.stderr.write(text),
    sleep: (ms) => run.rt.sleep(ms),
    execIn: (host, argv, input, options) => run.execIn(host, argv, run.io, input ?? '', options ?? {}),
    openShell: (request: ShellRequest) => {
      run.rt.shellRequests.push(request);
    },
  };
  runs.set(ctx, { rt: run.rt, io: run.io });
  return ctx;
}

/** The runtime and streams behind a context made by makeToolContext (undefined for a test's hand-made context). */
export function runOf(ctx: ToolContext): { rt: Runtime; io: Io } | undefined {
  return runs.get(ctx);
}
