// Regular expressions that learners and authors write (grep, sed, awk, `output matches /re/`), matched by RE2
// (re2js: pure JavaScript, runs in the browser) in time linear in the text. A backtracking RegExp took 16 s on
// `/(a+)+c/` over 28 characters and could not be interrupted; RE2 has no such shape.
import { RE2JS } from 're2js';
import { literalToRe2, posixToRe2, RegexSyntaxError } from './posix.ts';

/**
 * Which syntax the source is in: POSIX basic (grep, sed), POSIX extended (grep -E, awk), a fixed string (grep -F),
 * JavaScript (`expect`; passed to RE2, whose syntax is JavaScript's without lookaround and backreferences), or RE2.
 */
export type Dialect = 'bre' | 'ere' | 'fixed' | 'js' | 're2';

export interface RegexOptions {
  ignoreCase?: boolean;
  /** `^` and `$` at every line (JavaScript's m flag). */
  multiline?: boolean;
  /** `.` matches a newline (JavaScript's s flag). */
  dotAll?: boolean;
  /**
   * POSIX leftmost-longest matches (grep, sed and awk report the longest of the leftmost matches:
   * `echo abcd | sed 's/a\|ab/X/'` is `Xcd`). JavaScript's leftmost-first when false.
   */
  longest?: boolean;
}

/** Longest pattern source compiled, in characters. */
export const MAX_PATTERN_CHARS = 64 * 1024;

/** One match: where it starts, the whole text matched, and each group (undefined when it took no part). */
export interface RegexMatch {
  index: number;
  text: string;
  groups: (string | undefined)[];
}

/** A compiled regular expression. */
export class LinearRegex {
  private constructor(private readonly re: RE2JS) {}

  /**
   * Compile `source` in `dialect`. Throws RegexSyntaxError for a malformed pattern or one RE2 cannot run
   * (backreferences, lookaround), with a message saying which.
   */
  static compile(source: string, dialect: Dialect, options: RegexOptions = {}): LinearRegex {
    // A compiled program grows with the pattern: a 16 MiB pattern from a variable would take gigabytes.
    if (source.length > MAX_PATTERN_CHARS)
      throw new RegexSyntaxError(`regular expression too large (limit ${MAX_PATTERN_CHARS / 1024} KiB)`);
    const re2 =
      dialect === 'bre'
        ? posixToRe2(source, false)
        : dialect === 'ere'
          ? posixToRe2(source, true)
          : dialect === 'fixed'
            ? literalToRe2(source)
            : source;
    let flags = 0;
    if (options.ignoreCase) flags |= RE2JS.CASE_INSENSITIVE;
    if (options.multiline) flags |= RE2JS.MULTILINE;
    if (options.dotAll) flags |= RE2JS.DOTALL;
    if (options.longest) flags |= RE2JS.LONGEST_MATCH;
    try {
      return new LinearRegex(RE2JS.compile(re2, flags));
    } catch (e: unknown) {
      const message = e instanceof Error ? e.message : String(e);
      if (dialect === 'js' && /\(\?[=!]|\(\?<[=!]/.test(source))
        throw new RegexSyntaxError('lookahead and lookbehind are not supported (patterns are matched in linear time, RE2 syntax)');
      if (dialect === 'js' && /\\[1-9]|\\k</.test(source))
        throw new RegexSyntaxError('backreferences are not supported (patterns are matched in linear time, RE2 syntax)');
      throw new RegexSyntaxError(message.replace(/^error parsing regexp: /, ''));
    }
  }

  /** Does the pattern match anywhere in `text`? */
  test(text: string): boolean {
    return this.re.test(text);
  }

  /** Every non-overlapping match, left to right (an empty match advances by one character). */
  *matchAll(text: string): Generator<RegexMatch> {
    for (const m of this.re.matchAll(text)) {
      const groups = Array.from(m, (g) => (g === null ? undefined : (g as string | undefined)));
      yield { index: m.index ?? 0, text: groups[0] ?? '', groups };
    }
  }

  /** The first match, or undefined. */
  exec(text: string): RegexMatch | undefined {
    for (const m of this.matchAll(text)) return m;
    return undefined;
  }

  /**
   * Replace matches: `which` picks them by their 1-based count (sed's N and g flags, awk's sub/gsub);
   * `replace` returns the text for a match.
   */
  replace(text: string, which: (count: number) => boolean, replace: (m: RegexMatch) => string): string {
    const parts: string[] = [];
    let last = 0;
    let count = 0;
    for (const m of this.matchAll(text)) {
      count++;
      if (!which(count)) continue;
      parts.push(text.slice(last, m.index), replace(m));
      last = m.index + m.text.length;
    }
    if (count === 0) return text;
    parts.push(text.slice(last));
    return parts.join('');
  }

  /** Split on matches (awk's FS and split()); an empty match does not split. */
  split(text: string): string[] {
    const out: string[] = [];
    let last = 0;
    for (const m of this.matchAll(text)) {
      if (m.text === '') continue;
      out.push(text.slice(last, m.index));
      last = m.index + m.text.length;
    }
    out.push(text.slice(last));
    return out;
  }
}

export { RegexSyntaxError };
