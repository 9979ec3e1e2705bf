// Run-cell lines: the commands a user types, from a fence's content (comments, blanks, `\` continuations).

/** One command line and the 0-based index of the content line it starts on. */
export interface RunLine {
  text: string;
  line: number;
}

/** The command lines of a run cell. */
export interface RunLines {
  lines: RunLine[];
  /** Set when the last line ends in `\` with nothing to join: the 0-based content line. */
  danglingContinuation?: number;
}

/**
 * Split run-cell content into command lines: blank lines and lines starting with `#` are dropped;
 * a line ending in `\` is joined (with one space) to the next. In `console` cells a leading `$ `
 * prompt is removed, so copied transcripts' commands still work.
 */
export function splitRunLines(content: string, lang: string): RunLines {
  const raw = content.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: RunLine[] = [];
  let pending: RunLine | undefined;
  for (let i = 0; i < raw.length; i++) {
    let text = raw[i];
    if (!pending) {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (lang === 'console' && /^\s*\$ /.test(text)) text = text.replace(/^\s*\$ /, '');
    }
    const end = text.trimEnd();
    const continued = trailingBackslashes(end) % 2 === 1;
    const piece = continued ? end.slice(0, -1).trimEnd() : end;
    if (pending) pending.text += ' ' + piece.trimStart();
    else pending = { text: piece, line: i };
    if (!continued) {
      lines.push(pending);
      pending = undefined;
    }
  }
  if (pending) {
    lines.push(pending);
    return { lines, danglingContinuation: raw.length - 1 };
  }
  return { lines };
}

function trailingBackslashes(text: string): number {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === '\\') n++;
  return n;
}
