// The `podlab` CLI entry: builds the commander program from the command table; the one place CliError is caught.
import { Command, CommanderError } from 'commander';
import { PodlabError } from '../../core/index.ts';
import { CliError } from './cli-error.ts';
import { COMMANDS } from './commands/index.ts';
import { processIO, type CliIO } from './context.ts';

export const VERSION = '0.1.0';

/** Run the CLI with argv (without node and script); resolves to the exit status. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exit = 0;
  const program = new Command('podlab')
    .description('Runnable Markdown lessons on Kubernetes Pod networking, on a built-in cluster simulator or a real cluster.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const c of COMMANDS) c.register(program, io, (code) => (exit = Math.max(exit, code)));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e: unknown) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      io.err(`podlab: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof PodlabError) {
      io.err(`podlab: ${e.message} [${e.code}]\n`);
      return 2;
    }
    io.err(`podlab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}
