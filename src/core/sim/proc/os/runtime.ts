// What one typed line shares across every shell and program it runs: world, tools, budget, pids, nested-shell requests.
import type { HostRef, World } from '../../contracts.ts';
import type { ShellRequest, ToolInfo } from '../bin/tool.ts';
import type { Budget } from './budget.ts';
import type { HostInfo } from './host-info.ts';
import type { Io } from './io.ts';

/** A new non-interactive shell process, as the OS starts one (exec of a script file, `./script.sh`). */
export interface ShellStart {
  host: HostRef;
  info: HostInfo;
  /** Which shell, by program name: `sh` is the host's (dash, ash or bash), `bash`/`dash`/`ash` themselves. */
  program: string;
  /** $0. */
  argv0: string;
  source: string;
  positional: string[];
  env: Record<string, string>;
  cwd: string;
  io: Io;
  user: string;
  home: string;
}

/**
 * Starts a shell for the OS and returns its exit status, or undefined when `program` is no shell podlab knows.
 * The shell layer provides it (shell/shell-program.ts launchShell), so os/ never imports shell/.
 */
export type ShellLauncher = (rt: Runtime, start: ShellStart) => number | undefined;

export interface Runtime {
  readonly world: World;
  /** Every program by name (toolTable()); which ones exist on a host is decided per host (commands.ts). */
  readonly tools: Map<string, ToolInfo>;
  readonly budget: Budget;
  /** Interactive shells programs asked for (`kubectl exec -it`), opened by the terminal after the line. */
  readonly shellRequests: ShellRequest[];
  /** How exec starts a shell on a script. */
  readonly launchShell: ShellLauncher;
  /**
   * Let simulated time pass for a program. In the foreground this is the budget's sleep; a background job
   * (`cmd &`) only adds to its own elapsed time, so the line does not wait for it.
   */
  sleep(ms: number): boolean;
  /** For background jobs: the simulated ms the job has "slept" so far. */
  readonly elapsed?: { ms: number };
  /** Run when the line ends (a background `tcpdump &` still capturing stops and prints its statistics). */
  readonly atLineEnd?: (() => void)[];
}

/** The runtime of a line's foreground. */
export function foregroundRuntime(world: World, tools: Map<string, ToolInfo>, budget: Budget, launchShell: ShellLauncher): Runtime {
  return { world, tools, budget, shellRequests: [], launchShell, sleep: (ms) => budget.sleep(ms), atLineEnd: [] };
}

/** A runtime for a background job: same budget for steps, its own clock for sleeps. */
export function backgroundRuntime(rt: Runtime): Runtime {
  const elapsed = { ms: 0 };
  return {
    ...rt,
    elapsed,
    sleep: (ms) => {
      if (rt.budget.stopped) return false;
      elapsed.ms += Math.max(0, ms);
      return true;
    },
  };
}

const pidCounters = new WeakMap<World, Map<string, number>>();

/**
 * The next process id on a host. Deterministic per world: a container's own processes start after its
 * main process (pid 1) and the few the runtime adds; a node's after its boot-time daemons.
 */
export function nextPid(world: World, host: HostRef): number {
  let m = pidCounters.get(world);
  if (!m) {
    m = new Map();
    pidCounters.set(world, m);
  }
  const key = host.kind === 'node' ? `node/${host.node}` : `pod/${host.namespace}/${host.pod}`;
  const next = (m.get(key) ?? (host.kind === 'node' ? 2816 : 6)) + 1;
  m.set(key, next);
  return next;
}
