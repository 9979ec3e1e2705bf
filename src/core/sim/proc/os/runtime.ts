// What one typed line shares across every shell and program it runs: world, tools, budget, pids, nested-shell requests.
import type { HostRef, World } from '../../contracts.ts';
import type { ShellRequest, ToolInfo } from '../bin/tool.ts';
import type { Budget } from './budget.ts';

export interface Runtime {
  readonly world: World;
  /** Every program by name (toolTable()); which ones exist on a host is decided per host (commands.ts). */
  readonly tools: Map<string, ToolInfo>;
  readonly budget: Budget;
  /** Interactive shells programs asked for (`kubectl exec -it`), opened by the terminal after the line. */
  readonly shellRequests: ShellRequest[];
  /**
   * Let simulated time pass for a program. In the foreground this is the budget's sleep; a background job
   * (`cmd &`) only adds to its own elapsed time, so the line does not wait for it.
   */
  sleep(ms: number): boolean;
  /** For background jobs: the simulated ms the job has "slept" so far. */
  readonly elapsed?: { ms: number };
}

/** The runtime of a line's foreground. */
export function foregroundRuntime(world: World, tools: Map<string, ToolInfo>, budget: Budget): Runtime {
  return { world, tools, budget, shellRequests: [], sleep: (ms) => budget.sleep(ms) };
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
