// `podlab run LESSON`: run every cell against a backend, print the transcript, verdicts and matrix (or --json).
import type { Command } from 'commander';
import { ALL_LINT_RULES, formatDiagnostic, Kernel, lintLesson, parseDuration } from '../../../core/index.ts';
import { BACKENDS, createBackend } from '../../backends/index.ts';
import { loadLesson } from '../../lessons.ts';
import { CliError } from '../cli-error.ts';
import type { CliIO } from '../context.ts';
import { renderRunText } from '../render/run-text.ts';
import type { CliCommand } from './types.ts';

interface RunFlags {
  json?: boolean;
  backend: string;
  seed?: string;
  timeout?: string;
  until?: string;
  kubeconfig?: string;
  namespace?: string;
  keep?: boolean;
  hidden?: boolean;
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff)
    throw new CliError(`--seed takes a whole number from 0 to 4294967295, not "${text}"`);
  return Number(text);
}

async function run(file: string, flags: RunFlags, io: CliIO): Promise<number> {
  const lesson = await loadLesson(file);
  // Lint = run: every error `podlab lint` reports stops the run before anything starts (exit 2).
  const errors = lintLesson(lesson, ALL_LINT_RULES, { errorsOnly: true });
  if (errors.length > 0) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new CliError(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'} in the lesson; nothing was run`, 2);
  }
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout);
  if (flags.timeout !== undefined && timeoutMs === undefined)
    throw new CliError(`--timeout takes a duration such as 30s or 2m, not "${flags.timeout}"`);
  const backend = createBackend(flags.backend, { kubeconfig: flags.kubeconfig, namespace: flags.namespace, keep: flags.keep });
  const kernel = new Kernel(lesson, backend, { seed: parseSeed(flags.seed), cellTimeoutMs: timeoutMs, includeHidden: flags.hidden });
  const progress = io.tty && !flags.json && backend.name !== 'simulator';
  if (progress) kernel.on((e) => e.type === 'cell-start' && io.err(`\r[${e.index + 1}/${e.total}] ${e.cellId}…`));
  try {
    await kernel.runAll({ untilSection: flags.until });
    const report = await kernel.report();
    if (progress) io.err('\r\x1b[K');
    io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderRunText(io, lesson, report));
    return report.summary.failed > 0 || report.summary.cellErrors > 0 ? 1 : 0;
  } finally {
    await kernel.stop();
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('run')
      .description('run a lesson: every cell in order, every check; exit 1 if a check fails, 2 on a lesson error')
      .argument('<lesson>', 'the lesson Markdown file')
      .option('--json', 'print one JSON document (see docs/cli.md) instead of text')
      .option('--backend <name>', `where to run: ${BACKENDS.map((b) => b.name).join(', ')}`, 'simulator')
      .option('--seed <n>', "seed for random choices (default: the lesson's seed)")
      .option('--timeout <duration>', 'time budget per cell (default 30s)')
      .option('--until <section>', 'stop after the cells of this section (e.g. 2.2)')
      .option('--hidden', 'also run hidden cells and checks (what grading sees)')
      .option('--kubeconfig <file>', 'kubeconfig for --backend kube')
      .option('--namespace <ns>', 'namespace for --backend kube')
      .option('--keep', 'keep a cluster podlab created (--backend kind)')
      .action(async (file: string, flags: RunFlags) => setExit(await run(file, flags, io)));
  },
};
