// Shell patterns (`*`, `?`, `[...]`) as used by case, ${x#pat} and pathname expansion, compiled to RegExp.
// A pattern string marks quoted characters with a backslash before them (expandPattern does that).
import { POSIX_CLASSES } from '../bin/coreutils/regex.ts';

/** True if the pattern has an unescaped `*`, `?` or a bracket expression (`[` with its `]`; a lone `[` is text). */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || (c === '[' && classEnd(pattern, i) > 0)) return true;
  }
  return false;
}

/** The regex source for a pattern; `pathname` keeps `*` and `?` from matching `/`. */
export function patternSource(pattern: string, options: { pathname?: boolean; lazy?: boolean } = {}): string {
  const any = options.pathname ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i]);
    } else if (c === '*') out += `${any}*${options.lazy ? '?' : ''}`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) out += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        let negate = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          negate = true;
          body = body.slice(1);
        }
        body = body
          .replace(/\[:([a-z]+):\]/g, (m, cls: string) => POSIX_CLASSES[cls] ?? m)
          .replace(/\\(.)/g, (_m, ch: string) => escapeRegex(ch))
          .replace(/^\]/, '\\]');
        out += `[${negate ? '^' : ''}${body}]`;
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

/** Whole-string match of a shell pattern. */
export function matchPattern(pattern: string, text: string): boolean {
  return new RegExp(`^${patternSource(pattern)}$`).test(text);
}

/** Remove the shortest/longest prefix (`#`/`##`) or suffix (`%`/`%%`) matching the pattern. */
export function stripPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const src = patternSource(pattern);
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? range(0, value.length) : range(0, value.length).reverse();
    for (const n of lengths) if (new RegExp(`^${src}$`).test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = op === '%' ? range(0, value.length).reverse() : range(0, value.length);
  for (const s of starts) if (new RegExp(`^${src}$`).test(value.slice(s))) return value.slice(0, s);
  return value;
}

/** Replace the first (or every) longest match of a pattern. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const re = new RegExp(patternSource(pattern), all ? 'g' : '');
  return value.replace(re, () => replacement);
}

function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

function escapeRegex(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
