// Front matter: parse the YAML between the leading `---` lines and validate it, with file:line:col errors.
import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, SourcePos } from '../errors.ts';
import { frontMatterRule, type FRONT_MATTER_FIELDS } from './front-matter-schema.ts';
import type { ObjectOf } from './schema-object.ts';
import type { ReadContext } from './schema.ts';
import { yamlErrorOffset } from './yaml-errors.ts';
import type { SourceText } from './source-text.ts';

/** The validated front matter, before defaults are applied. */
export type FrontMatter = ObjectOf<typeof FRONT_MATTER_FIELDS>;

/** The front matter (if usable) and every problem found in it. */
export interface FrontMatterResult {
  /** Undefined when the YAML did not parse or a required field is missing or bad. */
  value?: FrontMatter;
  diagnostics: Diagnostic[];
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: unknown }).range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

/**
 * Parse and validate front matter `text`, whose first line is 0-based line `line0` of the file.
 * YAML offsets are mapped through a LineCounter, so every diagnostic points into the lesson file.
 */
export function readFrontMatter(text: string, line0: number, src: SourceText): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePos => {
    // errors found at the end of the text (an unclosed flow collection) point at its last character
    const { line, col } = lineCounter.linePos(Math.min(offset, Math.max(0, text.trimEnd().length - 1)));
    return src.pos(line0 + line - 1, col - 1);
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors)
    diagnostics.push({ severity: 'error', code: 'lesson-parse', message: `front matter: ${e.message}`, pos: at(yamlErrorOffset(doc, e)) });
  for (const w of doc.warnings)
    diagnostics.push({ severity: 'warning', code: 'lesson-parse', message: `front matter: ${w.message}`, pos: at(w.pos[0]) });
  if (doc.errors.length > 0) return { diagnostics };

  const posOf = (node: unknown): SourcePos => {
    const offset = rangeStart(node);
    return offset === undefined ? src.pos(line0 > 0 ? line0 - 1 : 0) : at(offset);
  };
  const ctx: ReadContext = {
    report: (node, message) => diagnostics.push({ severity: 'error', code: 'lesson-invalid', message, pos: posOf(node) }),
    posOf,
    contentPosOf(node) {
      const pos = posOf(node);
      if (!isScalar(node)) return pos;
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        const first0 = pos.line; // the line after the `|` header, 0-based
        const indent = src.line(first0).length - src.line(first0).trimStart().length;
        return src.pos(first0, indent);
      }
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      return quoted ? { ...pos, column: (pos.column ?? 1) + 1 } : pos;
    },
  };
  const value = frontMatterRule.read(doc.contents, ctx, '');
  return { value, diagnostics };
}
