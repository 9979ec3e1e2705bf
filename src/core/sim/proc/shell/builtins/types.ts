// The contract of shell builtins: they run inside the shell process, with its state and streams.
import type { Found } from '../../os/commands.ts';
import type { Io } from '../../os/io.ts';
import type { Runtime } from '../../os/runtime.ts';
import type { ShellState } from '../shell-state.ts';

/** What the interpreter offers builtins that need to run or look up commands (eval, type, command, wait). */
export interface ShellOps {
  /** Parse and run text in this shell (eval). */
  evalText(sh: ShellState, text: string, io: Io): number;
  /** What a command name finds on this shell's host (ignoring builtins). */
  find(sh: ShellState, name: string): Found;
  /** Run argv as a command without alias lookup (`command x`). */
  runArgv(sh: ShellState, argv: string[], io: Io): number;
}

export interface BuiltinCall {
  sh: ShellState;
  io: Io;
  /** argv[0] is the builtin's name. */
  argv: string[];
  rt: Runtime;
  ops: ShellOps;
  /** Print one error line in this shell's words (`bash: cd: x: No such file or directory`). */
  error(msg: string, builtin?: string): void;
}

/** A builtin returns its exit status; it may throw ExitSignal or LoopSignal. */
export type Builtin = (call: BuiltinCall) => number;
