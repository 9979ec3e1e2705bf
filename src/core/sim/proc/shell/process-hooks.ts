// What a container's main process changes in the shell that runs its script (images/process/container-process.ts implements it):
// its own commands and its own time. A terminal's shell has none of these.
import type { Io } from '../os/io.ts';
import type { ShellState } from './shell-state.ts';

export interface ProcessHooks {
  /** `> dir/file` creates a missing `dir`: an image's directories are not all modelled (nor are volumes). */
  readonly createsParents: boolean;
  /**
   * Run a command as the process does (servers, `sleep` on its timeline, image programs, userland tools), or
   * undefined to leave it to the shell (its builtins when `builtins`). Called after functions, before builtins.
   */
  command(sh: ShellState, argv: string[], io: Io, env: Record<string, string>, builtins: boolean): number | undefined;
  /** A while/until loop starts; the function returned is called at the start of each turn. */
  loop(sh: ShellState): () => void;
  /** Run a background job (`cmd &`) on the process's behalf; returns its status. */
  job(run: () => number): number;
}
