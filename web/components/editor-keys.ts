// Indenting in the exercise editor: Tab and Shift+Tab as text edits, pure so they can be tested without a browser.

/** Spaces one Tab inserts (YAML forbids tab characters for indentation). */
export const INDENT = '  ';

/** Replace [from, to) with `insert`, then select [selectionStart, selectionEnd). */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Tab with a caret inserts two spaces; Tab with a selection indents every line it touches; Shift+Tab
 * removes up to two leading spaces from those lines (or the caret's line).
 */
export function indentEdit(text: string, start: number, end: number, outdent: boolean): TextEdit {
  if (start === end && !outdent)
    return { from: start, to: start, insert: INDENT, selectionStart: start + INDENT.length, selectionEnd: start + INDENT.length };
  const from = text.lastIndexOf('\n', start - 1) + 1;
  // A selection that ends right after a newline does not touch the next line.
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const newline = text.indexOf('\n', last);
  const to = newline < 0 ? text.length : newline;
  const lines = text.slice(from, to).split('\n');
  let removedFirst = 0;
  let delta = 0;
  const changed = lines.map((line, i) => {
    if (!outdent) {
      delta += INDENT.length;
      return INDENT + line;
    }
    const cut = /^ {0,2}/.exec(line)?.[0].length ?? 0;
    if (i === 0) removedFirst = cut;
    delta -= cut;
    return line.slice(cut);
  });
  const insert = changed.join('\n');
  const firstShift = outdent ? -Math.min(removedFirst, start - from) : INDENT.length;
  const selectionStart = Math.max(from, start + firstShift);
  const selectionEnd = start === end ? selectionStart : Math.max(selectionStart, end + delta);
  return { from, to, insert, selectionStart, selectionEnd };
}
