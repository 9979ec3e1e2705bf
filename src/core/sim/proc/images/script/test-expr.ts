// `test` / `[ ]` for container scripts: string and integer comparisons, -z/-n, negation; file tests are false.

/** Exit status of `test ARGS` (0 true, 1 false, 2 malformed). */
export function testExpr(args: string[], _vars: Record<string, string>): number {
  if (args[0] === '!') return testExpr(args.slice(1), _vars) === 0 ? 1 : 0;
  if (args.length === 0) return 1;
  if (args.length === 1) return args[0] !== '' ? 0 : 1;
  if (args.length === 2) {
    if (args[0] === '-z') return args[1] === '' ? 0 : 1;
    if (args[0] === '-n') return args[1] !== '' ? 0 : 1;
    return 1; // -f, -d, -e ...: the evaluator has no files
  }
  const [a, op, b] = args;
  const n = (s: string) => Number.parseInt(s, 10);
  const table: Record<string, () => boolean> = {
    '=': () => a === b,
    '==': () => a === b,
    '!=': () => a !== b,
    '-eq': () => n(a) === n(b),
    '-ne': () => n(a) !== n(b),
    '-lt': () => n(a) < n(b),
    '-le': () => n(a) <= n(b),
    '-gt': () => n(a) > n(b),
    '-ge': () => n(a) >= n(b),
  };
  const f = table[op];
  return f ? (f() ? 0 : 1) : 2;
}
