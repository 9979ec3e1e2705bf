// `podlab matrix LESSON [--after SECTION]`: the full reachability matrix of the lesson's pods, Services and nodes.
import type { Command } from 'commander';
import { ALL_LINT_RULES, formatDiagnostic, Kernel, lintLesson, matrixCounts } from '../../../core/index.ts';
import { createBackend } from '../../backends/index.ts';
import { loadLesson } from '../../lessons.ts';
import { CliError } from '../cli-error.ts';
import { paint, type CliIO } from '../context.ts';
import { renderMatrix } from '../render/run-text.ts';
import { parseSeed } from './run.ts';
import type { CliCommand } from './types.ts';

interface MatrixFlags {
  after?: string;
  json?: boolean;
  seed?: string;
}

async function matrix(file: string, flags: MatrixFlags, io: CliIO): Promise<number> {
  const lesson = await loadLesson(file);
  // As `podlab run`: a lesson with errors runs nothing (exit 2).
  const errors = lintLesson(lesson, ALL_LINT_RULES, { errorsOnly: true });
  if (errors.length > 0) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new CliError(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'} in the lesson; nothing was run`, 2);
  }
  if (flags.after !== undefined && !lesson.sections.some((s) => s.number === flags.after)) {
    throw new CliError(`${file} has no section ${flags.after} (its sections: ${lesson.sections.map((s) => s.number).join(', ')})`, 2);
  }
  const kernel = new Kernel(lesson, createBackend('simulator'), { seed: parseSeed(flags.seed) });
  try {
    await kernel.runAll({ untilSection: flags.after });
    // The grid shows outcomes only, so it is computed by classes; --json carries each pair's reason and hops.
    const m = await kernel.matrix({ maxPods: Infinity, maxTargets: Infinity, classes: !flags.json });
    // By classes, counted and drawn from the squares: the cells (9 million objects for 3,000 pods) are never made.
    const { squares, disagreements } = matrixCounts(m);
    if (flags.json) {
      io.out(`${JSON.stringify(m, null, 2)}\n`);
    } else {
      io.out(
        paint(
          io,
          'dim',
          `podlab matrix ${lesson.file} · seed ${kernel.seed}${flags.after === undefined ? '' : ` · after section ${flags.after}`}`,
        ) + '\n\n',
      );
      io.out(renderMatrix(io, m));
      io.out(`${m.sources.length} sources × ${m.targets.length} targets: ${squares} probes, ${disagreements} differ from the lesson\n`);
    }
    return disagreements > 0 ? 1 : 0;
  } finally {
    await kernel.stop();
  }
}

export const matrixCommand: CliCommand = {
  name: 'matrix',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('matrix')
      .description(
        "print the full reachability matrix of a lesson's pods, Services and nodes on the simulator; exit 1 if a square differs from the lesson, 2 on a lesson error",
      )
      .argument('<lesson>', 'the lesson Markdown file')
      .option('--after <section>', "the cluster after this section's cells (e.g. 2.2; default: after every cell)")
      .option('--json', "print the matrix as JSON (the shape of `run --json`'s matrix)")
      .option('--seed <n>', "seed for random choices (default: the lesson's seed)")
      .action(async (file: string, flags: MatrixFlags) => setExit(await matrix(file, flags, io)));
  },
};
