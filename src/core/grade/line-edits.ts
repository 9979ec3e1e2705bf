// Line edits: replace or delete whole lines of a source text by 0-based line ranges, keeping its line endings.

/** Replace lines [start, end) with `lines` (none = delete). Ranges must not overlap. */
export interface LineEdit {
  start: number;
  end: number;
  lines: string[];
}

/** The source's dominant line ending (CRLF when any line has one, else LF). */
export function lineEnding(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/** Split into lines the way markdown-it counts them (CR, LF and CRLF each end a line). */
export function splitLines(source: string): string[] {
  return source.split(/\r\n?|\n/);
}

/**
 * Apply edits (any order; overlapping ranges are an error). A deleted block that leaves two blank
 * lines side by side takes one of them along, so removed cells leave no gaps.
 */
export function applyLineEdits(source: string, edits: LineEdit[]): string {
  const eol = lineEnding(source);
  const lines = splitLines(source);
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  sorted.forEach((e, i) => {
    const next = sorted[i - 1];
    if (next && next.start < e.end) throw new Error(`overlapping line edits at line ${next.start + 1}`);
  });
  for (const e of sorted) {
    let end = e.end;
    const blankBefore = e.start === 0 || lines[e.start - 1].trim() === '';
    if (e.lines.length === 0 && blankBefore && end < lines.length && lines[end].trim() === '' && end < lines.length - 1) end++;
    lines.splice(e.start, end - e.start, ...e.lines);
  }
  return lines.join(eol);
}
