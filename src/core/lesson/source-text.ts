// Source text: maps 0-based line/offset positions of the lesson source to 1-based file:line:col.
import type { Diagnostic, SourcePos } from '../errors.ts';

/** The same line breaks markdown-it normalizes to "\n", so line numbers agree with token maps. */
const LINE_BREAK = /\r\n?|\n/;

/** The lesson source split into lines, with helpers that make SourcePos and Diagnostics. */
export class SourceText {
  readonly lines: string[];

  constructor(
    readonly file: string,
    source: string,
  ) {
    this.lines = source.split(LINE_BREAK);
  }

  /** The text of a 0-based line ('' past the end). */
  line(line0: number): string {
    return this.lines[line0] ?? '';
  }

  /** A position from a 0-based line and a 0-based column. */
  pos(line0: number, col0 = 0): SourcePos {
    return { file: this.file, line: line0 + 1, column: col0 + 1 };
  }

  /**
   * The 0-based column where `text` (a line as markdown-it gave it, maybe with a list or
   * blockquote prefix stripped) starts in the source line.
   */
  columnOf(line0: number, text: string): number {
    const full = this.line(line0);
    return full.endsWith(text) ? full.length - text.length : 0;
  }

  /** An error Diagnostic at a 0-based line and column. */
  error(code: string, message: string, line0: number, col0 = 0): Diagnostic {
    return { severity: 'error', code, message, pos: this.pos(line0, col0) };
  }

  /** A warning Diagnostic at a 0-based line and column. */
  warning(code: string, message: string, line0: number, col0 = 0): Diagnostic {
    return { severity: 'warning', code, message, pos: this.pos(line0, col0) };
  }
}
