// Tokens of a container's `sh -c` script: words made of quoted/unquoted parts, operators, redirections.

/** Part of a word: unquoted text and double-quoted text are expanded ($VAR, $(cmd)); single-quoted is literal. */
export interface WordPart {
  text: string;
  quote: 'none' | 'single' | 'double';
}

export type Token =
  | { kind: 'word'; parts: WordPart[] }
  | { kind: 'op'; op: ';' | '&&' | '||' | '&' | '|' | '(' | ')' | '\n' }
  | { kind: 'redir'; op: string };

const OPS = ['&&', '||', ';;', ';', '&', '|', '(', ')'] as const;

/** The literal text of an unquoted word (keywords are recognised only when the whole word is unquoted). */
export function plainWord(t: Token | undefined): string | undefined {
  if (!t || t.kind !== 'word' || t.parts.some((p) => p.quote !== 'none')) return undefined;
  return t.parts.map((p) => p.text).join('');
}

/** Split a script into tokens; an unterminated quote ends the word at the end of the script (sh would fail; we are lenient). */
export function lex(src: string): Token[] {
  const out: Token[] = [];
  let parts: WordPart[] = [];
  let cur = '';
  const flushText = () => {
    if (cur) parts.push({ text: cur, quote: 'none' });
    cur = '';
  };
  const endWord = () => {
    flushText();
    if (parts.length) out.push({ kind: 'word', parts });
    parts = [];
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      if (src[i + 1] !== '\n') cur += src[i + 1];
      i += 2;
    } else if (c === "'") {
      flushText();
      const j = src.indexOf("'", i + 1);
      const end = j < 0 ? src.length : j;
      parts.push({ text: src.slice(i + 1, end), quote: 'single' });
      i = end + 1;
    } else if (c === '"') {
      flushText();
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && '"\\$`'.includes(src[j + 1] ?? '')) {
          text += src[j + 1];
          j += 2;
        } else text += src[j++];
      }
      parts.push({ text, quote: 'double' });
      i = j + 1;
    } else if (c === '$' && src[i + 1] === '(') {
      // Keep $(...) and $((...)) whole inside the word; the expander evaluates them.
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      cur += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '#' && cur === '' && parts.length === 0) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
      i++;
    } else if (c === '\n') {
      endWord();
      out.push({ kind: 'op', op: '\n' });
      i++;
    } else if (/[0-9]/.test(c) && (src[i + 1] === '>' || src[i + 1] === '<') && cur === '' && parts.length === 0) {
      const m = /^\d(>>|>&\d?|>|<)/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ kind: 'redir', op: m[0] });
      i += m[0].length;
    } else if (c === '>' || c === '<' || (c === '&' && src[i + 1] === '>')) {
      endWord();
      const m = /^(&>>|&>|>>|>&\d?|>\||>|<<|<)/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ kind: 'redir', op: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        endWord();
        out.push({ kind: 'op', op: op === ';;' ? ';' : op });
        i += op.length;
      } else {
        cur += c;
        i++;
      }
    }
  }
  endWord();
  return out;
}
