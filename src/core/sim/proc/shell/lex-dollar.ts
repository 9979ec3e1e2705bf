// Lexing what follows `$`: $NAME, $1, $?, ${NAME...}, $(cmd), $((expr)), $'ansi-c'.
import type { ParamOp, Word, WordPart } from './ast.ts';
import { pushLit } from './ast.ts';
import type { Lexer } from './lexer.ts';
import { nested } from './nesting.ts';
import { ShellSyntaxError } from './syntax.ts';

const SPECIAL_PARAMS = '?$#!@*-0123456789';

/** Read an expansion at `lx.pos` (which is at `$`). A `$` that starts nothing is a literal dollar. */
export function readDollar(lx: Lexer, quoted: boolean): WordPart {
  return nested(() => readDollarAt(lx, quoted));
}

function readDollarAt(lx: Lexer, quoted: boolean): WordPart {
  const src = lx.src;
  const n = src[lx.pos + 1];
  if (n === '(' && src[lx.pos + 2] === '(') return readArith(lx, quoted);
  if (n === '(') {
    const r = lx.sub.paren(src, lx.pos + 2, lx.line);
    lx.pos = r.end + 1;
    lx.line = r.line;
    return { kind: 'cmdsub', body: r.script, quoted };
  }
  if (n === '{') return readBraced(lx, quoted);
  if (n !== undefined && /[A-Za-z_]/.test(n)) {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(lx.pos + 1)) as RegExpExecArray;
    lx.pos += 1 + m[0].length;
    return { kind: 'param', name: m[0], quoted };
  }
  if (n !== undefined && SPECIAL_PARAMS.includes(n)) {
    lx.pos += 2;
    return { kind: 'param', name: n, quoted };
  }
  if (n === "'" && !quoted) return readAnsiC(lx);
  lx.pos++;
  return { kind: 'lit', text: '$', quoted };
}

/** `${...}`: a name, an optional operator and its word, up to the matching `}`. */
function readBraced(lx: Lexer, quoted: boolean): WordPart {
  const src = lx.src;
  const line = lx.line;
  lx.pos += 2;
  let length = false;
  if (src[lx.pos] === '#' && src[lx.pos + 1] !== '}') {
    length = true;
    lx.pos++;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*-])/.exec(src.slice(lx.pos));
  if (!m) throw badSubstitution(lx, line);
  const name = m[1];
  lx.pos += name.length;
  let index: Word | undefined;
  if (src[lx.pos] === '[' && /^[A-Za-z_]/.test(name)) {
    // `${name[sub]}`: the subscript runs to the matching `]`.
    let depth = 0;
    let i = lx.pos + 1;
    for (; i < src.length && src[i] !== '}'; i++) {
      if (src[i] === '[') depth++;
      else if (src[i] === ']' && depth-- === 0) break;
    }
    if (src[i] !== ']') throw badSubstitution(lx, line);
    const sub = src.slice(lx.pos + 1, i);
    index =
      sub === '@' || sub === '*' ? { parts: [{ kind: 'lit', text: sub, quoted: true }], text: sub } : arithWord(lx, lx.pos + 1, sub, line);
    lx.pos = i + 1;
  }
  let op: ParamOp | undefined = length ? { kind: 'length' } : undefined;
  if (!length) {
    const om = /^(:-|:=|:\+|:\?|:|-|=|\+|\?|##|#|%%|%|\/\/|\/|\^\^|\^|,,|,)/.exec(src.slice(lx.pos));
    if (om) {
      lx.pos += om[1].length;
      if (om[1] === ':') op = readSubstring(lx, line);
      else if (om[1] === '^^' || om[1] === '^' || om[1] === ',,' || om[1] === ',') op = { kind: 'case', op: om[1] };
      else op = readOperand(lx, om[1], quoted);
    }
  }
  if (src[lx.pos] !== '}') {
    if (lx.pos >= src.length) throw new ShellSyntaxError({ kind: 'unterminated', what: '}', line });
    throw badSubstitution(lx, line);
  }
  lx.pos++;
  return index ? { kind: 'param', name, quoted, op, index } : { kind: 'param', name, quoted, op };
}

/** `:offset[:length]}` after the name: arithmetic texts that end at a `:` or `}` outside parentheses. */
function readSubstring(lx: Lexer, line: number): ParamOp {
  const src = lx.src;
  const part = (): Word => {
    let depth = 0;
    let i = lx.pos;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth <= 0 && (c === ':' || c === '}')) break;
    }
    if (i >= src.length) throw new ShellSyntaxError({ kind: 'unterminated', what: '}', line });
    const w = arithWord(lx, lx.pos, src.slice(lx.pos, i), line);
    lx.pos = i;
    return w;
  };
  const offset = part();
  if (src[lx.pos] !== ':') return { kind: 'substr', offset };
  lx.pos++;
  return { kind: 'substr', offset, length: part() };
}

function readOperand(lx: Lexer, op: string, quoted: boolean): ParamOp {
  if (op === '/' || op === '//') {
    const pattern = readUntil(lx, quoted, '/');
    let replacement: Word = { parts: [], text: '' };
    if (lx.src[lx.pos] === '/') {
      lx.pos++;
      replacement = lx.readWord(true, quoted);
    }
    return { kind: 'replace', all: op === '//', pattern, with: replacement };
  }
  const arg = lx.readWord(true, quoted);
  if (op === '#' || op === '##' || op === '%' || op === '%%') return { kind: 'strip', op, arg };
  return { kind: 'default', op: op as Extract<ParamOp, { kind: 'default' }>['op'], arg };
}

/** A word up to an unquoted `stop` character or `}` (for `${x/pat/rep}`). */
function readUntil(lx: Lexer, quoted: boolean, stop: string): Word {
  const start = lx.pos;
  const end = lx.src.indexOf(stop, lx.pos);
  const brace = lx.src.indexOf('}', lx.pos);
  const cut = end >= 0 && (brace < 0 || end < brace) ? end : brace < 0 ? lx.src.length : brace;
  const text = lx.src.slice(start, cut);
  lx.pos = cut;
  return { parts: [{ kind: 'lit', text, quoted }], text };
}

/** `$(( expr ))`: the expression is kept as a word (its `$x` and `$(..)` expand before evaluation). */
function readArith(lx: Lexer, quoted: boolean): WordPart {
  const src = lx.src;
  const line = lx.line;
  let depth = 0;
  let i = lx.pos + 3;
  for (; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  if (i >= src.length || src[i + 1] !== ')') throw new ShellSyntaxError({ kind: 'unterminated', what: ')', line });
  const expr = arithWord(lx, lx.pos + 3, src.slice(lx.pos + 3, i), line);
  lx.pos = i + 2;
  return { kind: 'arith', expr, quoted };
}

/** The arithmetic text at `start` of the source as a word: its `$x` and `$(..)` expand before evaluation. */
function arithWord(lx: Lexer, start: number, text: string, line: number): Word {
  const parts: WordPart[] = [];
  for (let j = 0; j < text.length;) {
    if (text[j] === '$') {
      const inner = lx.at(start + j, line);
      parts.push(readDollar(inner, true));
      j = inner.pos - start;
    } else {
      pushLit(parts, text[j], true);
      j++;
    }
  }
  return { parts, text };
}

/** `$'...'`: backslash escapes as in C. */
function readAnsiC(lx: Lexer): WordPart {
  const src = lx.src;
  const line = lx.line;
  let i = lx.pos + 2;
  let out = '';
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '?': '?',
  };
  for (;;) {
    if (i >= src.length) throw new ShellSyntaxError({ kind: 'unterminated', what: "'", line });
    const c = src[i];
    if (c === "'") break;
    if (c === '\\' && i + 1 < src.length) {
      const e = src[i + 1];
      if (e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i + 2));
        out += m ? String.fromCharCode(parseInt(m[0], 16)) : '\\x';
        i += 2 + (m ? m[0].length : 0);
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(src.slice(i + 1)) as RegExpExecArray;
        out += String.fromCharCode(parseInt(m[0], 8));
        i += 1 + m[0].length;
      } else {
        out += '\\' + e;
        i += 2;
      }
    } else {
      out += c;
      i++;
    }
  }
  lx.pos = i + 1;
  return { kind: 'lit', text: out, quoted: true };
}

function badSubstitution(lx: Lexer, line: number): ShellSyntaxError {
  // bash reports `${...}: bad substitution` at run time; treating it as a syntax error keeps the parser simple.
  const end = lx.src.indexOf('}', lx.pos);
  const token = end < 0 ? '}' : lx.src.slice(lx.pos, end + 1);
  return new ShellSyntaxError({ kind: 'unexpected', token, line });
}
