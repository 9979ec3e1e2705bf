// Shell patterns (`*`, `?`, `[...]`) as used by case, [[ == ]], ${x#pat}, ${x/pat/rep} and pathname expansion;
// matched by glob-match.ts in linear time, never by a backtracking RegExp.
// A pattern string marks quoted characters with a backslash before them (expandPattern does that).
import { checkValueSize } from '../limits.ts';
import { classEnd, compileGlob, findLongest, globMatches, MatchWork, prefixMatches, reverseGlob } from './glob-match.ts';

/** True if the pattern has an unescaped `*`, `?` or a bracket expression (`[` with its `]`; a lone `[` is text). */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || (c === '[' && classEnd(pattern, i) > 0)) return true;
  }
  return false;
}

/** Whole-string match of a shell pattern (linear in the text; see glob-match.ts). */
export function matchPattern(pattern: string, text: string): boolean {
  return globMatches(compileGlob(pattern), text);
}

/** Remove the shortest/longest prefix (`#`/`##`) or suffix (`%`/`%%`) matching the pattern. */
export function stripPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const g = compileGlob(pattern);
  if (op === '#' || op === '##') {
    const lengths = prefixMatches(g, value);
    if (lengths.length === 0) return value;
    return value.slice(op === '#' ? lengths[0] : lengths[lengths.length - 1]);
  }
  // Suffixes of value are prefixes of the reversed value matched by the reversed pattern.
  const lengths = prefixMatches(reverseGlob(g), value.split('').reverse().join(''));
  if (lengths.length === 0) return value;
  const n = op === '%' ? lengths[0] : lengths[lengths.length - 1];
  return value.slice(0, value.length - n);
}

/**
 * Replace the first (or every) leftmost-longest match, as bash's pat_subst does: an empty value can match
 * (a star pattern on '' gives the replacement), but after the last character nothing more is tried (a star
 * pattern replaced everywhere in `abc` gives one replacement, not two as String.replace would).
 * The result is built in pieces and refused past the value limit.
 */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const g = compileGlob(pattern);
  if (g.literal !== undefined && all && g.literal !== '') {
    // Plain text everywhere: count first, so an oversized result is refused before it is built.
    let count = 0;
    for (let at = value.indexOf(g.literal); at >= 0; at = value.indexOf(g.literal, at + g.literal.length)) count++;
    checkValueSize(value.length + count * (replacement.length - g.literal.length));
    return value.split(g.literal).join(replacement);
  }
  const work = new MatchWork();
  const parts: string[] = [];
  let length = 0;
  const put = (text: string): void => {
    length += text.length;
    checkValueSize(length);
    parts.push(text);
  };
  let i = 0;
  do {
    const m = findLongest(g, value, i, work);
    if (!m) break;
    put(value.slice(i, m[0]));
    put(replacement);
    i = m[1];
    if (m[0] === m[1] && i < value.length) put(value[i++]);
  } while (all && i < value.length);
  put(value.slice(i));
  return parts.join('');
}
