// Applying Tab completion candidates to a partial line, as bash does: one candidate completes, several extend to their common prefix.

export interface CompletionResult {
  /** The text to put before the cursor. */
  text: string;
  /** Candidates to list below the line when the completion is ambiguous (as words, not whole lines). */
  listing: string[];
}

/** The last whitespace-separated word of a partial line. */
function lastWordStart(partial: string): number {
  const m = /\S*$/.exec(partial);
  return m ? partial.length - m[0].length : partial.length;
}

/** Candidates may be whole lines (start with the partial) or words completing its last word; both are handled. */
export function applyCompletion(partial: string, candidates: readonly string[]): CompletionResult {
  if (candidates.length === 0) return { text: partial, listing: [] };
  const start = lastWordStart(partial);
  const prefix = partial.slice(0, start);
  const asLines = candidates.map((c) => (c.startsWith(partial) || (start > 0 && c.startsWith(prefix)) ? c : prefix + c));
  if (asLines.length === 1) {
    const only = asLines[0];
    return { text: only.endsWith('/') || only.endsWith('=') ? only : `${only} `, listing: [] };
  }
  const common = asLines.reduce((a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  });
  const text = common.length > partial.length ? common : partial;
  // List what differs: each candidate from the start of the word being completed.
  const listing = asLines.map((l) => l.slice(start));
  return { text, listing: [...new Set(listing)] };
}
