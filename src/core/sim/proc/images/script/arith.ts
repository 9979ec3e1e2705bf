// $(( ... )) for container scripts: integers, + - * / %, comparisons, parentheses and variables.

/** Evaluate an arithmetic expression; unknown variables are 0, malformed input gives 0 (a lenient sh). */
export function arith(expr: string, vars: Record<string, string>): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const value = (t: string): number => (/^\d/.test(t) ? Number(t) : Number.parseInt(vars[t] ?? '0', 10) || 0);
  const primary = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    return t === undefined ? 0 : value(t);
  };
  const level = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = next();
    while (toks[i] !== undefined && ops[toks[i]]) {
      const op = ops[toks[i++]];
      v = op(v, next());
    }
    return v;
  };
  const mul = level(primary, {
    '*': (a, b) => a * b,
    '/': (a, b) => (b === 0 ? 0 : Math.trunc(a / b)),
    '%': (a, b) => (b === 0 ? 0 : a % b),
  });
  const add = level(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = level(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = level(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = level(eq, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const or = level(and, { '||': (a, b) => +(a !== 0 || b !== 0) });
  return or();
}
