// Redrawing the edited line in xterm: move to where the prompt began, clear, write prompt + line, put the cursor back.
import { displayWidth } from './terminal-text.ts';

/** Row and column of a position `n` columns after the prompt's start, in a terminal `cols` wide. */
function place(n: number, cols: number, atEnd: boolean): { row: number; col: number } {
  // A line that exactly fills the row leaves the cursor on its last column (the wrap is pending).
  if (atEnd && n > 0 && n % cols === 0) return { row: n / cols - 1, col: cols - 1 };
  return { row: Math.floor(n / cols), col: n % cols };
}

export interface DrawnLine {
  /** Escape sequences and text to write. */
  data: string;
  /** Rows from the prompt's first row to the cursor after drawing (pass back as `cursorRow` next time). */
  cursorRow: number;
}

/**
 * Redraw `prompt + line` with the cursor at `cursor`. `cursorRow` is the row the cursor is on now,
 * counted from the prompt's first row (0 for a line that fits).
 */
export function redrawLine(prompt: string, styledPrompt: string, line: string, cursor: number, cols: number, cursorRow: number): DrawnLine {
  const width = Math.max(1, cols);
  const promptWidth = displayWidth(prompt);
  const total = promptWidth + displayWidth(line);
  const end = place(total, width, true);
  const target = cursor >= line.length ? end : place(promptWidth + displayWidth(line.slice(0, cursor)), width, false);
  let data = cursorRow > 0 ? `\x1b[${cursorRow}A` : '';
  data += `\r\x1b[J${styledPrompt}${line}`;
  if (target.row !== end.row || target.col !== end.col) {
    if (end.row > target.row) data += `\x1b[${end.row - target.row}A`;
    data += '\r';
    if (target.col > 0) data += `\x1b[${target.col}C`;
  }
  return { data, cursorRow: target.row };
}
