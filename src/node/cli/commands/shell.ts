// `podlab shell LESSON [--after SECTION]`: an interactive simulated terminal at a point of the lesson.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { formatDiagnostic, Kernel, type ShellTarget } from '../../../core/index.ts';
import { createBackend } from '../../backends/index.ts';
import { loadLesson } from '../../lessons.ts';
import { CliError } from '../cli-error.ts';
import type { CliIO } from '../context.ts';
import { parseSeed } from './run.ts';
import type { CliCommand } from './types.ts';

interface ShellFlags {
  after?: string;
  on?: string;
  in?: string;
  seed?: string;
  backend: string;
}

function targetOf(flags: ShellFlags): ShellTarget {
  if (flags.on && flags.in) throw new CliError('give --on NODE or --in POD, not both');
  if (flags.on) return { kind: 'node', node: flags.on };
  if (flags.in) {
    const [a, b] = flags.in.split('/', 2);
    return b === undefined ? { kind: 'pod', pod: a } : { kind: 'pod', namespace: a, pod: b };
  }
  return { kind: 'workstation' };
}

async function shell(file: string, flags: ShellFlags, io: CliIO): Promise<number> {
  const lesson = await loadLesson(file);
  const errors = lesson.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new CliError(`${file} has errors`, 2);
  }
  const kernel = new Kernel(lesson, createBackend(flags.backend), { seed: parseSeed(flags.seed) });
  try {
    if (flags.after) await kernel.runAll({ untilSection: flags.after });
    else await kernel.start();
    const terminal = await kernel.openTerminal(targetOf(flags));
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) {
      io.err(
        `podlab: a simulated terminal${flags.after ? ` after section ${flags.after}` : ''} of ${lesson.title}. Type exit or Ctrl-D to leave.\n`,
      );
    }
    const rl = createInterface({
      input: process.stdin,
      output: interactive ? process.stdout : undefined,
      terminal: interactive,
      completer: (line: string) => [terminal.complete?.(line) ?? [], line],
    });
    const ask = () => (interactive ? rl.setPrompt(terminal.prompt()) : undefined, interactive ? rl.prompt() : undefined);
    let exit = 0;
    ask();
    for await (const line of rl) {
      if (!interactive) io.out(`${terminal.prompt()}${line}\n`);
      const r = await terminal.type(line, { timeoutMs: 30_000, maxOutputBytes: 1024 * 1024 });
      io.out(r.output);
      exit = r.exitCode;
      if (terminal.depth() === 0) break;
      ask();
    }
    rl.close();
    await terminal.dispose();
    return exit;
  } finally {
    await kernel.stop();
  }
}

export const shellCommand: CliCommand = {
  name: 'shell',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('shell')
      .description("open a simulated terminal at a point of a lesson (the lesson's workstation unless --on/--in)")
      .argument('<lesson>', 'the lesson Markdown file')
      .option('--after <section>', 'run the lesson through this section first (e.g. 2.2)')
      .option('--on <node>', "open the terminal on a node's host")
      .option('--in <pod>', 'open the terminal inside a pod (name or namespace/name)')
      .option('--seed <n>', 'seed for random choices')
      .option('--backend <name>', 'backend', 'simulator')
      .action(async (file: string, flags: ShellFlags) => setExit(await shell(file, flags, io)));
  },
};
