// The shape of one kubectl subcommand: its flags, help text and run function; the table lives in commands.ts.
import type { FlagSpec, Flags } from './flags.ts';
import type { Kube } from './kube.ts';

/** The groups `kubectl --help` lists commands under, in its order. */
export const COMMAND_GROUPS = [
  'Basic Commands (Beginner):',
  'Basic Commands (Intermediate):',
  'Deploy Commands:',
  'Cluster Management Commands:',
  'Troubleshooting and Debugging Commands:',
  'Advanced Commands:',
  'Settings Commands:',
  'Other Commands:',
] as const;

export type CommandGroup = (typeof COMMAND_GROUPS)[number];

/** One subcommand: `kubectl <name> ...`. */
export interface KubectlCommand {
  name: string;
  aliases?: string[];
  group: CommandGroup;
  /** One line for `kubectl --help`. */
  short: string;
  /** The paragraph `kubectl <name> --help` starts with (defaults to short + "."). */
  long?: string;
  /** After "kubectl ": `get [(-o|--output=)json|yaml|...] (TYPE ...) [flags] [options]`. */
  usage: string;
  /** Example lines, already formatted ("# comment" / "kubectl ..."), without indentation. */
  examples?: string[];
  flags: FlagSpec[];
  /** Nested commands (`create deployment`, `rollout status`); chosen by the first positional word. */
  subcommands?: KubectlCommand[];
  /** Run with flags parsed (global flags included); returns the exit status. */
  run(k: Kube, flags: Flags): number;
}
