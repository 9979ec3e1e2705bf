// awk's grammar (the POSIX subset lessons use): pattern-action items, BEGIN/END, statements, expressions by precedence.
import { AwkSyntaxError, lexAwk, type AwkTok } from './lex.ts';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'idx'; name: string; key: Expr[] }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; pre: boolean; target: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'match'; neg: boolean; e: Expr; re: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'in'; key: Expr[]; arr: string }
  | { k: 'group'; e: Expr };

export type Stmt =
  | { k: 'print'; args: Expr[]; dest?: { append: boolean; file: Expr } }
  | { k: 'printf'; args: Expr[]; dest?: { append: boolean; file: Expr } }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; name: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; e?: Expr }
  | { k: 'delete'; name: string; key?: Expr[] }
  | { k: 'expr'; e: Expr };

export interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  /** `pat1, pat2` range patterns. */
  until?: Expr;
  action?: Stmt[];
}

export function parseAwk(src: string): Item[] {
  return new AwkParser(lexAwk(src)).program();
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);

class AwkParser {
  private i = 0;

  constructor(private readonly toks: AwkTok[]) {}

  private peek(): AwkTok {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private isKw(v: string): boolean {
    const t = this.peek();
    return t.t === 'kw' && t.v === v;
  }
  private next(): AwkTok {
    return this.toks[this.i++];
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw this.error();
    this.i++;
  }
  private error(): AwkSyntaxError {
    const t = this.peek();
    const text = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : String(t.v);
    return new AwkSyntaxError(`syntax error at or near ${text}`);
  }
  private skipNl(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.i++;
  }

  program(): Item[] {
    const items: Item[] = [];
    this.skipNl();
    while (this.peek().t !== 'eof') {
      if (this.isKw('BEGIN') || this.isKw('END')) {
        const kind = (this.next() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
        items.push({ kind, action: this.block() });
      } else if (this.isOp('{')) items.push({ kind: 'main', action: this.block() });
      else {
        const pattern = this.expr();
        let until: Expr | undefined;
        if (this.isOp(',')) {
          this.i++;
          until = this.expr();
        }
        items.push({ kind: 'main', pattern, until, action: this.isOp('{') ? this.block() : undefined });
      }
      this.skipNl();
    }
    return items;
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipNl();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') throw this.error();
      body.push(this.stmt());
      this.skipNl();
    }
    this.i++;
    return body;
  }

  private simpleOrBlock(): Stmt {
    while (this.peek().t === 'nl') this.i++;
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    return this.stmt();
  }

  private stmt(): Stmt {
    const t = this.peek();
    if (t.t === 'kw') {
      if (t.v === 'print' || t.v === 'printf') {
        this.i++;
        const args: Expr[] = [];
        const paren = this.isOp('(');
        if (!this.endOfSimple()) {
          args.push(this.expr(true));
          while (this.isOp(',')) {
            this.i++;
            args.push(this.expr(true));
          }
        }
        const unwrapped =
          paren && args.length === 1 && args[0].k === 'group' && args[0].e.k === 'bin' && args[0].e.op === ','
            ? flattenComma(args[0].e)
            : args;
        let dest: { append: boolean; file: Expr } | undefined;
        if (this.isOp('>') || this.isOp('>>')) {
          const append = (this.next() as { v: string }).v === '>>';
          dest = { append, file: this.primary() };
        }
        return { k: t.v, args: unwrapped, dest };
      }
      if (t.v === 'if') {
        this.i++;
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        const a = this.simpleOrBlock();
        const save = this.i;
        this.skipNl();
        if (this.isKw('else')) {
          this.i++;
          return { k: 'if', c, a, b: this.simpleOrBlock() };
        }
        this.i = save;
        return { k: 'if', c, a };
      }
      if (t.v === 'while') {
        this.i++;
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        return { k: 'while', c, body: this.simpleOrBlock() };
      }
      if (t.v === 'for') {
        this.i++;
        this.expect('(');
        const n = this.toks[this.i];
        const n2 = this.toks[this.i + 1];
        const n3 = this.toks[this.i + 2];
        if (n.t === 'name' && n2.t === 'kw' && n2.v === 'in' && n3.t === 'name') {
          this.i += 3;
          this.expect(')');
          return { k: 'forin', name: n.v, arr: n3.v, body: this.simpleOrBlock() };
        }
        const init = this.isOp(';') ? undefined : this.expr();
        this.expect(';');
        const c = this.isOp(';') ? undefined : this.expr();
        this.expect(';');
        const step = this.isOp(')') ? undefined : this.expr();
        this.expect(')');
        return { k: 'for', init, c, step, body: this.simpleOrBlock() };
      }
      if (t.v === 'next') {
        this.i++;
        return { k: 'next' };
      }
      if (t.v === 'exit') {
        this.i++;
        return { k: 'exit', e: this.endOfSimple() ? undefined : this.expr() };
      }
      if (t.v === 'delete') {
        this.i++;
        const name = this.next();
        if (name.t !== 'name') throw this.error();
        if (!this.isOp('[')) return { k: 'delete', name: name.v };
        this.i++;
        const key = this.exprList();
        this.expect(']');
        return { k: 'delete', name: name.v, key };
      }
      throw this.error();
    }
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    return { k: 'expr', e: this.expr() };
  }

  private endOfSimple(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || (t.t === 'op' && (t.v === ';' || t.v === '}' || t.v === '>' || t.v === '>>'));
  }

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.isOp(',')) {
      this.i++;
      list.push(this.expr());
    }
    return list;
  }

  /** An expression; `noGt` stops at `>` (output redirection in print). */
  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }

  private ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (!this.isOp('?')) return this.assignment(c, noGt);
    this.i++;
    const a = this.ternary(noGt);
    this.expect(':');
    return { k: 'cond', c, a, b: this.ternary(noGt) };
  }

  private assignment(left: Expr, noGt: boolean): Expr {
    const t = this.peek();
    if (t.t === 'op' && ASSIGN_OPS.has(t.v) && (left.k === 'var' || left.k === 'field' || left.k === 'idx')) {
      this.i++;
      return { k: 'assign', op: t.v, target: left, e: this.ternary(noGt) };
    }
    return left;
  }

  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.isOp('||')) {
      this.i++;
      while (this.peek().t === 'nl') this.i++;
      a = { k: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.isOp('&&')) {
      this.i++;
      while (this.peek().t === 'nl') this.i++;
      a = { k: 'bin', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  private inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.isKw('in')) {
      this.i++;
      const arr = this.next();
      if (arr.t !== 'name') throw this.error();
      a = { k: 'in', key: a.k === 'group' && a.e.k === 'bin' && a.e.op === ',' ? flattenComma(a.e) : [a], arr: arr.v };
    }
    return a;
  }

  private matchExpr(noGt: boolean): Expr {
    let a = this.relational(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const neg = (this.next() as { v: string }).v === '!~';
      a = { k: 'match', neg, e: a, re: this.relational(noGt) };
    }
    return a;
  }

  private relational(noGt: boolean): Expr {
    const a = this.concat();
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.v) && !(noGt && t.v === '>')) {
      this.i++;
      return { k: 'bin', op: t.v, a, b: this.concat() };
    }
    return a;
  }

  private concat(): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      const starts =
        t.t === 'num' ||
        t.t === 'str' ||
        t.t === 'name' ||
        t.t === 'func' ||
        t.t === 're' ||
        (t.t === 'op' && (t.v === '$' || t.v === '(' || t.v === '!' || t.v === '++' || t.v === '--'));
      if (!starts || (t.t === 'op' && t.v === '!' && this.toks[this.i + 1]?.t === 'op')) return a;
      a = { k: 'bin', op: 'concat', a, b: this.additive() };
    }
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { v: string }).v;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.next() as { v: string }).v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = (this.next() as { v: string }).v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.incdec();
    if (this.isOp('^')) {
      this.i++;
      return { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  private incdec(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.next() as { v: '++' | '--' }).v;
      return { k: 'incdec', op, pre: true, target: this.primary() };
    }
    const e = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && (e.k === 'var' || e.k === 'field' || e.k === 'idx')) {
      const op = (this.next() as { v: '++' | '--' }).v;
      return { k: 'incdec', op, pre: false, target: e };
    }
    return e;
  }

  primary(): Expr {
    const t = this.next();
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 're') return { k: 're', v: t.v };
    if (t.t === 'op' && t.v === '$') return { k: 'field', e: this.incdecOperand() };
    if (t.t === 'op' && t.v === '(') {
      const list = this.exprList();
      this.expect(')');
      const e = list.reduce((a, b) => ({ k: 'bin', op: ',', a, b }) as Expr);
      return { k: 'group', e };
    }
    if (t.t === 'func') {
      if (!this.isOp('(')) return { k: 'call', name: t.v, args: [] };
      this.i++;
      const args = this.isOp(')') ? [] : this.exprList();
      this.expect(')');
      return { k: 'call', name: t.v, args };
    }
    if (t.t === 'name') {
      if (this.isOp('[')) {
        this.i++;
        const key = this.exprList();
        this.expect(']');
        return { k: 'idx', name: t.v, key };
      }
      return { k: 'var', name: t.v };
    }
    this.i--;
    throw this.error();
  }

  /** What `$` applies to: a primary, with ++/-- allowed (`$i++` is `($i)++`, handled by incdec). */
  private incdecOperand(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'un', op: '-', e: this.primary() };
    }
    return this.primary();
  }
}

function flattenComma(e: Expr): Expr[] {
  if (e.k === 'bin' && e.op === ',') return [...flattenComma(e.a), ...flattenComma(e.b)];
  return [e];
}
