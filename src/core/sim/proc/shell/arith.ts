// $(( ... )) arithmetic: integers, variables, the C operators (with assignment and ++/--), by precedence climbing.
import { USERLAND_LIMITS } from '../limits.ts';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** Thrown for a bad expression; the shell prints `<expr>: <message>`. */
export class ArithError extends Error {}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '&',
  '|',
  '^',
  '!',
  '~',
  '?',
  ':',
  '=',
  '(',
  ')',
  ',',
];

/** Binary operators by precedence (higher binds tighter). */
const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};

/** Evaluate an arithmetic expression (already expanded text); variables are read and assigned through `vars`. */
export function evalArith(text: string, vars: ArithVars): number {
  const toks = tokenize(text);
  if (toks.length === 0) return 0;
  const p = new ArithParser(toks, vars);
  const v = p.comma();
  if (p.pos < toks.length)
    throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${text.slice(text.indexOf(String(toks[p.pos].v)))}")`);
  return v;
}

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s|"/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(text.slice(i));
    if (num) {
      const s = num[1];
      out.push({ k: 'num', v: /^0[xX]/.test(s) ? parseInt(s, 16) : s.length > 1 && s[0] === '0' ? parseInt(s, 8) : Number(s) });
      i += s.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: operand expected (error token is "${text.slice(i)}")`);
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

/** How deep the expression being evaluated now nests (bash stops at its own limit with the same words). */
let arithDepth = 0;

class ArithParser {
  pos = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly vars: ArithVars,
  ) {}

  private peekOp(): string | undefined {
    const t = this.toks[this.pos];
    return t?.k === 'op' ? t.v : undefined;
  }

  comma(): number {
    let v = this.assign();
    while (this.peekOp() === ',') {
      this.pos++;
      v = this.assign();
    }
    return v;
  }

  private assign(): number {
    const t = this.toks[this.pos];
    const op = this.toks[this.pos + 1];
    if (t?.k === 'name' && op?.k === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].includes(op.v)) {
      this.pos += 2;
      const rhs = this.assign();
      const v = op.v === '=' ? rhs : apply(op.v.slice(0, -1), this.read(t.v), rhs);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const cond = this.binary(1);
    if (this.peekOp() !== '?') return cond;
    this.pos++;
    const a = this.assign();
    if (this.peekOp() !== ':') throw new ArithError("syntax error: `:' expected for conditional expression");
    this.pos++;
    const b = this.assign();
    return cond !== 0 ? a : b;
  }

  private binary(minPrec: number): number {
    let left = this.unary();
    for (;;) {
      const op = this.peekOp();
      const prec = op === undefined ? undefined : BINARY[op];
      if (op === undefined || prec === undefined || prec < minPrec) return left;
      this.pos++;
      const right = this.binary(op === '**' ? prec : prec + 1);
      left = apply(op, left, right);
    }
  }

  /** Every nesting (parentheses, prefix operators, `**` chains, variables naming expressions) passes here. */
  private unary(): number {
    if (arithDepth >= USERLAND_LIMITS.maxNesting) throw new ArithError('expression recursion level exceeded');
    arithDepth++;
    try {
      return this.unaryAt();
    } finally {
      arithDepth--;
    }
  }

  private unaryAt(): number {
    const op = this.peekOp();
    if (op === '-' || op === '+' || op === '!' || op === '~') {
      this.pos++;
      const v = this.unary();
      return op === '-' ? -v : op === '+' ? v : op === '!' ? Number(v === 0) : ~v;
    }
    if (op === '++' || op === '--') {
      this.pos++;
      const t = this.toks[this.pos++];
      if (t?.k !== 'name') throw new ArithError('syntax error: operand expected');
      const v = this.read(t.v) + (op === '++' ? 1 : -1);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.postfix();
  }

  private postfix(): number {
    const t = this.toks[this.pos++];
    if (!t) throw new ArithError('syntax error: operand expected (error token is "")');
    if (t.k === 'num') return t.v;
    if (t.k === 'name') {
      const v = this.read(t.v);
      const op = this.peekOp();
      if (op === '++' || op === '--') {
        this.pos++;
        this.vars.set(t.v, String(v + (op === '++' ? 1 : -1)));
      }
      return v;
    }
    if (t.v === '(') {
      const v = this.comma();
      if (this.peekOp() !== ')') throw new ArithError("syntax error: missing `)'");
      this.pos++;
      return v;
    }
    throw new ArithError(`syntax error: operand expected (error token is "${t.v}")`);
  }

  /** A variable's numeric value: unset or empty is 0; its text is itself an expression. */
  private read(name: string): number {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^-?\d+$/.test(raw.trim())) return Number(raw.trim());
    return evalArith(raw, this.vars);
  }
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError('division by 0 (error token is "0")');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '<':
      return Number(a < b);
    case '>':
      return Number(a > b);
    case '<=':
      return Number(a <= b);
    case '>=':
      return Number(a >= b);
    case '==':
      return Number(a === b);
    case '!=':
      return Number(a !== b);
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&&':
      return Number(a !== 0 && b !== 0);
    case '||':
      return Number(a !== 0 || b !== 0);
    default:
      throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${op}")`);
  }
}
