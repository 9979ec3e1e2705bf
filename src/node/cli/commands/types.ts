// The shape of one CLI command module: a row of the command table (commands/index.ts).
import type { Command } from 'commander';
import type { CliIO } from '../context.ts';

export interface CliCommand {
  name: string;
  /** Add the subcommand to the program. Its action resolves to the process exit code. */
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}
