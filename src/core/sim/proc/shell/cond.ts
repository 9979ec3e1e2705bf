// `[[ expression ]]` (bash): string, pattern (==, != through the linear glob matcher), regex (=~ through RE2, with
// BASH_REMATCH), integer (operands are arithmetic expressions), and file tests. Operands are expanded without
// field splitting or globbing. Status 0 true, 1 false, 2 for a malformed regular expression (as bash).
import { LinearRegex, RegexSyntaxError } from '../../../regex/index.ts';
import { resolvePath } from '../os/fs/paths.ts';
import { ArithError, evalArith } from './arith.ts';
import type { CondExpr, Word } from './ast.ts';
import { arithMessage, expandPattern, expandRegex, expandString, type Expander } from './expand.ts';
import { matchPattern } from './pattern.ts';

/** Evaluate a `[[ ]]` expression: 0 true, 1 false, 2 error. */
export function evalCond(expr: CondExpr, ex: Expander): number {
  const r = evaluate(expr, ex);
  return r === true ? 0 : r === false ? 1 : 2;
}

function evaluate(e: CondExpr, ex: Expander): boolean | 'error' {
  switch (e.kind) {
    case 'and': {
      const l = evaluate(e.left, ex);
      return l === true ? evaluate(e.right, ex) : l;
    }
    case 'or': {
      const l = evaluate(e.left, ex);
      return l === false ? evaluate(e.right, ex) : l;
    }
    case 'not': {
      const v = evaluate(e.expr, ex);
      return v === 'error' ? v : !v;
    }
    case 'word':
      return expandString(e.word, ex) !== '';
    case 'unary':
      return unary(e.op, expandString(e.arg, ex), ex);
    case 'binary':
      return binary(e.op, e.left, e.right, ex);
  }
}

function binary(op: string, leftWord: Word, rightWord: Word, ex: Expander): boolean | 'error' {
  const left = expandString(leftWord, ex);
  switch (op) {
    case '==':
    case '=':
      return matchPattern(expandPattern(rightWord, ex), left);
    case '!=':
      return !matchPattern(expandPattern(rightWord, ex), left);
    case '=~':
      return regexMatch(left, expandRegex(rightWord, ex), ex);
    case '<':
      return left < expandString(rightWord, ex);
    case '>':
      return left > expandString(rightWord, ex);
  }
  const right = expandString(rightWord, ex);
  const fs = ex.fs;
  const abs = (p: string): string => resolvePath(ex.shell.cwd, p);
  switch (op) {
    case '-nt':
    case '-ot': {
      const a = fs.stat(abs(left))?.mtimeMs;
      const b = fs.stat(abs(right))?.mtimeMs;
      if (a === undefined || b === undefined) return op === '-nt' ? a !== undefined : b !== undefined;
      return op === '-nt' ? a > b : a < b;
    }
    case '-ef':
      return exists(ex, left) && abs(left) === abs(right);
  }
  const a = arith(left, ex);
  const b = arith(right, ex);
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * A bad integer operand: unlike `$(( ))`, bash reports it as the `[[` command's error (`bash: line 1: [[: 08:
 * value too great for base ...`) and the command fails with 1; the line goes on.
 */
export class CondError extends Error {}

/** An integer operand: bash evaluates it as an arithmetic expression. */
function arith(text: string, ex: Expander): number {
  try {
    return evalArith(text, { get: (n) => ex.shell.get(n), set: (n, v) => ex.shell.setVar(n, v), ash: ex.shell.flavour.name === 'ash' });
  } catch (e: unknown) {
    if (e instanceof ArithError) throw new CondError(arithMessage(ex.shell, e, text));
    throw e;
  }
}

/** `=~`: POSIX ERE, leftmost-longest as regexec finds it; BASH_REMATCH holds the match and its groups. */
function regexMatch(text: string, source: string, ex: Expander): boolean | 'error' {
  let re: LinearRegex;
  try {
    re = LinearRegex.compile(source, 'ere', { longest: true });
  } catch (e: unknown) {
    if (e instanceof RegexSyntaxError) return 'error';
    throw e;
  }
  const m = re.exec(text);
  ex.shell.arrays.set('BASH_REMATCH', m ? m.groups.map((g) => g ?? '') : []);
  return m !== undefined;
}

function exists(ex: Expander, p: string): boolean {
  const abs = resolvePath(ex.shell.cwd, p);
  return p !== '' && (ex.fs.isDir(abs) || ex.fs.read(abs) !== undefined);
}

function unary(op: string, arg: string, ex: Expander): boolean {
  const fs = ex.fs;
  const abs = resolvePath(ex.shell.cwd, arg);
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-v':
      return ex.shell.get(arg) !== undefined;
    case '-o':
      return ex.shell.options.has(arg);
    case '-f':
      return arg !== '' && fs.read(abs) !== undefined && !fs.isDir(abs);
    case '-d':
      return arg !== '' && fs.isDir(abs);
    case '-s':
      return arg !== '' && ((fs.read(abs) ?? '').length > 0 || fs.isDir(abs));
    case '-x':
      return arg !== '' && (fs.isDir(abs) || ((fs.stat(abs)?.mode ?? 0) & 0o111) !== 0);
    case '-L':
    case '-h':
    case '-b':
    case '-c':
    case '-p':
    case '-S':
    case '-t':
    case '-g':
    case '-u':
    case '-k':
    case '-N':
    case '-R':
      return false;
    default:
      // -a -e -r -w -G -O: the file exists (podlab's shells run as root).
      return exists(ex, arg);
  }
}
