// `podlab lint PATH...`: parse and lint lessons; prints file:line:col diagnostics; exit 1 on any error.
import type { Command } from 'commander';
import { ALL_LINT_RULES, type Diagnostic, formatDiagnostic, lintLesson } from '../../../core/index.ts';
import { findLessonFiles, loadLesson } from '../../lessons.ts';
import { paint, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

async function lint(paths: string[], flags: { json?: boolean }, io: CliIO): Promise<number> {
  const files = await findLessonFiles(paths.length ? paths : ['lessons']);
  const all: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const f of files) {
    const lesson = await loadLesson(f);
    all.push({ file: lesson.file, diagnostics: lintLesson(lesson, ALL_LINT_RULES) });
  }
  const errors = all.flatMap((x) => x.diagnostics).filter((d) => d.severity === 'error').length;
  const warnings = all.flatMap((x) => x.diagnostics).length - errors;
  if (flags.json) {
    io.out(`${JSON.stringify({ files: all, errors, warnings }, null, 2)}\n`);
  } else {
    for (const x of all) {
      for (const d of x.diagnostics) io.out(`${paint(io, d.severity === 'error' ? 'red' : 'yellow', formatDiagnostic(d))}\n`);
    }
    io.out(
      `${files.length} lesson${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('lint')
      .description('check lessons for format errors and likely mistakes (file:line:col); exit 1 on errors')
      .argument('[paths...]', 'lesson files or folders (default: lessons/)')
      .option('--json', 'print the diagnostics as JSON')
      .action(async (paths: string[], flags: { json?: boolean }) => setExit(await lint(paths, flags, io)));
  },
};
