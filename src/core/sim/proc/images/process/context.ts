// What a container process's command sees: the timeline it runs on (the process's or a job's), the container, the
// shell's state, where its output goes.
import type { ContainerRun } from '../../../contracts.ts';
import type { ShellState } from '../../shell/shell-state.ts';
import type { ProcessEnv } from '../process-env.ts';
import type { Timeline } from '../timeline.ts';

export interface CmdCtx {
  tl: Timeline;
  env: ProcessEnv;
  /** The shell running the script: variables, positional parameters, flavour (its words), $0, cwd. */
  sh: ShellState;
  /** Standard output: the container log unless redirected, piped on or captured by `$( )`. */
  out(text: string): void;
  /** Standard error: the container log too, unless redirected. */
  err(text: string): void;
  /** An image program (nginx, agnhost ...) started from the script; undefined if the image has no such program. */
  program(argv: string[]): ContainerRun | undefined;
}

/** A command a container's process runs its own way (images/process/commands.ts); returns the exit status. */
export type ProcessCommand = (args: string[], ctx: CmdCtx) => number;
