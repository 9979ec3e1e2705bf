// The shell tokenizer: operators, redirections, and words with their quotes and expansions ($VAR, $(..), `..`).
// Reserved words are ordinary words here; the parser decides by position. Expansion syntax lives in lex-dollar.ts.
import type { RedirOp, Redirect, Script, Word, WordPart } from './ast.ts';
import { pushLit } from './ast.ts';
import { readDollar } from './lex-dollar.ts';
import { ShellSyntaxError } from './syntax.ts';

export type Token =
  | { t: 'word'; word: Word; line: number; start: number; end: number }
  | { t: 'op'; op: string; line: number; start: number; end: number }
  | { t: 'redir'; op: RedirOp; fd?: number; line: number; start: number; end: number }
  | { t: 'eof'; line: number; start: number; end: number };

/** How the lexer gets nested scripts parsed: `$( ... )` in place, and backquote bodies as separate text. */
export interface SubParser {
  /** Parse from `pos` up to the matching `)`; returns the index of that `)`. */
  paren(src: string, pos: number, line: number): { script: Script; end: number; line: number };
  /** Parse a whole text (a backquote body). */
  whole(text: string, line: number): Script;
}

interface PendingHeredoc {
  redirect: Redirect;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

/** Operators, longest first so `&&` wins over `&` and `<<-` over `<<`. */
const OPERATORS: readonly string[] = [
  '&>>',
  '<<<',
  '<<-',
  '&&',
  '||',
  ';;',
  '&>',
  '<<',
  '>>',
  '>&',
  '<&',
  '<>',
  '>|',
  '>',
  '<',
  '&',
  '|',
  ';',
  '(',
  ')',
];
const REDIR_OPS = new Set(['&>>', '<<<', '<<-', '&>', '<<', '>>', '>&', '<&', '<>', '>|', '>', '<']);
const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

export class Lexer {
  pos: number;
  line: number;
  private readonly heredocs: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    readonly sub: SubParser,
    start = 0,
    line = 1,
    /** Non-interactive input ends an unfinished here-document at end of input instead of asking for more. */
    private readonly heredocEndsAtEof = false,
  ) {
    this.pos = start;
    this.line = line;
  }

  /** A lexer over the same source from `start` (lex-dollar.ts reads `$x` inside `$(( ))` with one). */
  at(start: number, line: number): Lexer {
    return new Lexer(this.src, this.sub, start, line);
  }

  next(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    if (this.pos >= this.src.length) {
      this.endPendingHeredocsAtEof();
      return { t: 'eof', line, start, end: start };
    }
    const c = this.src[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocBodies();
      return { t: 'op', op: '\n', line, start, end: start + 1 };
    }
    const io = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io) this.pos += io[1].length;
    const op = OPERATORS.find((o) => this.src.startsWith(o, this.pos));
    if (op && (REDIR_OPS.has(op) || !io)) {
      this.pos += op.length;
      if (REDIR_OPS.has(op)) return { t: 'redir', op: op as RedirOp, fd: io ? Number(io[1]) : undefined, line, start, end: this.pos };
      return { t: 'op', op, line, start, end: this.pos };
    }
    this.pos = start;
    const word = this.readWord();
    return { t: 'word', word, line, start, end: this.pos };
  }

  /** The right side of `[[ x =~ RE ]]`: a word that only unquoted blanks outside parentheses end. */
  regexWord(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    if (this.pos >= this.src.length) return { t: 'eof', line, start, end: start };
    const word = this.readWord(false, false, true);
    return { t: 'word', word, line, start, end: this.pos };
  }

  /** Register a here-document whose body starts after the next newline. */
  addHeredoc(redirect: Redirect, delim: string, strip: boolean, quoted: boolean): void {
    this.heredocs.push({ redirect, delim, strip, quoted });
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** Read one word: literal runs, quotes, escapes and expansions until an unquoted blank or operator. */
  readWord(stopAtBrace = false, quotedContext = false, regex = false): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (regex) {
        if (c === '(') depth++;
        else if (c === ')') depth--;
        if (c === '\n' || (depth <= 0 && (c === ' ' || c === '\t')) || depth < 0) break;
      } else if (stopAtBrace ? c === '}' : WORD_BREAK.has(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n === undefined) {
          pushLit(parts, '\\', quotedContext);
          this.pos++;
        } else if (quotedContext && !'$`"\\}'.includes(n)) {
          pushLit(parts, '\\', true);
          this.pos++;
        } else {
          pushLit(parts, n, true);
          this.pos += 2;
        }
      } else if (c === "'" && !quotedContext) {
        pushLit(parts, this.readSingle(), true);
      } else if (c === '"' && !quotedContext) {
        parts.push(...this.readDouble());
      } else if (c === '$') {
        parts.push(readDollar(this, quotedContext));
      } else if (c === '`') {
        parts.push(this.readBackquote(quotedContext));
      } else if (c === '~' && parts.length === 0 && this.pos === start && !quotedContext) {
        parts.push(this.readTilde());
      } else {
        if (c === '\n') this.line++;
        pushLit(parts, c, quotedContext);
        this.pos++;
      }
    }
    return { parts, text: this.src.slice(start, this.pos) };
  }

  private readSingle(): string {
    const line = this.line;
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) throw new ShellSyntaxError({ kind: 'unterminated', what: "'", line });
    const text = this.src.slice(this.pos + 1, end);
    this.line += countNewlines(text);
    this.pos = end + 1;
    return text;
  }

  /** The inside of "...": `$`, backquotes and `\` before $ ` " \ newline stay special. */
  private readDouble(): WordPart[] {
    const line = this.line;
    this.pos++;
    const parts: WordPart[] = [{ kind: 'lit', text: '', quoted: true }];
    for (;;) {
      if (this.pos >= this.src.length) throw new ShellSyntaxError({ kind: 'unterminated', what: '"', line });
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        return parts;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.src[this.pos + 1] ?? '')) {
        if (this.src[this.pos + 1] === '\n') this.line++;
        else pushLit(parts, this.src[this.pos + 1], true);
        this.pos += 2;
      } else if (c === '$') parts.push(readDollar(this, true));
      else if (c === '`') parts.push(this.readBackquote(true));
      else {
        if (c === '\n') this.line++;
        pushLit(parts, c, true);
        this.pos++;
      }
    }
  }

  /** `...`: the body with \$ \` \\ unescaped, parsed as its own script. */
  readBackquote(quoted: boolean): WordPart {
    const line = this.line;
    let body = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.src.length) throw new ShellSyntaxError({ kind: 'unterminated', what: '`', line });
      const c = this.src[i];
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.src[i + 1] ?? '')) {
        body += this.src[i + 1];
        i += 2;
      } else {
        body += c;
        i++;
      }
    }
    this.line += countNewlines(this.src.slice(this.pos, i));
    this.pos = i + 1;
    return { kind: 'cmdsub', body: this.sub.whole(body, line), quoted };
  }

  private readTilde(): WordPart {
    const m = /^~([A-Za-z0-9._-]*)/.exec(this.src.slice(this.pos));
    const user = m ? m[1] : '';
    const after = this.src[this.pos + 1 + user.length];
    if (after !== undefined && after !== '/' && !WORD_BREAK.has(after)) {
      this.pos++;
      return { kind: 'lit', text: '~', quoted: false };
    }
    this.pos += 1 + user.length;
    return { kind: 'tilde', user };
  }

  /** After a newline: read the bodies of here-documents opened on the line just ended. */
  private readHeredocBodies(): void {
    while (this.heredocs.length > 0) {
      const h = this.heredocs.shift() as PendingHeredoc;
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) {
          if (!this.heredocEndsAtEof) throw new ShellSyntaxError({ kind: 'unterminated', what: 'heredoc', line: this.line });
          break;
        }
        const nl = this.src.indexOf('\n', this.pos);
        const raw = this.src.slice(this.pos, nl < 0 ? this.src.length : nl);
        this.pos = nl < 0 ? this.src.length : nl + 1;
        this.line++;
        const text = h.strip ? raw.replace(/^\t+/, '') : raw;
        if (text === h.delim) break;
        lines.push(text);
      }
      const body = lines.map((l) => l + '\n').join('');
      h.redirect.heredoc = h.quoted ? { parts: [{ kind: 'lit', text: body, quoted: true }], text: body } : lexHeredocBody(body, this.sub);
    }
  }

  private endPendingHeredocsAtEof(): void {
    if (this.heredocs.length === 0) return;
    if (!this.heredocEndsAtEof) throw new ShellSyntaxError({ kind: 'unterminated', what: 'heredoc', line: this.line });
    for (const h of this.heredocs.splice(0)) h.redirect.heredoc = { parts: [], text: '' };
  }
}

/** A here-document body: like the inside of double quotes, but `"` is an ordinary character. */
function lexHeredocBody(body: string, sub: SubParser): Word {
  const lx = new Lexer(body, sub);
  const parts: WordPart[] = [];
  while (lx.pos < body.length) {
    const c = body[lx.pos];
    if (c === '\\' && '$`\\\n'.includes(body[lx.pos + 1] ?? '')) {
      if (body[lx.pos + 1] !== '\n') pushLit(parts, body[lx.pos + 1], true);
      lx.pos += 2;
    } else if (c === '$') parts.push(readDollar(lx, true));
    else if (c === '`') parts.push(lx.readBackquote(true));
    else {
      pushLit(parts, c, true);
      lx.pos++;
    }
  }
  return { parts, text: body };
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}
