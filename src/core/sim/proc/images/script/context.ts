// What a script command sees: the process recording, the container, the variables, where its output goes.
import type { ContainerRun } from '../../../contracts.ts';
import type { ProcessEnv } from '../process-env.ts';
import type { Timeline } from '../timeline.ts';

/** Which shell interprets the script; it words "not found" differently. */
export type ShellKind = 'ash' | 'bash' | 'dash';

export interface CmdCtx {
  tl: Timeline;
  env: ProcessEnv;
  vars: Record<string, string>;
  shell: ShellKind;
  /** `$0` of the script's shell ("sh", "bash"). */
  argv0: string;
  /** Run in the background (`cmd &`): blocking commands return at once. */
  background: boolean;
  /** Output goes to the container log unless redirected to a file (`> /dev/null`) or piped on. */
  out(text: string): void;
  /** An image program (nginx, agnhost ...) started from the script; undefined if the image has no such program. */
  program(argv: string[]): ContainerRun | undefined;
}

/** A command the script evaluator implements; returns the exit status. */
export type ScriptCommand = (args: string[], ctx: CmdCtx) => number;
