// `podlab release EXERCISE.md --out DIR`: write the student copy (exercise cells emptied, hidden parts removed).
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseLesson, PodlabError, releaseExercise } from '../../../core/index.ts';
import { CliError } from '../cli-error.ts';
import type { CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

interface ReleaseFlags {
  out: string;
}

/** Re-read the student copy: it must parse, and keep nothing hidden or solved. */
function verify(text: string, file: string, exerciseIds: string[]): void {
  const copy = parseLesson(text, file);
  const problems = [
    ...copy.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    ...copy.cells.filter((c) => c.hidden).map((c) => `hidden cell ${c.id} is still there`),
    ...copy.cells.flatMap((c) => c.expectations.filter((e) => e.hidden).map((e) => `hidden check '${e.text}' is still there`)),
    ...exerciseIds.filter((id) => !copy.cells.some((c) => c.id === id && c.exercise)).map((id) => `exercise cell ${id} is missing`),
  ];
  if (problems.length > 0) throw new PodlabError('internal', `the student copy of ${file} failed its own check: ${problems.join('; ')}`);
}

async function release(files: string[], flags: ReleaseFlags, io: CliIO): Promise<number> {
  const { loadExercise } = await import('../../grade/run-grading.ts');
  await mkdir(flags.out, { recursive: true });
  const outDir = await realpath(flags.out);
  for (const file of files) {
    const lesson = await loadExercise(file);
    const target = path.join(outDir, path.basename(file));
    if (path.resolve(file) === target || (await realpath(file)) === target) {
      throw new CliError(`--out ${flags.out} would overwrite ${file}, the exercise with its solutions; choose another folder`);
    }
    const r = releaseExercise(lesson.source, lesson.file);
    verify(
      r.text,
      target,
      lesson.cells.filter((c) => c.exercise && !c.hidden).map((c) => c.id),
    );
    await writeFile(target, r.text);
    const { exercises, hiddenCells, hiddenChecks } = r.stats;
    io.out(
      `${path.join(flags.out, path.basename(file))}: ${exercises} exercise cell(s) emptied, ${hiddenCells} hidden cell(s) and ${hiddenChecks} hidden check(s) removed\n`,
    );
  }
  return 0;
}

export const releaseCommand: CliCommand = {
  name: 'release',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('release')
      .description(
        'write the student copy of an exercise: exercise cells emptied to a TODO, hidden cells and checks removed (docs/grading.md)',
      )
      .argument('<exercise...>', 'exercise Markdown file(s)')
      .option('--out <dir>', 'folder to write the student copies to', 'release')
      .action(async (files: string[], flags: ReleaseFlags) => setExit(await release(files, flags, io)));
  },
};
