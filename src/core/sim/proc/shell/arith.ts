// $(( ... )) arithmetic: integers, variables, the C operators (with assignment and ++/--), by precedence climbing.
import { USERLAND_LIMITS } from '../limits.ts';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** BusyBox ash's evaluator: a `?:` inside the middle of another (outside parentheses) is `malformed ?: operator`. */
  ash?: boolean;
}

/**
 * Thrown for a bad expression. bash prints `<expr>: <message> (error token is "<token>")` (expr.c evalerror: the
 * expression without its leading blanks; the token is the text from the last token read); BusyBox ash prints
 * one line by kind (`arithmetic syntax error`, `divide by zero`, `exponent less than 0`).
 */
export class ArithError extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'divide' | 'exponent' | 'ternary' = 'syntax',
    /** The error token (bash's lasttp); undefined for messages bash prints without one. */
    readonly token?: string,
    /** Where bash cuts the expression it prints (a bad constant: right after it), else the whole text. */
    readonly exprEnd?: number,
  ) {
    super(message);
  }

  /** The whole message bash prints after `bash: line N: ` for the expression `text`. */
  bashMessage(text: string): string {
    const expr = text.slice(0, this.exprEnd).replace(/^[ \t\n]+/, '');
    return this.token === undefined ? `${expr}: ${this.message}` : `${expr}: ${this.message} (error token is "${this.token}")`;
  }

  /** The message BusyBox ash (and, worded alike, dash's parent) prints. */
  ashMessage(): string {
    if (this.kind === 'divide') return 'divide by zero';
    if (this.kind === 'exponent') return 'exponent less than 0';
    if (this.kind === 'ternary') return 'malformed ?: operator';
    return this.message === 'expression recursion level exceeded' ? this.message : 'arithmetic syntax error';
  }
}

type Tok = ({ k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string }) & { start: number };

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

const ASSIGN_OPS = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='];

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
  const p = new ArithParser(text, toks, vars);
  const v = p.comma();
  if (p.pos < toks.length) {
    const op = toks[p.pos];
    throw p.error(op.k === 'op' && ASSIGN_OPS.includes(op.v) ? 'attempted assignment to non-variable' : 'syntax error in expression');
  }
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
    // bash's readtok: a number is a run of letters, digits, `#`, `@` and `_` after a digit; strlong checks it.
    const num = /^[0-9][0-9A-Za-z#@_]*/.exec(text.slice(i));
    if (num) {
      out.push({ k: 'num', v: strlong(num[0], i + num[0].length), start: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      out.push({ k: 'name', v: name[0], start: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new ArithError('syntax error: invalid arithmetic operator', 'syntax', text.slice(i));
    out.push({ k: 'op', v: op, start: i });
    i += op.length;
  }
  return out;
}

/**
 * A numeric constant as bash's strlong reads it: `0x1f`, `017`, `BASE#DIGITS` (bases 2 to 64), else decimal.
 * A bad one is named as its own error token, in the expression cut right after it (`3 + 8#9: value too great
 * for base (error token is "8#9")`); `end` is that cut.
 */
function strlong(s: string, end: number): number {
  const bad = (msg: string): ArithError => new ArithError(msg, 'syntax', s, end);
  let base = 10;
  let i = 0;
  let foundBase = false;
  if (s[0] === '0') {
    i = 1;
    if (s.length === 1) return 0;
    if (s[1] === 'x' || s[1] === 'X') {
      base = 16;
      i = 2;
    } else base = 8;
    foundBase = true;
  }
  let val = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '#') {
      if (foundBase) throw bad('invalid number');
      if (val < 2 || val > 64) throw bad('invalid arithmetic base');
      base = val;
      val = 0;
      foundBase = true;
      if (!/[0-9A-Za-z@_]/.test(s[i + 1] ?? '')) throw bad('invalid integer constant');
      continue;
    }
    const code = c.charCodeAt(0);
    let d: number;
    if (c >= '0' && c <= '9') d = code - 48;
    else if (c >= 'a' && c <= 'z') d = code - 97 + 10;
    else if (c >= 'A' && c <= 'Z') d = code - 65 + (base <= 36 ? 10 : 36);
    else d = c === '@' ? 62 : 63;
    if (d >= base) throw bad('value too great for base');
    val = val * base + d;
  }
  return val;
}

/** How deep the expression being evaluated now nests (bash stops at its own limit with the same words). */
let arithDepth = 0;

class ArithParser {
  pos = 0;
  /** How many `?:` middles (outside parentheses) are being read now; only counted for ash. */
  private inMiddle = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Tok[],
    private readonly vars: ArithVars,
  ) {}

  /** An error at the last token read (bash's lasttp: the lookahead, or the last token once the input is spent). */
  error(msg: string, kind: ArithError['kind'] = 'syntax'): ArithError {
    const t = this.toks[Math.min(this.pos, this.toks.length - 1)];
    return new ArithError(msg, kind, t ? this.text.slice(t.start) : '');
  }

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
    if (t?.k === 'name' && op?.k === 'op' && ASSIGN_OPS.includes(op.v)) {
      this.pos += 2;
      const rhs = this.assign();
      const v = op.v === '=' ? rhs : this.apply(op.v.slice(0, -1), this.read(t.v), rhs);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const cond = this.binary(1);
    if (this.peekOp() !== '?') return cond;
    if (this.inMiddle > 0) throw this.error('malformed ?: operator', 'ternary');
    this.pos++;
    if (this.pos >= this.toks.length || this.peekOp() === ':') throw this.error('expression expected');
    if (this.vars.ash) this.inMiddle++;
    let a: number;
    try {
      a = this.comma();
    } finally {
      if (this.vars.ash) this.inMiddle--;
    }
    if (this.peekOp() !== ':') throw this.error("`:' expected for conditional expression", 'ternary');
    this.pos++;
    if (this.pos >= this.toks.length) throw this.error('expression expected');
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
      const after = this.pos;
      const right = this.binary(op === '**' ? prec : prec + 1);
      left = this.apply(op, left, right, after);
    }
  }

  /** Every nesting (parentheses, prefix operators, `**` chains, variables naming expressions) passes here. */
  private unary(): number {
    if (arithDepth >= USERLAND_LIMITS.maxNesting) throw this.error('expression recursion level exceeded');
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
    if ((op === '++' || op === '--') && this.toks[this.pos + 1]?.k !== 'name') {
      // bash: `++1` is two unary pluses, `--1` two minuses: the value itself.
      this.pos++;
      return this.unary();
    }
    if (op === '++' || op === '--') {
      this.pos++;
      const t = this.toks[this.pos++] as { v: string };
      const v = this.read(t.v) + (op === '++' ? 1 : -1);
      this.vars.set(t.v, String(v));
      return v;
    }
    return this.postfix();
  }

  private postfix(): number {
    const t = this.toks[this.pos];
    if (!t || (t.k === 'op' && t.v !== '(')) throw this.error('syntax error: operand expected');
    this.pos++;
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
      const middle = this.inMiddle;
      this.inMiddle = 0;
      let v: number;
      try {
        v = this.comma();
      } finally {
        this.inMiddle = middle;
      }
      if (this.peekOp() !== ')') throw this.error("missing `)'");
      this.pos++;
      return v;
    }
    throw this.error('syntax error: operand expected');
  }

  /** `a op b`; `after` is the index of the token after a binary operator (bash names a zero divisor from there). */
  apply(op: string, a: number, b: number, after?: number): number {
    if ((op === '/' || op === '%') && b === 0) {
      if (after === undefined) throw this.error('division by 0', 'divide');
      throw new ArithError(
        'division by 0',
        'divide',
        this.text.slice(this.toks[after]?.start ?? this.text.length).replace(/^[ \t\n]+/, ''),
      );
    }
    if (op === '**' && b < 0) throw this.error('exponent less than 0', 'exponent');
    return apply(op, a, b);
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
      throw new ArithError('syntax error: invalid arithmetic operator', 'syntax', op);
  }
}
