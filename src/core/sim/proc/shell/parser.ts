// The shell parser: tokens to a syntax tree (lists, and-or, pipelines, if/while/until/for/case, groups, redirects).
// Pure and synchronous; failures come back as SyntaxFailure values (syntax.ts), worded per shell in syntax-messages.ts.
import type {
  AndOr,
  Assignment,
  CaseCommand,
  Command,
  CondCommand,
  CondExpr,
  FunctionDef,
  ForCommand,
  GroupCommand,
  IfCommand,
  List,
  LoopCommand,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Word,
} from './ast.ts';
import { Lexer, type SubParser, type Token } from './lexer.ts';
import { nested } from './nesting.ts';
import { ShellSyntaxError, type SyntaxFailure } from './syntax.ts';

export type ParseResult = { ok: true; script: Script } | { ok: false; failure: SyntaxFailure };

export interface ParseOptions {
  /** Non-interactive input (`sh -c`, scripts): an unfinished here-document ends at end of input. */
  heredocEndsAtEof?: boolean;
  /** bash syntax: `[[ ]]` is a compound command (elsewhere `[[` is an ordinary word; BusyBox runs it as `test`). */
  bash?: boolean;
}

/** `[[ ]]` unary operators (bash's test_unop). */
const COND_UNARY = new Set('-a -b -c -d -e -f -g -h -k -p -r -s -t -u -w -x -G -L -N -O -S -z -n -o -v -R'.split(' '));
/** `[[ ]]` binary operators written as words (`<` and `>` come as redirection tokens). */
const COND_BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
/** What may follow `name()` as a function body in bash (a compound command). */
const COMPOUND_START = new Set(['{', 'if', 'while', 'until', 'for', 'case']);

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', '{', '}', '!']);

/** Parse shell source. Never throws for bad syntax; nesting past USERLAND_LIMITS.maxNesting throws LimitError. */
export function parseShell(src: string, options: ParseOptions = {}): ParseResult {
  try {
    const p = new Parser(src, 0, 1, options);
    return { ok: true, script: p.program() };
  } catch (e: unknown) {
    if (e instanceof ShellSyntaxError) return { ok: false, failure: e.failure };
    throw e;
  }
}

class Parser {
  private readonly lx: Lexer;
  private tokRef: Token;
  private lastEnd: number;

  constructor(
    private readonly src: string,
    start: number,
    line: number,
    private readonly options: ParseOptions,
  ) {
    const sub: SubParser = {
      paren: (s, pos, ln) => {
        const inner = new Parser(s, pos, ln, this.options);
        const script = inner.list(new Set(), new Set([')']));
        if (inner.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'unterminated', what: ')', line: inner.peek().line });
        if (!inner.isOp(')')) throw inner.unexpected();
        return { script, end: inner.peek().start, line: inner.peek().line };
      },
      whole: (text, ln) => {
        const inner = new Parser(text, 0, ln, { heredocEndsAtEof: true, bash: this.options.bash });
        return inner.program();
      },
    };
    this.lx = new Lexer(src, sub, start, line, options.heredocEndsAtEof ?? false);
    this.lastEnd = start;
    this.tokRef = this.lx.next();
  }

  /** A whole input: a list, then end of input. */
  program(): Script {
    const body = this.list(new Set(), new Set());
    if (this.peek().t !== 'eof') throw this.unexpected();
    return body;
  }

  /** The lookahead token (a method, so TypeScript does not keep a narrowing across advance()). */
  peek(): Token {
    return this.tokRef;
  }

  private advance(): Token {
    const t = this.tokRef;
    this.lastEnd = t.end;
    this.tokRef = this.lx.next();
    return t;
  }

  isOp(op: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.op === op;
  }

  /** The lookahead's word, if it is one. */
  private peekWord(): Word | undefined {
    const t = this.peek();
    return t.t === 'word' ? t.word : undefined;
  }

  private reserved(): string | undefined {
    const parts = this.peekWord()?.parts;
    if (!parts) return undefined;
    if (parts.length !== 1 || parts[0].kind !== 'lit' || parts[0].quoted) return undefined;
    return RESERVED.has(parts[0].text) ? parts[0].text : undefined;
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.advance();
  }

  /** The failure for the current token standing where it cannot. */
  unexpected(): ShellSyntaxError {
    const t = this.tokRef;
    if (t.t === 'eof') return new ShellSyntaxError({ kind: 'eof', line: t.line });
    const token = t.t === 'word' ? t.word.text : t.op === '\n' ? 'newline' : t.op;
    return new ShellSyntaxError({ kind: 'unexpected', token, line: t.line });
  }

  /** A sequence of and-or lists separated by `;`, `&` or newlines, up to a stop word/operator or the end. */
  list(stopWords: Set<string>, stopOps: Set<string>): List {
    return nested(() => this.listAt(stopWords, stopOps));
  }

  private listAt(stopWords: Set<string>, stopOps: Set<string>): List {
    const items: List['items'] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.tokRef;
      if (t.t === 'eof') break;
      if (t.t === 'op' && stopOps.has(t.op)) break;
      const r = this.reserved();
      if (r !== undefined && stopWords.has(r)) break;
      const command = this.andOr();
      let background = false;
      if (this.isOp(';') || this.isOp('&')) {
        background = this.isOp('&');
        this.advance();
        const newline = this.isOp('\n') || undefined;
        items.push(newline ? { command, background, newline } : { command, background });
        this.skipNewlines();
      } else if (this.isOp('\n')) {
        items.push({ command, background, newline: true });
        this.skipNewlines();
      } else {
        items.push({ command, background });
        break;
      }
    }
    return { items };
  }

  /** A list inside a compound command: must not be empty; end of input means `expecting` never came. */
  private compoundList(stopWords: string[], expecting: string, stopOps: string[] = []): List {
    const l = this.list(new Set(stopWords), new Set(stopOps));
    if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting, line: this.peek().line });
    if (l.items.length === 0) throw this.unexpected();
    return l;
  }

  private expectWord(word: string, expecting = word): void {
    if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting, line: this.peek().line });
    if (this.reserved() !== word) throw this.unexpected();
    this.advance();
  }

  private andOr(): AndOr {
    const start = this.peek().start;
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.advance() as { op: '&&' | '||' }).op;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, text: this.src.slice(start, this.lastEnd) };
  }

  private pipeline(): Pipeline {
    const line = this.peek().line;
    let negated = false;
    if (this.reserved() === '!') {
      negated = true;
      this.advance();
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.advance();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negated, commands, line };
  }

  private command(): Command {
    const r = this.reserved();
    let cmd: Command;
    const fn = this.functionStart();
    if (fn) return this.functionDef(fn);
    if (r === undefined && this.options.bash && this.plainWord() === '[[') cmd = this.cond();
    else if (r === 'if') cmd = this.ifCommand();
    else if (r === 'while' || r === 'until') cmd = this.loop(r === 'until');
    else if (r === 'for') cmd = this.forCommand();
    else if (r === 'case') cmd = this.caseCommand();
    else if (r === '{') cmd = this.group();
    else if (r !== undefined && r !== '!') throw this.unexpected();
    else if (this.isOp('(')) cmd = this.subshell();
    else return this.simple();
    while (this.peek().t === 'redir') cmd.redirects.push(this.redirect());
    return cmd;
  }

  /** The lookahead word as plain unquoted text, if it is one. */
  private plainWord(): string | undefined {
    const parts = this.peekWord()?.parts;
    if (!parts || parts.length !== 1 || parts[0].kind !== 'lit' || parts[0].quoted) return undefined;
    return parts[0].text;
  }

  /** `name (` or `function name` ahead: how the definition starts, else undefined. */
  private functionStart(): 'parens' | 'keyword' | undefined {
    const w = this.plainWord();
    if (w === undefined || RESERVED.has(w)) return undefined;
    if (w === 'function') return 'keyword';
    if (!/^[^\s=$`'"\\]+$/.test(w)) return undefined;
    let i = this.peek().end;
    while (this.src[i] === ' ' || this.src[i] === '\t') i++;
    return this.src[i] === '(' ? 'parens' : undefined;
  }

  /** `name() body` or `function name [()] body`; the body is a compound command (bash), or any command (ash, dash). */
  private functionDef(how: 'parens' | 'keyword'): FunctionDef {
    const start = this.peek().start;
    const line = this.peek().line;
    if (how === 'keyword') {
      this.advance();
      if (this.plainWord() === undefined) throw this.unexpected();
    }
    const name = this.plainWord() as string;
    this.advance();
    if (how === 'parens' || this.isOp('(')) {
      if (!this.isOp('(')) throw this.unexpected();
      this.advance();
      if (!this.isOp(')')) throw this.unexpected();
      this.advance();
    }
    this.skipNewlines();
    if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', line: this.peek().line });
    const r = this.reserved();
    if (this.options.bash && !this.isOp('(') && !(r !== undefined && COMPOUND_START.has(r)) && this.plainWord() !== '[[')
      throw this.unexpected();
    const body = nested(() => this.command());
    return { kind: 'function', name, body, redirects: [], line, text: this.src.slice(start, this.lastEnd) };
  }

  /** `[[ expression ]]` (bash): operators and operands, with `&&`, `||`, `!` and parentheses. */
  private cond(): CondCommand {
    const line = this.advance().line;
    const expr = this.condOr();
    if (this.plainWord() !== ']]') throw this.unexpected();
    this.advance();
    return { kind: 'cond', expr, redirects: [], line };
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    while (this.isOp('||')) {
      this.advance();
      this.skipNewlines();
      left = { kind: 'or', left, right: this.condAnd() };
    }
    return left;
  }

  private condAnd(): CondExpr {
    let left = this.condNot();
    while (this.isOp('&&')) {
      this.advance();
      this.skipNewlines();
      left = { kind: 'and', left, right: this.condNot() };
    }
    return left;
  }

  private condNot(): CondExpr {
    this.skipNewlines();
    if (this.plainWord() === '!') {
      this.advance();
      return nested(() => ({ kind: 'not', expr: this.condNot() }));
    }
    return this.condPrimary();
  }

  private condPrimary(): CondExpr {
    if (this.isOp('(')) {
      this.advance();
      const expr = nested(() => this.condOr());
      if (!this.isOp(')')) throw this.unexpected();
      this.advance();
      return expr;
    }
    const first = this.peekWord();
    if (!first || this.plainWord() === ']]') throw this.condUnexpected();
    this.advance();
    const firstText = first.parts.length === 1 && first.parts[0].kind === 'lit' && !first.parts[0].quoted ? first.parts[0].text : undefined;
    if (firstText !== undefined && COND_UNARY.has(firstText) && this.peek().t === 'word' && this.plainWord() !== ']]') {
      const arg = (this.advance() as Extract<Token, { t: 'word' }>).word;
      return { kind: 'unary', op: firstText, arg };
    }
    const t = this.peek();
    let op: string | undefined;
    if (t.t === 'redir' && (t.op === '<' || t.op === '>') && t.fd === undefined) op = t.op;
    else if (this.plainWord() !== undefined && COND_BINARY.has(this.plainWord() as string)) op = this.plainWord();
    if (op === undefined) return { kind: 'word', word: first };
    if (op === '=~') {
      // The pattern is lexed apart: `(`, `)` and `|` are part of it, only blanks end it.
      this.lastEnd = t.end;
      this.tokRef = this.lx.regexWord();
    } else this.advance();
    const right = this.peekWord();
    if (!right || this.plainWord() === ']]') throw this.condUnexpected();
    this.advance();
    return { kind: 'binary', op, left: first, right };
  }

  /** bash: `unexpected token `X' in conditional command`; worded as the plain unexpected token here. */
  private condUnexpected(): ShellSyntaxError {
    return this.unexpected();
  }

  private ifCommand(): IfCommand {
    const line = this.advance().line;
    const clauses: IfCommand['clauses'] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.compoundList(['then'], 'then');
      this.expectWord('then');
      const body = this.compoundList(['elif', 'else', 'fi'], 'fi');
      clauses.push({ cond, body });
      const r = this.reserved();
      this.advance();
      if (r === 'elif') continue;
      if (r === 'else') {
        elseBody = this.compoundList(['fi'], 'fi');
        this.expectWord('fi');
      }
      return { kind: 'if', clauses, elseBody, redirects: [], line };
    }
  }

  private loop(until: boolean): LoopCommand {
    const line = this.advance().line;
    const cond = this.compoundList(['do'], 'do');
    this.expectWord('do');
    const body = this.compoundList(['done'], 'done');
    this.expectWord('done');
    return { kind: 'loop', until, cond, body, redirects: [], line };
  }

  private forCommand(): ForCommand {
    const line = this.advance().line;
    if (this.peek().t !== 'word') throw this.unexpected();
    const name = this.advance() as Extract<Token, { t: 'word' }>;
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.peekWord()?.text === 'in') {
      this.advance();
      items = [];
      while (this.peek().t === 'word') items.push((this.advance() as Extract<Token, { t: 'word' }>).word);
      if (!this.isOp(';') && !this.isOp('\n')) {
        if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'do', line: this.peek().line });
        throw this.unexpected();
      }
      this.advance();
    } else if (this.isOp(';')) this.advance();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.compoundList(['done'], 'done');
    this.expectWord('done');
    return { kind: 'for', name: name.word.text, items, body, redirects: [], line };
  }

  private caseCommand(): CaseCommand {
    const line = this.advance().line;
    if (this.peek().t !== 'word') throw this.unexpected();
    const subject = (this.advance() as Extract<Token, { t: 'word' }>).word;
    this.skipNewlines();
    if (this.peekWord()?.text !== 'in') {
      if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'in', line: this.peek().line });
      throw this.unexpected();
    }
    this.advance();
    const arms: CaseCommand['arms'] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'esac', line: this.peek().line });
      if (this.reserved() === 'esac') break;
      if (this.isOp('(')) this.advance();
      const patterns: Word[] = [];
      for (;;) {
        if (this.peek().t !== 'word') throw this.unexpected();
        patterns.push((this.advance() as Extract<Token, { t: 'word' }>).word);
        if (!this.isOp('|')) break;
        this.advance();
      }
      if (!this.isOp(')'))
        throw this.peek().t === 'eof' ? new ShellSyntaxError({ kind: 'eof', expecting: ')', line: this.peek().line }) : this.unexpected();
      this.advance();
      const body = this.list(new Set(['esac']), new Set([';;']));
      arms.push({ patterns, body });
      if (this.isOp(';;')) this.advance();
      else if (this.reserved() === 'esac') break;
      else if (this.peek().t === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting: 'esac', line: this.peek().line });
      else throw this.unexpected();
    }
    this.advance();
    return { kind: 'case', subject, arms, redirects: [], line };
  }

  private group(): GroupCommand {
    const line = this.advance().line;
    const body = this.compoundList(['}'], '}');
    this.expectWord('}');
    return { kind: 'group', body, redirects: [], line };
  }

  private subshell(): GroupCommand {
    const line = this.advance().line;
    const body = this.compoundList([], ')', [')']);
    if (!this.isOp(')')) throw this.unexpected();
    this.advance();
    return { kind: 'subshell', body, redirects: [], line };
  }

  private simple(): SimpleCommand {
    const start = this.peek().start;
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      if (this.peek().t === 'redir') redirects.push(this.redirect());
      else if (this.peek().t === 'word') {
        const w = this.advance() as Extract<Token, { t: 'word' }>;
        const a = words.length === 0 ? asAssignment(w.word) : undefined;
        if (a) assigns.push(a);
        else words.push(w.word);
      } else break;
    }
    if (assigns.length + words.length + redirects.length === 0) throw this.unexpected();
    return { kind: 'simple', assigns, words, redirects, line, text: this.src.slice(start, this.lastEnd) };
  }

  private redirect(): Redirect {
    const r = this.advance() as Extract<Token, { t: 'redir' }>;
    const target = this.peekWord();
    if (!target) throw this.unexpected();
    const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
    const redirect: Redirect = { fd, op: r.op, target };
    if (r.op === '<<' || r.op === '<<-') {
      // Registered before the lexer moves on: the body starts after the newline that ends this line.
      const quoted = target.parts.some((p) => p.kind === 'lit' && p.quoted);
      const delim = target.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
      this.lx.addHeredoc(redirect, delim, r.op === '<<-', quoted);
    }
    this.advance();
    return redirect;
  }
}

/** `NAME=value` at the start of a command: an assignment, with the value as the rest of the word. */
function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  let parts: Word['parts'] = rest === '' ? word.parts.slice(1) : [{ ...first, text: rest }, ...word.parts.slice(1)];
  // `X=~/dir`: a tilde right after `=` expands too.
  const tilde = /^~([A-Za-z0-9._-]*)(?=\/|$)/.exec(rest);
  if (tilde && (rest.length > tilde[0].length || word.parts.length === 1)) {
    const after = rest.slice(tilde[0].length);
    parts = [{ kind: 'tilde', user: tilde[1] }, ...(after ? [{ ...first, text: after }] : []), ...word.parts.slice(1)];
  }
  return { name: m[1], value: { parts, text: word.text.slice(m[0].length) } };
}
