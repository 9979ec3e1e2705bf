// `podlab grade EXERCISE.md SUBMISSIONS/ --out DIR`: grade every student folder, write the gradebook and feedback.
import path from 'node:path';
import type { Command } from 'commander';
import { parseDuration, summaryText } from '../../../core/index.ts';
import { DEFAULT_WATCHDOG_MS } from '../../grade/defaults.ts';
import type { Progress } from '../../grade/progress.ts';
import { CliError } from '../cli-error.ts';
import { paint, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

interface GradeFlags {
  out: string;
  json?: boolean;
  jobs?: string;
  timeout: string;
  cellTimeout?: string;
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new CliError(`${flag} takes a duration such as 20s or 2m, not "${text}"`);
  return ms;
}

function jobsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(text)) throw new CliError(`--jobs takes a whole number from 1 to 9999, not "${text}"`);
  return Number(text);
}

async function grade(exercise: string, submissions: string, flags: GradeFlags, io: CliIO): Promise<number> {
  const jobs = jobsOf(flags.jobs);
  const watchdogMs = duration('--timeout', flags.timeout);
  const cellTimeoutMs = flags.cellTimeout === undefined ? undefined : duration('--cell-timeout', flags.cellTimeout);
  // Loaded here, not at start: grading starts worker threads and writes files `podlab run` never needs.
  const [{ createProgress }, { runGrading }, { gradesJson, OUTPUT_FILES, writeGrades }] = await Promise.all([
    import('../../grade/progress.ts'),
    import('../../grade/run-grading.ts'),
    import('../../grade/write-grades.ts'),
  ]);
  let progress: Progress | undefined;
  const run = await runGrading({
    exercise,
    submissions,
    jobs,
    watchdogMs,
    cellTimeoutMs,
    onStart: (total) => {
      if (io.tty && !flags.json) progress = createProgress({ write: (t) => io.err(t) }, total);
    },
    onGraded: (student, ok) => progress?.tick(student, ok),
  });
  progress?.done();
  const written = await writeGrades(run.report, flags.out);
  for (const name of run.skipped) io.err(`${path.join(submissions, name)}: not a folder; skipped (each student is a folder)\n`);
  const ref = run.reference;
  if (ref && ref.score !== ref.max) {
    const why =
      ref.error ??
      ref.checks
        .filter((c) => !c.passed)
        .map((c) => `${c.id}: ${c.reason}`)
        .join('; ');
    io.err(
      `${paint(io, 'yellow', 'warning')}: the exercise's own solution scores ${ref.score}/${ref.max}, so the checks may be wrong: ${why}\n`,
    );
  }
  if (flags.json) {
    io.out(gradesJson(run.report));
    return 0;
  }
  io.out(summaryText(run.report));
  const feedback = written.filter((f) => path.dirname(f).endsWith(OUTPUT_FILES.feedback)).length;
  io.out(
    `\nwrote ${path.join(flags.out, OUTPUT_FILES.csv)}, ${OUTPUT_FILES.json}, ${OUTPUT_FILES.junit} and ${feedback} feedback file(s) in ${path.join(flags.out, OUTPUT_FILES.feedback)}/\n`,
  );
  return 0;
}

export const gradeCommand: CliCommand = {
  name: 'grade',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('grade')
      .description(
        'grade every submission (a folder per student) in a fresh simulator; write grades.csv, grades.json, junit.xml and feedback/ (docs/grading.md)',
      )
      .argument('<exercise>', 'the exercise Markdown file (with solutions and hidden checks)')
      .argument('<submissions>', 'a folder holding one folder per student, named by student id')
      .option('--out <dir>', 'folder to write the gradebook and feedback to', 'grades')
      .option('--json', 'print the whole report (grades.json) on stdout instead of the summary')
      .option('--jobs <n>', 'worker threads (default: the number of cores)')
      .option('--timeout <duration>', 'wall-clock limit per submission; past it the submission fails', `${DEFAULT_WATCHDOG_MS / 1000}s`)
      .option('--cell-timeout <duration>', 'time budget per cell, in simulated time (default 30s)')
      .action(async (exercise: string, submissions: string, flags: GradeFlags) => setExit(await grade(exercise, submissions, flags, io)));
  },
};
