// A small recursive-descent parser for container scripts: lists, && ||, pipes, while/until/for/if, { } and ( ).
import { lex, plainWord, type Token, type WordPart } from './lexer.ts';

export type Word = WordPart[];

export type Node =
  | { kind: 'simple'; assigns: [string, Word][]; words: Word[]; redirected: boolean }
  | { kind: 'pipeline'; cmds: Node[]; negate: boolean }
  | { kind: 'andor'; first: Node; rest: ['&&' | '||', Node][] }
  | { kind: 'list'; items: { node: Node; background: boolean }[] }
  | { kind: 'loop'; until: boolean; cond: Node; body: Node }
  | { kind: 'for'; name: string; items: Word[] | undefined; body: Node }
  | { kind: 'if'; branches: [Node, Node][]; otherwise?: Node };

const RESERVED = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}', ')']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peekWord(): string | undefined {
    return plainWord(this.toks[this.i]);
  }

  private isOp(op: string): boolean {
    const t = this.toks[this.i];
    return t?.kind === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.i++;
  }

  private expectWord(w: string): void {
    this.skipNewlines();
    if (this.peekWord() === w) this.i++;
  }

  /** A list ends at a reserved word, a `)` or the end. */
  list(): Node {
    const items: { node: Node; background: boolean }[] = [];
    for (;;) {
      while (this.isOp('\n') || this.isOp(';')) this.i++;
      const t = this.toks[this.i];
      if (!t || (t.kind === 'op' && t.op === ')') || RESERVED.has(this.peekWord() ?? '')) break;
      const before = this.i;
      const node = this.andOr();
      if (this.i === before) {
        this.i++; // a stray operator: skip it rather than loop
        continue;
      }
      let background = false;
      if (this.isOp('&')) {
        background = true;
        this.i++;
      }
      items.push({ node, background });
    }
    return { kind: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: ['&&' | '||', Node][] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.toks[this.i++] as { op: '&&' | '||' }).op;
      while (this.isOp('\n')) this.i++;
      rest.push([op, this.pipeline()]);
    }
    return rest.length ? { kind: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    let negate = false;
    if (this.peekWord() === '!') {
      negate = true;
      this.i++;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      cmds.push(this.command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { kind: 'pipeline', cmds, negate };
  }

  private command(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.list();
      this.expectWord('do');
      const body = this.list();
      this.expectWord('done');
      return { kind: 'loop', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? '_';
      this.i++;
      let items: Word[] | undefined;
      while (this.isOp('\n')) this.i++;
      if (this.peekWord() === 'in') {
        this.i++;
        items = [];
        while (this.toks[this.i]?.kind === 'word' && this.peekWord() !== 'do') items.push((this.toks[this.i++] as { parts: Word }).parts);
      }
      this.expectWord('do');
      const body = this.list();
      this.expectWord('done');
      return { kind: 'for', name, items, body };
    }
    if (w === 'if') {
      this.i++;
      const branches: [Node, Node][] = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = this.list();
        this.expectWord('then');
        branches.push([cond, this.list()]);
        const k = this.peekWord();
        this.i++;
        if (k === 'elif') continue;
        if (k === 'else') {
          otherwise = this.list();
          this.expectWord('fi');
        }
        break;
      }
      return { kind: 'if', branches, otherwise };
    }
    if (w === '{') {
      this.i++;
      const body = this.list();
      this.expectWord('}');
      return body;
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.list();
      if (this.isOp(')')) this.i++;
      return body;
    }
    return this.simple();
  }

  private simple(): Node {
    const assigns: [string, Word][] = [];
    const words: Word[] = [];
    let redirected = false;
    for (;;) {
      const t = this.toks[this.i];
      if (!t || t.kind === 'op') break;
      this.i++;
      if (t.kind === 'redir') {
        // `2>&1` and `>&2` have no target word; `> file` sends stdout away from the log.
        if (!/&\d$/.test(t.op)) this.i++;
        if (!t.op.startsWith('2') && !/&\d$/.test(t.op) && !t.op.startsWith('<')) redirected = true;
        continue;
      }
      const first = t.parts[0];
      const m = words.length === 0 && first.quote === 'none' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text) : null;
      if (m) {
        assigns.push([m[1], [{ text: first.text.slice(m[0].length), quote: 'none' }, ...t.parts.slice(1)]]);
        continue;
      }
      words.push(t.parts);
    }
    return { kind: 'simple', assigns, words, redirected };
  }
}

/** Parse a script into a list node. Never throws: unknown shapes become simple commands. */
export function parseScript(src: string): Node {
  return new Parser(lex(src)).list();
}
