// Expectation line scanner: words, "quoted strings", /regex/flags and [modifier] groups, with offsets.

/** What a token is: a bare word, a "quoted string", a /regex/ or a [modifier] group. */
export type ExpectTokenKind = 'word' | 'string' | 'regex' | 'modifiers';

/** One token of an expectation line; `offset` is 0-based into the line. */
export interface ExpectToken {
  kind: ExpectTokenKind;
  /** The word, the unquoted string, the regex source, or the text inside [ ]. */
  text: string;
  /** Regex flags (only for kind 'regex'). */
  flags?: string;
  offset: number;
}

/** The tokens of a line, or the first scanning error (0-based offset). */
export type ScanResult = { tokens: ExpectToken[] } | { error: string; offset: number };

const SPACE = /\s/;

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

/**
 * Does a `/` here start a regex? Right after the word `matches`, and in a capture line
 * (`capture NAME = output [of N] /REGEX/`) right after `output` or its `of N`.
 */
function startsRegex(tokens: ExpectToken[]): boolean {
  const last = tokens[tokens.length - 1].text;
  if (last === 'matches') return true;
  if (tokens[0]?.text !== 'capture' || tokens[3]?.text !== 'output') return false;
  return tokens.length === 4 || (tokens.length === 6 && tokens[4].text === 'of');
}

/** Split an expectation line into tokens; a `/` starts a regex only where `startsRegex` says so. */
export function scanExpectation(line: string): ScanResult {
  const tokens: ExpectToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const prev = tokens[tokens.length - 1];
    if (c === '"') {
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) {
          i++;
          // JSON-like escapes: \n and \t stand for a newline and a tab; any other escaped character is itself.
          text += STRING_ESCAPES[line[i]] ?? line[i];
          continue;
        }
        text += line[i];
      }
      if (i >= line.length) return { error: 'unterminated "quoted string"', offset: start };
      i++;
      tokens.push({ kind: 'string', text, offset: start });
    } else if (c === '/' && prev?.kind === 'word' && startsRegex(tokens)) {
      let inClass = false;
      for (i++; i < line.length && (inClass || line[i] !== '/'); i++) {
        if (line[i] === '\\') i++;
        else if (line[i] === '[') inClass = true;
        else if (line[i] === ']') inClass = false;
      }
      if (i >= line.length) return { error: 'unterminated /regex/', offset: start };
      const source = line.slice(start + 1, i);
      i++;
      const flagsStart = i;
      while (i < line.length && /[a-z]/.test(line[i])) i++;
      tokens.push({ kind: 'regex', text: source, flags: line.slice(flagsStart, i), offset: start });
    } else if (c === '[') {
      const close = line.indexOf(']', i);
      if (close < 0) return { error: "unterminated '[' modifier", offset: start };
      tokens.push({ kind: 'modifiers', text: line.slice(i + 1, close), offset: start });
      i = close + 1;
    } else {
      while (i < line.length && !SPACE.test(line[i])) i++;
      tokens.push({ kind: 'word', text: line.slice(start, i), offset: start });
    }
  }
  return { tokens };
}
