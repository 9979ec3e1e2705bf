// Learner answers: the text a learner wrote for an exercise cell, turned into the cell the Kernel runs.
import { PodlabError } from '../errors.ts';
import { parseInfoString } from '../lesson/info-string.ts';
import type { Cell, Lesson } from '../lesson/model.ts';
import { splitRunLines } from '../lesson/run-lines.ts';

/** Largest answer a page may send for one cell (characters); a served page's messages are capped anyway. */
export const MAX_ANSWER_CHARS = 60_000;

/**
 * The cell with `content` in place of its own: a file cell's content, or a run cell's lines split the way
 * the lesson parser splits them (comments and blanks dropped, `\` continuations joined), so the page runs
 * what a submitted Markdown file would run when graded. Path, target, checks and flags stay the cell's.
 */
export function cellWithAnswer(cell: Cell, content: string): Cell {
  if (cell.kind === 'file') return { ...cell, content };
  const lang = parseInfoString(cell.info).lang;
  return { ...cell, lines: splitRunLines(content, lang).lines.map((l) => l.text) };
}

/**
 * The exercise cell `cellId` of `lesson` with the learner's `content`. Only visible exercise cells take a
 * learner's text: the lesson's other cells are the author's and always run as written.
 */
export function answerCell(lesson: Lesson, cellId: string, content: unknown): Cell {
  const cell = lesson.cells.find((c) => c.id === cellId && !c.hidden);
  if (!cell) throw new PodlabError('usage', `no cell with id ${cellId}`);
  if (!cell.exercise) throw new PodlabError('usage', `cell ${cellId} is not an exercise cell; only exercise cells take the learner's text`);
  if (typeof content !== 'string') throw new PodlabError('usage', `the answer to cell ${cellId} must be text`);
  if (content.length > MAX_ANSWER_CHARS)
    throw new PodlabError('input-limit', `the answer to cell ${cellId} is longer than ${MAX_ANSWER_CHARS} characters`);
  return cellWithAnswer(cell, content);
}

/** Narrow an untrusted `answers` field (cell id → text) to its entries; anything else is a usage error. */
export function answerEntries(answers: unknown): [string, unknown][] {
  if (answers === undefined) return [];
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers))
    throw new PodlabError('usage', 'answers must map cell ids to text');
  return Object.entries(answers);
}
