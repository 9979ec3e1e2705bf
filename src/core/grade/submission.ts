// A student's submission turned into Kernel overrides: their answers replace the exercise cells, nothing else changes.
import { formatPos, type Diagnostic } from '../errors.ts';
import type { Cell, Lesson } from '../lesson/model.ts';
import { byCodePoint } from './report.ts';

/** One file of a submission, already read as text; `path` is relative to the student's folder, with `/`. */
export interface SubmittedFile {
  path: string;
  content: string;
}

/** What was read from one student's folder. */
export interface Submission {
  /** The folder's name. */
  student: string;
  files: SubmittedFile[];
  /** What reading found worth telling (files ignored, refused by size, binary). */
  notes: string[];
  /** Set when reading already refused the whole submission (e.g. a file over the size limit). */
  refused?: string;
}

/**
 * Checks a manifest's text (the content of file cell `name`) that starts at `at` in the file the student wrote;
 * diagnostics carry that file's line:column. May throw for hostile input.
 */
export type ManifestChecker = (text: string, at: { file: string; line: number }, name: string) => Diagnostic[];

export interface PreparedSubmission {
  /** By exercise cell id: the reference cell with the student's content (empty where they gave none). */
  overrides: Map<string, Cell>;
  notes: string[];
  /** Grade as failed without running: why. */
  refused?: string;
  /** Which format the answers came from. */
  format: 'markdown' | 'files' | 'empty';
}

export interface PrepareOptions {
  parseLesson(source: string, file: string): Lesson;
  checkManifest?: ManifestChecker;
}

/** At most this many parse problems of a student's Markdown are listed in the notes. */
export const MAX_LISTED_DIAGNOSTICS = 5;

const YAML_LANGS = new Set(['yaml', 'yml']);

/** The reference cell with the student's content in place of the solution. */
function withContent(ref: Cell, content: string): Cell {
  if (ref.kind === 'file') return { ...ref, content };
  const lines = content
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return { ...ref, lines };
}

function withAnswer(ref: Cell, answer: Cell): Cell {
  return ref.kind === 'file' && answer.kind === 'file'
    ? { ...ref, content: answer.content }
    : ref.kind === 'run' && answer.kind === 'run'
      ? { ...ref, lines: answer.lines }
      : withContent(ref, '');
}

function isYaml(cell: Cell): boolean {
  return cell.kind === 'file' && (YAML_LANGS.has(cell.lang.toLowerCase()) || /\.ya?ml$/i.test(cell.path));
}

/** Where an answer came from: the file, and the line its content starts on. */
interface Origin {
  file: string;
  line: number;
}

/**
 * Match a submission to the exercise. Markdown format: the first `*.md` (by name) is parsed and its
 * exercise cells, matched by id, give the content; a loose file named by an exercise file cell fills
 * that cell when the Markdown lacks it. Files format: each exercise file cell takes the file at its path.
 * An exercise cell with no answer runs empty (never the reference solution).
 */
export function prepareSubmission(lesson: Lesson, submission: Submission, options: PrepareOptions): PreparedSubmission {
  const notes = [...submission.notes];
  const exercises = lesson.cells.filter((c) => c.exercise);
  const files = [...submission.files].sort((a, b) => byCodePoint(a.path, b.path));
  const markdowns = files.filter((f) => /\.md$/i.test(f.path));
  const used = new Set<string>();
  const answers = new Map<string, { cell: Cell; origin: Origin }>();
  let format: PreparedSubmission['format'] = 'empty';
  if (markdowns.length > 0) {
    const md = markdowns[0];
    used.add(md.path);
    format = 'markdown';
    for (const other of markdowns.slice(1)) notes.push(`${other.path}: ignored; only the first Markdown file (${md.path}) is graded`);
    const theirs = options.parseLesson(md.content, md.path);
    const errors = theirs.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors.slice(0, MAX_LISTED_DIAGNOSTICS)) notes.push(`${formatPos(d.pos)}: ${d.message}`);
    if (errors.length > MAX_LISTED_DIAGNOSTICS)
      notes.push(`${md.path}: ${errors.length - MAX_LISTED_DIAGNOSTICS} more problems not listed`);
    const byId = new Map(theirs.cells.map((c) => [c.id, c]));
    for (const ref of exercises) {
      const answer = byId.get(ref.id);
      if (!answer) continue;
      if (answer.kind !== ref.kind)
        notes.push(`${md.path}: cell ${ref.id} should be a ${ref.kind} cell, found a ${answer.kind} cell; it counts as empty`);
      answers.set(ref.id, { cell: withAnswer(ref, answer), origin: { file: md.path, line: answer.pos.line + 1 } });
    }
  }
  for (const ref of exercises) {
    if (answers.has(ref.id) || ref.kind !== 'file') continue;
    const file = files.find((f) => f.path === ref.path);
    if (!file) continue;
    used.add(file.path);
    answers.set(ref.id, { cell: withContent(ref, file.content), origin: { file: file.path, line: 1 } });
    if (format === 'empty') format = 'files';
  }
  for (const f of files) {
    if (used.has(f.path)) continue;
    const cell = exercises.find((c) => c.kind === 'file' && c.path === f.path);
    notes.push(
      cell
        ? `${f.path}: ignored; cell ${cell.id} of the Markdown file is graded instead`
        : `${f.path}: ignored; the exercise does not ask for this file`,
    );
  }
  const overrides = new Map<string, Cell>();
  for (const ref of exercises) {
    const answer = answers.get(ref.id);
    if (!answer) {
      const where =
        ref.kind === 'file' ? `${ref.path} (or cell ${ref.id} in the lesson Markdown)` : `cell ${ref.id} in the lesson Markdown`;
      notes.push(`missing: ${where}; it counts as empty`);
    }
    overrides.set(ref.id, answer?.cell ?? withContent(ref, ''));
  }
  const refused = submission.refused ?? checkManifests([...answers.values()], options.checkManifest, notes);
  return { overrides, notes, refused, format };
}

/** YAML answers are checked before anything runs: problems become notes with line:column; a limit refuses the submission. */
function checkManifests(
  answers: { cell: Cell; origin: Origin }[],
  check: ManifestChecker | undefined,
  notes: string[],
): string | undefined {
  if (!check) return undefined;
  for (const { cell, origin } of answers) {
    if (cell.kind !== 'file' || !isYaml(cell) || cell.content.trim() === '') continue;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = check(cell.content, origin, cell.path);
    } catch (e: unknown) {
      return `${origin.file}: ${cell.path} could not be read as YAML: ${e instanceof Error ? e.message : String(e)}`;
    }
    for (const d of diagnostics.filter((x) => x.severity === 'error')) {
      if (d.code === 'input-limit') return `${formatPos(d.pos)}: ${d.message}`;
      notes.push(`${formatPos(d.pos)}: ${d.message}`);
    }
  }
  return undefined;
}
