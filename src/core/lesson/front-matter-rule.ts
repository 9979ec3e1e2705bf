// A markdown-it block rule for YAML front matter: `---` on line 1 up to the next `---` line, as one token.
import type { StateBlock } from 'markdown-it';

/** The token type the rule produces; its `content` is the YAML text and `map` covers both fences. */
export const FRONT_MATTER_TOKEN = 'front_matter';

/** Meta of a front matter token: `unclosed` when no closing `---` was found. */
export interface FrontMatterMeta {
  unclosed: boolean;
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line], state.eMarks[line]);
}

/**
 * Block rule: only at the very first line of the document. An opening `---` without a closing
 * line still yields a token (marked unclosed, covering only line 1) so the parser can report it.
 */
export function frontMatterRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.blkIndent !== 0 || state.parentType !== 'root') return false;
  if (
    lineText(state, 0)
      .replace(/^\uFEFF/, '')
      .trimEnd() !== '---'
  )
    return false; // a UTF-8 BOM may precede it
  let close = 1;
  while (close < endLine && !['---', '...'].includes(lineText(state, close).trimEnd())) close++;
  if (silent) return true;
  const unclosed = close >= endLine;
  const token = state.push(FRONT_MATTER_TOKEN, '', 0);
  token.block = true;
  token.markup = '---';
  token.map = [0, unclosed ? 1 : close + 1];
  token.content = unclosed ? '' : state.src.slice(state.bMarks[1], close > 1 ? state.eMarks[close - 1] : state.bMarks[1]);
  token.meta = { unclosed } satisfies FrontMatterMeta;
  state.line = token.map[1];
  return true;
}
