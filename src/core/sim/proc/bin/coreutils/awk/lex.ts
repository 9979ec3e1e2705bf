// awk's tokens: numbers, strings, regex literals (where an operand may start), names, keywords, operators.

export type AwkTok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'name'; v: string }
  | { t: 'func'; v: string }
  | { t: 'kw'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' }
  | { t: 'eof' };

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'print',
  'printf',
  'if',
  'else',
  'while',
  'for',
  'do',
  'next',
  'exit',
  'in',
  'delete',
  'getline',
  'function',
  'return',
]);
const FUNCS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'tolower',
  'toupper',
  'sprintf',
  'int',
  'sub',
  'gsub',
  'match',
  'sqrt',
  'rand',
  'srand',
  'system',
]);
const OPS = [
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '!~',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '>>',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

/** Tokens after which `/` divides; elsewhere it starts a regex literal. */
function endsOperand(t: AwkTok | undefined): boolean {
  if (!t) return false;
  if (t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 're') return true;
  return t.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '$' || t.v === '++' || t.v === '--');
}

export function lexAwk(src: string): AwkTok[] {
  const out: AwkTok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || (c === '\\' && src[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*(e[+-]?\d+)?|\.\d+)/i.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const e = src[++i];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[e] ?? `\\${e}`;
        } else s += src[i];
        i++;
      }
      if (src[i] !== '"') throw new AwkSyntaxError('runaway string constant');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && !endsOperand(out[out.length - 1])) {
      let re = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          re += '/';
          i += 2;
        } else re += src[i++];
      }
      if (src[i] !== '/') throw new AwkSyntaxError('runaway regular expression');
      i++;
      out.push({ t: 're', v: re });
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      const v = name[0];
      out.push(KEYWORDS.has(v) ? { t: 'kw', v } : FUNCS.has(v) ? { t: 'func', v } : { t: 'name', v });
      i += v.length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`syntax error at or near ${c}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'eof' });
  return out;
}
