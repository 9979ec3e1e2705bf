// Fence blocks: a fenced code block classified as a run cell, a file cell, an expect block, or prose.
import type { Diagnostic } from '../errors.ts';
import type { Token } from 'markdown-it';
import type { Capture, CellTarget, Expectation, FileCell, RunCell } from './model.ts';
import { durationMs } from '../duration.ts';
import { checkAttributes, type InfoAt } from './fence-attributes.ts';
import { parseInfoString } from './info-string.ts';
import { isCaptureLine, parseCapture, parseExpectation } from './expectation.ts';
import { splitRunLines } from './run-lines.ts';
import type { SourceText } from './source-text.ts';

/** A cell before collect() gives it a section and an id. */
export type DraftCell = Omit<RunCell, 'id' | 'section'> | Omit<FileCell, 'id' | 'section'>;

/** What a fence declares: nothing (prose), a cell, or an expect block; with its diagnostics. */
export type FenceBlock =
  | { kind: 'prose'; diagnostics: Diagnostic[] }
  | { kind: 'cell'; cell: DraftCell; diagnostics: Diagnostic[] }
  | {
      kind: 'expect';
      hidden: boolean;
      expectations: Expectation[];
      captures: Capture[];
      visibleContent: string;
      diagnostics: Diagnostic[];
    };

/** Languages a run cell may have. */
export const RUN_LANGS = ['sh', 'bash', 'shell', 'console'];

/** Classify a fence token and build what it declares; `token.map` gives its lines. */
export function readFence(token: Token, src: SourceText): FenceBlock {
  const line0 = token.map ? token.map[0] : 0;
  const fenceCol = Math.max(0, src.line(line0).indexOf(token.markup));
  const infoCol = Math.max(0, src.line(line0).indexOf(token.info.trim(), fenceCol + token.markup.length));
  const at: InfoAt = { src, line0, col0: infoCol };
  const info = parseInfoString(token.info);
  if (info.lang === 'expect') return readExpectBlock(token, src, checkAttributes('expect', info, at));
  const names = new Set(info.attrs.map((a) => a.name));
  if (names.has('run') && names.has('file')) {
    return {
      kind: 'prose',
      diagnostics: [src.error('cell-attribute', 'a block is either a run cell or a file cell, not both', line0, infoCol)],
    };
  }
  if (!names.has('run') && !names.has('file')) {
    const diagnostics =
      info.attrs.length > 0 || info.errors.length > 0
        ? [
            src.warning(
              'cell-attribute',
              'fence has attributes but neither run nor file=; it is shown as an example, not run',
              line0,
              infoCol,
            ),
          ]
        : [];
    return { kind: 'prose', diagnostics };
  }
  const kind = names.has('run') ? 'run' : 'file';
  const { attrs, diagnostics } = checkAttributes(kind, info, at);
  const base = {
    info: token.info,
    pos: src.pos(line0, fenceCol),
    hidden: 'hidden' in attrs,
    exercise: 'exercise' in attrs,
    expectations: [],
    attrs,
  };
  if (kind === 'file') {
    if (attrs.file === undefined) return { kind: 'prose', diagnostics };
    return { kind: 'cell', cell: { ...base, kind: 'file', path: attrs.file, lang: info.lang, content: token.content }, diagnostics };
  }
  if (!RUN_LANGS.includes(info.lang)) {
    diagnostics.push(
      src.error('cell-attribute', `a run cell's language must be one of ${RUN_LANGS.join(', ')} (got '${info.lang}')`, line0, infoCol),
    );
  }
  const target = runTarget(attrs, (m) => diagnostics.push(src.error('cell-attribute', m, line0, infoCol)));
  const split = splitRunLines(token.content, info.lang);
  if (split.danglingContinuation !== undefined) {
    diagnostics.push(
      src.error('lesson-invalid', "the cell's last line ends in '\\' with no line to continue", line0 + 1 + split.danglingContinuation),
    );
  }
  if (split.lines.length === 0) diagnostics.push(src.warning('lesson-invalid', 'run cell has no commands', line0, fenceCol));
  const timeoutMs = attrs.timeout === undefined ? undefined : durationMs(attrs.timeout);
  const cell: DraftCell = { ...base, kind: 'run', target, lines: split.lines.map((l) => l.text), timeoutMs };
  return { kind: 'cell', cell, diagnostics };
}

/** Where a run cell executes, from on= / in= / container=. */
function runTarget(attrs: Record<string, string>, fail: (message: string) => void): CellTarget {
  if (attrs.on !== undefined && attrs.in !== undefined) fail('use either on= or in=, not both');
  if (attrs.container !== undefined && attrs.in === undefined) fail('container= needs in=');
  if (attrs.in !== undefined) {
    const [a, b] = attrs.in.split('/');
    const pod = b === undefined ? { pod: a } : { pod: b, namespace: a };
    return { kind: 'pod', ...pod, container: attrs.container };
  }
  if (attrs.on !== undefined) return { kind: 'node', node: attrs.on };
  return { kind: 'workstation' };
}

function readExpectBlock(token: Token, src: SourceText, checked: { attrs: Record<string, string>; diagnostics: Diagnostic[] }): FenceBlock {
  const hidden = 'hidden' in checked.attrs;
  const diagnostics = checked.diagnostics;
  const expectations: Expectation[] = [];
  const captures: Capture[] = [];
  const visible: string[] = [];
  const first = (token.map ? token.map[0] : 0) + 1;
  const raw = token.content.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  raw.forEach((text, j) => {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      visible.push(text);
      return;
    }
    const line0 = first + j;
    if (isCaptureLine(text)) {
      const c = parseCapture(text, src.pos(line0, src.columnOf(line0, text)));
      if (c.ok) captures.push(c.capture);
      else diagnostics.push(c.diagnostic);
      // a capture is shown with the block unless the whole block is hidden: it tells the reader where $NAME comes from
      visible.push(text);
      return;
    }
    const result = parseExpectation(text, src.pos(line0, src.columnOf(line0, text)), hidden);
    if (!result.ok) {
      diagnostics.push(result.diagnostic);
      visible.push(text);
    } else {
      expectations.push(result.expectation);
      if (!result.expectation.hidden) visible.push(text);
    }
  });
  const visibleContent = visible.length > 0 ? visible.join('\n') + '\n' : '';
  return { kind: 'expect', hidden, expectations, captures, visibleContent, diagnostics };
}
