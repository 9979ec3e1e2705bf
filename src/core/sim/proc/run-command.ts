// Running one exec'd command in a simulated container, non-interactively, as a container runtime's exec does.
import type { HostRef, World } from '../contracts.ts';
import { Budget } from './os/budget.ts';
import { execIn } from './os/exec-in.ts';
import { CaptureSink, Input } from './os/io.ts';
import { foregroundRuntime } from './os/runtime.ts';
import { toolTable } from './bin/index.ts';
import { launchShell } from './shell/shell-program.ts';

/** Simulated time one exec'd command may take before it is killed (exit 137), like a hung `ping` without -c. */
export const EXEC_BUDGET_MS = 5 * 60_000;

export interface CommandRun {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Run argv in the container (or node) with `stdin` as its input. With `tty`, programs format for a terminal and
 * stderr goes to the same stream as stdout, as with a real pty. `cwd` defaults to the host's (home, container workdir).
 */
export function runCommand(world: World, host: HostRef, argv: string[], stdin: string, tty: boolean, cwd?: string): CommandRun {
  const budget = new Budget(world, EXEC_BUDGET_MS);
  const rt = foregroundRuntime(world, toolTable(), budget, launchShell);
  const out = new CaptureSink();
  const err = tty ? out : new CaptureSink();
  const status = execIn(rt, host, argv, { stdin: new Input(stdin), stdout: out, stderr: err, tty }, stdin, { tty, cwd });
  for (const end of rt.atLineEnd ?? []) end();
  world.control.settle();
  return { stdout: out.text, stderr: tty ? '' : err.text, status };
}
