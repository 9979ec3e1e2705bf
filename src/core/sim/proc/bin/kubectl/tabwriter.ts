// Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, spaces), with kubectl's remembered widths.

/** Options of Go's tabwriter.NewWriter; kubectl's printers use minWidth 6, padding 3, padChar ' '. */
export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  /**
   * liggitt/tabwriter's RememberWidths flag (kubectl get -w): a column never shrinks below the width
   * it had in an earlier flush, so rows printed later stay aligned with the header.
   */
  rememberWidths: boolean;
}

const KUBECTL: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: false };

/** Width of a cell as Go counts it: runes, not UTF-16 code units. */
function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Buffers text; cells end at '\t', lines at '\n'. `flush()` returns the aligned text.
 * The last cell of a line (text after its last tab) belongs to no column and is never padded.
 */
export class TabWriter {
  private buf = '';
  private remembered: number[] = [];
  private readonly opts: TabWriterOptions;

  constructor(options: Partial<TabWriterOptions> = {}) {
    this.opts = { ...KUBECTL, ...options };
  }

  write(text: string): void {
    this.buf += text;
  }

  /** Forget remembered widths (kubectl does this when a new resource table starts). */
  resetWidths(): void {
    this.remembered = [];
  }

  /** Align everything written since the last flush and return it. */
  flush(): string {
    const text = this.buf;
    this.buf = '';
    if (text === '') return '';
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const out: string[] = [];
    this.format([], 0, lines.length, lines, out);
    return out.join('\n') + (endsWithNewline ? '\n' : '');
  }

  /** Go's recursive column-block algorithm: a column is the run of contiguous lines that have a cell there. */
  private format(widths: number[], line0: number, line1: number, lines: string[][], out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      this.writeLines(widths, start, i, lines, out);
      start = i;
      let width = this.opts.minWidth;
      for (; i < line1; i++) {
        if (column >= lines[i].length - 1) break;
        width = Math.max(width, runeWidth(lines[i][column]) + this.opts.padding);
      }
      if (this.opts.rememberWidths) {
        const prev = this.remembered[column];
        if (prev === undefined || prev < width) this.remembered[column] = width;
        else width = prev;
      }
      this.format([...widths, width], start, i, lines, out);
      start = i;
      i--; // the outer loop's i++ revisits line i, which ended the block
    }
    this.writeLines(widths, start, line1, lines, out);
  }

  private writeLines(widths: number[], line0: number, line1: number, lines: string[][], out: string[]): void {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(c)));
      }
      out.push(s);
    }
  }
}

/** Align a whole table in one go: rows of cells, joined by tabs, one line each. */
export function alignTable(rows: string[][]): string {
  const w = new TabWriter();
  for (const r of rows) w.write(r.join('\t') + '\n');
  return w.flush();
}
