// POSIX regular expressions (basic, as grep and sed; extended, as grep -E, sed -E and awk) translated to RE2
// syntax, with the GNU extensions people use: \| \+ \? in BREs, \< \> \b \w \s, [[:classes:]], intervals.
// RE2 matches in linear time; what RE2 cannot do (backreferences) is reported, never silently changed.
//
// The BRE/ERE grammar: POSIX.1-2017 XBD 9.3 and 9.4 (pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap09.html);
// GNU extensions: the GNU grep manual, "Basic vs Extended" and "Back-references and Subexpressions".

/** A pattern RE2 cannot run, or a malformed one; `message` is worded as GNU grep words it where it can. */
export class RegexSyntaxError extends Error {}

/** The message for a backreference (`\1`): it needs backtracking, which the simulator does not do. */
export const BACKREFERENCE_UNSUPPORTED = 'backreferences (\\1-\\9) are not simulated: patterns are matched in linear time';

/** POSIX bracket classes; RE2 knows the same names, so they pass through as `[[:alpha:]]`. */
const CLASS_NAMES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'xdigit', 'punct', 'print', 'graph', 'cntrl']);

/** Characters that need a backslash to be literal in RE2 outside brackets. */
const RE2_SPECIAL = /[\\^$.*+?()[\]{}|]/;

/** Translate a POSIX BRE (`ere` false) or ERE to RE2 source. Throws RegexSyntaxError. */
export function posixToRe2(pattern: string, ere: boolean): string {
  let out = '';
  let atStart = true;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '[') {
      const r = bracket(pattern, i);
      out += r.source;
      i = r.end;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= pattern.length) throw new RegexSyntaxError('Trailing backslash');
      const e = pattern[++i];
      if (!ere && '(){}|+?'.includes(e)) {
        out += e;
        if (e === '(') depth++;
        if (e === ')') depth--;
        atStart = e === '(' || e === '|';
      } else if (e === '<' || e === '>') out += '\\b';
      else if (/[1-9]/.test(e)) throw new RegexSyntaxError(BACKREFERENCE_UNSUPPORTED);
      else if ('wWsSbB'.includes(e)) out += `\\${e}`;
      else if (e === 'n') out += '\\n';
      else if (e === 't') out += '\\t';
      else out += escape(e);
      continue;
    }
    if (!ere && '(){}|+?'.includes(c)) out += escape(c);
    else if (c === '*' && wasStart) out += '\\*';
    else if (ere && c === '{' && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i)))
      out += '\\{'; // GNU: a `{` that starts no interval is literal
    else if (ere && (c === '*' || c === '+' || c === '?') && wasStart) out += escape(c);
    else {
      if (ere && c === '(') depth++;
      if (ere && c === ')') {
        if (depth === 0) {
          out += '\\)'; // an unmatched ) is literal in an ERE (GNU)
          continue;
        }
        depth--;
      }
      out += c;
      atStart = ere && (c === '(' || c === '|');
    }
  }
  if (depth > 0) throw new RegexSyntaxError('Unmatched ( or \\(');
  return out.replace(/\{,(\d+)\}/g, '{0,$1}');
}

/** A bracket expression from `[` at `start`: its RE2 class source and the index of its `]`. */
function bracket(p: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let body = '';
  if (p[i] === '^') {
    body += '^';
    i++;
  }
  if (p[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === ']') return { source: `[${body}]`, end: i };
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '=' || p[i + 1] === '.')) {
      const kind = p[i + 1];
      const close = p.indexOf(`${kind}]`, i + 2);
      const name = close > 0 ? p.slice(i + 2, close) : '';
      if (kind === ':' && CLASS_NAMES.has(name)) {
        body += `[:${name}:]`;
        i = close + 1;
        continue;
      }
      if (kind === ':' && close > 0) throw new RegexSyntaxError('Invalid character class name');
      if ((kind === '=' || kind === '.') && close > 0 && name.length === 1) {
        body += escapeInClass(name);
        i = close + 1;
        continue;
      }
    }
    // In a POSIX bracket a backslash is an ordinary character.
    body += c === '-' ? '-' : escapeInClass(c);
  }
  throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
}

function escapeInClass(c: string): string {
  return /[\\\][^]/.test(c) ? `\\${c}` : c;
}

function escape(c: string): string {
  return RE2_SPECIAL.test(c) ? `\\${c}` : c;
}

/** Escape a fixed string (grep -F) for RE2. */
export function literalToRe2(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
