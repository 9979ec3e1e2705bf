// test and [ : file tests, string and integer comparisons, ! -a -o and parentheses; errors in each shell's words.
import type { FileSystem } from '../../../contracts.ts';
import { resolvePath } from '../../os/fs/paths.ts';
import type { FlavourName } from '../flavours.ts';
import type { Builtin } from './types.ts';

/** What `test` reads: the shell's flavour (for its error words), its cwd and files, and where errors go. */
export interface TestEnv {
  flavour: FlavourName;
  cwd: string;
  fs(): FileSystem;
  /** Print one error line in the shell's words; `builtin` prefixes it when the shell names the builtin. */
  error(msg: string, builtin?: string): void;
}

class TestError extends Error {
  constructor(
    readonly kind: 'integer' | 'missing-bracket' | 'unary' | 'binary' | 'too-many',
    readonly arg = '',
  ) {
    super(kind);
  }
}

/** How each shell words a test error, and whether the builtin's name prefixes it. */
function wording(flavour: FlavourName, e: TestError): { msg: string; prefixed: boolean } {
  if (flavour === 'bash') {
    const msg = {
      integer: `${e.arg}: integer expression expected`,
      'missing-bracket': "missing `]'",
      unary: `${e.arg}: unary operator expected`,
      binary: `${e.arg}: binary operator expected`,
      'too-many': 'too many arguments',
    }[e.kind];
    return { msg, prefixed: true };
  }
  if (flavour === 'dash') {
    const msg = {
      integer: `Illegal number: ${e.arg}`,
      'missing-bracket': 'missing ]',
      unary: `${e.arg}: unexpected operator`,
      binary: `${e.arg}: unexpected operator`,
      'too-many': `${e.arg}: unexpected operator`,
    }[e.kind];
    return { msg, prefixed: true };
  }
  const msg = {
    integer: `${e.arg}: bad number`,
    'missing-bracket': 'missing ]',
    unary: `${e.arg}: unknown operand`,
    binary: `${e.arg}: unknown operand`,
    'too-many': `${e.arg}: unknown operand`,
  }[e.kind];
  return { msg, prefixed: false };
}

export const test: Builtin = (call) =>
  runTest(call.argv, { flavour: call.sh.flavour.name, cwd: call.sh.cwd, fs: () => call.rt.world.fs(call.sh.host), error: call.error });

/** `test ARGS` or `[ ARGS ]` (argv[0] is the name): 0 true, 1 false, 2 an error (printed). */
export function runTest(argv: string[], call: TestEnv): number {
  const name = argv[0];
  let args = argv.slice(1);
  try {
    if (name === '[') {
      if (args[args.length - 1] !== ']') throw new TestError('missing-bracket');
      args = args.slice(0, -1);
    }
    return evaluate(args, call) ? 0 : 1;
  } catch (e: unknown) {
    if (!(e instanceof TestError)) throw e;
    const w = wording(call.flavour, e);
    call.error(w.msg, w.prefixed ? name : undefined);
    return 2;
  }
}

const UNARY_FILE: Record<string, (c: TestEnv, path: string) => boolean> = {
  '-e': (c, p) => exists(c, p),
  '-f': (c, p) => fsOf(c).read(abs(c, p)) !== undefined && !fsOf(c).isDir(abs(c, p)),
  '-d': (c, p) => fsOf(c).isDir(abs(c, p)),
  '-r': (c, p) => exists(c, p),
  '-w': (c, p) => exists(c, p),
  '-x': (c, p) => fsOf(c).isDir(abs(c, p)) || ((fsOf(c).stat(abs(c, p))?.mode ?? 0) & 0o111) !== 0,
  '-s': (c, p) => (fsOf(c).read(abs(c, p)) ?? '').length > 0 || fsOf(c).isDir(abs(c, p)),
  '-L': () => false,
  '-h': () => false,
};

const BINARY: Record<string, (a: string, b: string) => boolean> = {
  '=': (a, b) => a === b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '-eq': (a, b) => int(a) === int(b),
  '-ne': (a, b) => int(a) !== int(b),
  '-lt': (a, b) => int(a) < int(b),
  '-le': (a, b) => int(a) <= int(b),
  '-gt': (a, b) => int(a) > int(b),
  '-ge': (a, b) => int(a) >= int(b),
};

/** POSIX's rules by argument count, then a small recursive parser for -a, -o and parentheses. */
function evaluate(args: string[], c: TestEnv): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      return unary(args[0], args[1], c);
    case 3:
      if (args[1] in BINARY) return BINARY[args[1]](args[0], args[2]);
      if (args[1] === '-a' || args[1] === '-o') break;
      if (args[0] === '!') return !evaluate(args.slice(1), c);
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      throw new TestError('binary', args[1]);
    case 4:
      if (args[0] === '!') return !evaluate(args.slice(1), c);
      if (args[0] === '(' && args[3] === ')') return evaluate(args.slice(1, 3), c);
      break;
  }
  const p = { pos: 0 };
  const v = orExpr(args, p, c);
  if (p.pos < args.length) throw new TestError('too-many', args[p.pos]);
  return v;
}

function orExpr(a: string[], p: { pos: number }, c: TestEnv): boolean {
  let v = andExpr(a, p, c);
  while (a[p.pos] === '-o') {
    p.pos++;
    v = andExpr(a, p, c) || v;
  }
  return v;
}

function andExpr(a: string[], p: { pos: number }, c: TestEnv): boolean {
  let v = primary(a, p, c);
  while (a[p.pos] === '-a') {
    p.pos++;
    v = primary(a, p, c) && v;
  }
  return v;
}

function primary(a: string[], p: { pos: number }, c: TestEnv): boolean {
  const t = a[p.pos];
  if (t === '!') {
    p.pos++;
    return !primary(a, p, c);
  }
  if (t === '(') {
    p.pos++;
    const v = orExpr(a, p, c);
    if (a[p.pos] !== ')') throw new TestError('too-many', a[p.pos] ?? '(');
    p.pos++;
    return v;
  }
  if (a[p.pos + 1] !== undefined && a[p.pos + 1] in BINARY) {
    const v = BINARY[a[p.pos + 1]](t, a[p.pos + 2] ?? '');
    p.pos += 3;
    return v;
  }
  if (t !== undefined && t.length === 2 && t[0] === '-' && a[p.pos + 1] !== undefined) {
    p.pos += 2;
    return unary(t, a[p.pos - 1], c);
  }
  p.pos++;
  return (t ?? '') !== '';
}

function unary(op: string, arg: string, c: TestEnv): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  const f = UNARY_FILE[op];
  if (!f) throw new TestError('unary', op);
  return f(c, arg);
}

function int(s: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestError('integer', s);
  return Number(s);
}

function fsOf(c: TestEnv): FileSystem {
  return c.fs();
}

function abs(c: TestEnv, p: string): string {
  return resolvePath(c.cwd, p);
}

function exists(c: TestEnv, p: string): boolean {
  return p !== '' && (fsOf(c).isDir(abs(c, p)) || fsOf(c).read(abs(c, p)) !== undefined);
}
