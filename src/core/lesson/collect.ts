// The core rule that reads a lesson's structure from markdown-it tokens: front matter, sections, cells, expectations.
import type { StateCore, Token } from 'markdown-it';
import type { Diagnostic } from '../errors.ts';
import type { Capture, Cell, Expectation, Section } from './model.ts';
import { readFence } from './fence-blocks.ts';
import { FRONT_MATTER_TOKEN } from './front-matter-rule.ts';
import { LESSON_LIMITS } from './limits.ts';
import { SectionCounter } from './sections.ts';
import { SourceText } from './source-text.ts';

/** What the core rule leaves in `env.podlab` for parseLesson and the renderer. */
export interface CollectedLesson {
  src: SourceText;
  frontMatter?: { text: string; line0: number; unclosed: boolean };
  sections: Section[];
  cells: Cell[];
  diagnostics: Diagnostic[];
}

/** What the core rule puts in a fence token's `meta.podlab`, for the renderer. */
export type FenceMeta =
  | { kind: 'cell'; id: string; cellKind: Cell['kind']; hidden: boolean; exercise: boolean }
  | { kind: 'expect'; for?: string; hidden: boolean; visibleContent: string };

/** The env key under which the collected lesson is stored. */
export const ENV_KEY = 'podlab';

/** Plain text of a heading's inline token. */
function inlineText(token: Token | undefined): string {
  if (!token) return '';
  const parts = (token.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content);
  return (parts.length > 0 ? parts.join('') : token.content).trim();
}

/**
 * A single leading level-1 heading is the lesson's title: it numbers no section (section "0").
 * Returns that heading's index (or -1) and the heading level of top sections.
 */
function headingPlan(tokens: Token[]): { titleIndex: number; baseLevel: number } {
  const headings = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.type === 'heading_open');
  const level = (t: Token) => Number(t.tag.slice(1));
  const h1s = headings.filter(({ t }) => level(t) === 1);
  const titleIndex = headings.length > 0 && h1s.length === 1 && h1s[0].i === headings[0].i ? headings[0].i : -1;
  const rest = headings.filter(({ i }) => i !== titleIndex).map(({ t }) => level(t));
  return { titleIndex, baseLevel: rest.length > 0 ? Math.min(...rest) : 2 };
}

/** The markdown-it core rule: walks the block tokens once and stores a CollectedLesson in env. */
export function collectLesson(state: StateCore): void {
  const file = typeof state.env.file === 'string' ? state.env.file : '<lesson>';
  const src = new SourceText(file, state.src);
  const out: CollectedLesson = { src, sections: [], cells: [], diagnostics: [] };
  const { titleIndex, baseLevel } = headingPlan(state.tokens);
  const counter = new SectionCounter(baseLevel);
  const perSection = new Map<string, number>();
  let section = '0';
  let lastCell: Cell | undefined;
  let limitHit = false;

  state.tokens.forEach((t, i) => {
    const line0 = t.map ? t.map[0] : 0;
    if (t.type === FRONT_MATTER_TOKEN) {
      out.frontMatter = { text: t.content, line0: 1, unclosed: t.meta?.unclosed === true };
    } else if (t.type === 'heading_open') {
      const level = Number(t.tag.slice(1));
      const text = inlineText(state.tokens[i + 1]);
      const numbered = i === titleIndex ? { number: '0', title: text } : counter.next(level, text);
      out.sections.push({ ...numbered, level, pos: src.pos(line0) });
      section = numbered.number;
      lastCell = undefined;
    } else if (t.type === 'fence') {
      const block = readFence(t, src);
      out.diagnostics.push(...block.diagnostics);
      if (block.kind === 'cell') {
        if (out.cells.length >= LESSON_LIMITS.maxCells) {
          if (!limitHit)
            out.diagnostics.push(src.error('input-limit', `more than ${LESSON_LIMITS.maxCells} cells; the rest are ignored`, line0));
          limitHit = true;
          return;
        }
        const n = (perSection.get(section) ?? 0) + 1;
        perSection.set(section, n);
        // id, kind and section first, so the JSON of a cell reads from its identity
        const cell = Object.assign({ id: block.cell.attrs.id ?? `${section}-${n}`, kind: block.cell.kind, section }, block.cell) as Cell;
        out.cells.push(cell);
        lastCell = cell;
        t.meta = {
          ...t.meta,
          podlab: { kind: 'cell', id: cell.id, cellKind: cell.kind, hidden: cell.hidden, exercise: cell.exercise } satisfies FenceMeta,
        };
      } else if (block.kind === 'expect' && !limitHit) {
        if (!lastCell) out.diagnostics.push(src.error('lesson-invalid', 'expect block has no cell before it in this section', line0));
        else if (lastCell.kind !== 'run')
          out.diagnostics.push(
            src.error('lesson-invalid', `expect block follows file cell '${lastCell.id}'; put it after a run cell`, line0),
          );
        else {
          lastCell.expectations.push(...block.expectations.map((e) => (lastCell?.hidden ? { ...e, hidden: true } : e)));
          if (block.captures.length > 0) lastCell.captures = [...(lastCell.captures ?? []), ...block.captures];
          out.diagnostics.push(...boundsOfBindings(lastCell, block.expectations, block.captures, src));
        }
        // the expect block of a hidden cell is hidden with it
        const hidden = block.hidden || lastCell?.hidden === true;
        const meta: FenceMeta = { kind: 'expect', for: lastCell?.id, hidden, visibleContent: block.visibleContent };
        t.meta = { ...t.meta, podlab: meta };
      }
    }
  });
  out.diagnostics.push(...duplicateIds(out.cells, src));
  state.env[ENV_KEY] = out;
}

/** `output of N` / `exit of N` / `capture … output of N` must name one of the cell's commands. */
function boundsOfBindings(cell: Cell, expectations: Expectation[], captures: Capture[], src: SourceText): Diagnostic[] {
  if (cell.kind !== 'run') return [];
  const count = cell.lines.length;
  const lines = [
    ...expectations.map((e) => ({ n: e.kind === 'output' ? e.line : undefined, pos: e.pos })),
    ...captures.map((c) => ({ n: c.from.kind === 'output' ? c.from.line : undefined, pos: c.pos })),
  ];
  return lines
    .filter((l) => l.n !== undefined && l.n > count)
    .map((l) =>
      src.error(
        'expectation-parse',
        `'of ${l.n}': cell '${cell.id}' has ${count} command${count === 1 ? '' : 's'}`,
        l.pos.line - 1,
        (l.pos.column ?? 1) - 1,
      ),
    );
}

/** Cell ids and expectation ids must each be unique in the lesson. */
function duplicateIds(cells: Cell[], src: SourceText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (seen: Map<string, string>, id: string, what: string, pos: { line: number; column?: number }) => {
    const first = seen.get(id);
    if (first)
      out.push(src.error('lesson-invalid', `duplicate ${what} id '${id}' (first at ${first})`, pos.line - 1, (pos.column ?? 1) - 1));
    else seen.set(id, `line ${pos.line}`);
  };
  const cellIds = new Map<string, string>();
  const expectIds = new Map<string, string>();
  for (const c of cells) {
    check(cellIds, c.id, 'cell', c.pos);
    for (const e of c.expectations) if (e.id !== undefined) check(expectIds, e.id, 'expectation', e.pos);
  }
  return out;
}
