// The student copy of an exercise: exercise cells emptied to a TODO, hidden cells and hidden checks removed.
import type { Token } from 'markdown-it';
import { ENV_KEY, type CollectedLesson, type FenceMeta } from '../lesson/collect.ts';
import { createMarkdown } from '../lesson/markdown.ts';
import type { Cell } from '../lesson/model.ts';
import { applyLineEdits, splitLines, type LineEdit } from './line-edits.ts';

/** How a placeholder comment starts, per fence language; a language not listed gets an empty block. */
export const COMMENT_PREFIX: Record<string, string> = {
  yaml: '# ',
  yml: '# ',
  sh: '# ',
  bash: '# ',
  shell: '# ',
  console: '# ',
  toml: '# ',
  dockerfile: '# ',
  ini: '; ',
};

/** What the student finds in an exercise cell. */
export function placeholderText(cell: Cell): string | undefined {
  const lang = cell.kind === 'file' ? cell.lang : (/^(\S*)/.exec(cell.info)?.[1] ?? '');
  const prefix = COMMENT_PREFIX[lang.toLowerCase()];
  if (prefix === undefined) return undefined;
  return cell.kind === 'file' ? `${prefix}TODO: write ${cell.path} here` : `${prefix}TODO: write your commands here`;
}

export interface ReleaseResult {
  /** The student copy's Markdown. */
  text: string;
  /** How many cells became placeholders, and how many cells and checks were removed. */
  stats: { exercises: number; hiddenCells: number; hiddenChecks: number };
}

function fenceMeta(token: Token): FenceMeta | undefined {
  return (token.meta as { podlab?: FenceMeta } | null)?.podlab;
}

/** The opening line's text before the fence marker: indentation, or a list/blockquote prefix. */
function prefixOf(line: string, markup: string): string {
  const at = line.indexOf(markup);
  return at < 0 ? '' : line.slice(0, at).replace(/[^\s>]/g, ' ');
}

function isClosingFence(line: string, markup: string): boolean {
  const m = /^[\s>]*(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1][0] === markup[0] && m[1].length >= markup.length;
}

/** Edits for one exercise cell: keep the fence and its attributes (plus `id=` so grading can match it), swap the body. */
function exerciseEdit(token: Token, cell: Cell, lines: string[]): LineEdit {
  const [start, end] = token.map as [number, number];
  let open = lines[start];
  if (cell.attrs.id === undefined) open = `${open.trimEnd()} id=${cell.id}`;
  const prefix = prefixOf(lines[start], token.markup);
  const closed = end - 1 > start && isClosingFence(lines[end - 1], token.markup);
  const close = closed ? lines[end - 1] : `${prefix}${token.markup}`;
  const body = placeholderText(cell);
  return { start, end, lines: [open, ...(body === undefined ? [] : [`${prefix}${body}`]), close] };
}

/**
 * Make the student copy by editing the source's lines (never by regenerating Markdown): front matter,
 * prose and visible cells stay byte for byte. Pure; the caller checks `lesson.diagnostics` first.
 */
export function releaseExercise(source: string, file: string): ReleaseResult {
  const env: Record<string, unknown> = { file };
  const tokens = createMarkdown().parse(source, env);
  const collected = env[ENV_KEY] as CollectedLesson;
  const cells = new Map(collected.cells.map((c) => [c.id, c]));
  const lines = splitLines(source);
  const edits: LineEdit[] = [];
  const stats = { exercises: 0, hiddenCells: 0, hiddenChecks: 0 };
  for (const token of tokens) {
    const meta = token.type === 'fence' && token.map ? fenceMeta(token) : undefined;
    if (!meta || !token.map) continue;
    const [start, end] = token.map;
    if (meta.kind === 'cell') {
      const cell = cells.get(meta.id);
      if (!cell) continue;
      if (cell.hidden) {
        edits.push({ start, end, lines: [] });
        stats.hiddenCells++;
        stats.hiddenChecks += cell.expectations.length;
      } else if (cell.exercise) {
        edits.push(exerciseEdit(token, cell, lines));
        stats.exercises++;
      }
      continue;
    }
    const owner = meta.for === undefined ? undefined : cells.get(meta.for);
    if (owner?.hidden) {
      edits.push({ start, end, lines: [] }); // counted with its hidden cell
    } else if (meta.hidden || meta.visibleContent.trim() === '') {
      const inBlock = owner?.expectations.filter((e) => e.pos.line - 1 > start && e.pos.line - 1 < end).length ?? 0;
      stats.hiddenChecks += inBlock;
      edits.push({ start, end, lines: [] });
    } else {
      for (const e of owner?.expectations ?? []) {
        const line0 = e.pos.line - 1;
        if (e.hidden && line0 > start && line0 < end) {
          edits.push({ start: line0, end: line0 + 1, lines: [] });
          stats.hiddenChecks++;
        }
      }
    }
  }
  return { text: applyLineEdits(source, edits), stats };
}
