// POSIX regular expressions (basic, as grep; extended, as grep -E) translated to JavaScript RegExp source,
// with the GNU extensions people use: \| \+ \? in BREs, \< \> \b \w \s, [[:classes:]].

/** POSIX bracket classes ([:alpha:] ...) as JavaScript character-class ranges; shell globs use them too. */
export const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

/** Translate a POSIX BRE (ere=false) or ERE to JavaScript regex source. Throws SyntaxError for a bad pattern. */
export function posixToJs(pattern: string, ere: boolean): string {
  let out = '';
  let atStart = true;
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
    if (c === '\\' && i + 1 < pattern.length) {
      const e = pattern[++i];
      if (!ere && '(){}|+?'.includes(e)) {
        out += e;
        atStart = e === '(' || e === '|';
      } else if (e === '<' || e === '>') out += '\\b';
      else if ('wWsSbB'.includes(e) || /[1-9]/.test(e)) out += `\\${e}`;
      else out += escape(e);
      continue;
    }
    if (!ere && '(){}|+?'.includes(c)) out += escape(c);
    else if (c === '*' && wasStart) out += '\\*';
    else {
      out += c === '/' ? '\\/' : c;
      atStart = ere && (c === '(' || c === '|');
    }
  }
  return out;
}

/** A bracket expression from `[` at `start`: its JS class source and the index of its `]`. */
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
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      const name = close > 0 ? p.slice(i + 2, close) : '';
      if (name in POSIX_CLASSES) {
        body += POSIX_CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    body += c === '\\' || c === '[' ? `\\${c}` : c;
  }
  throw new SyntaxError('Unmatched [, [^, [:, [., or [=');
}

function escape(c: string): string {
  return JS_SPECIAL.test(c) ? `\\${c}` : c;
}

/** Escape a fixed string (grep -F) for a JS regex. */
export function literalToJs(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
