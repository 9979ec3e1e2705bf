// printf(1)'s format language, shared by the shell builtin and /usr/bin/printf: %s %d %i %u %x %X %o %c %b %f %e %g %%,
// flags, width, precision, and backslash escapes; the format is reused while arguments remain.
import { checkValueSize } from '../limits.ts';

/** Backslash escapes as echo -e and printf %b understand them; `stop` is set by \c. */
export function unescape(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i];
    const simple: Record<string, string> = { '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (e in simple) out += simple[e];
    else if (e === 'c') return { text: out, stop: true };
    else if (octalNeedsZero ? e === '0' : /[0-7]/.test(e)) {
      // echo -e and %b take \0nnn; printf's format takes \nnn.
      const start = octalNeedsZero ? i + 1 : i;
      const m = /^[0-7]{0,3}/.exec(text.slice(start)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0] || '0', 8) & 0xff);
      i = start + m[0].length - 1;
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else out += '\\' + e;
  }
  return { text: out, stop: false };
}

export interface PrintfResult {
  out: string;
  /** Messages for arguments that were not numbers ("invalid number"), without program prefix. */
  errors: string[];
}

/** Format like printf(1). */
export function formatPrintf(format: string, args: string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdiuxXocbfeEgG%])/g;
  do {
    let last = 0;
    let consumed = false;
    let stopped = false;
    spec.lastIndex = 0;
    for (let m = spec.exec(format); m; m = spec.exec(format)) {
      out += unescape(format.slice(last, m.index), false).text;
      last = spec.lastIndex;
      const [, flags, w, p, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? Number(args[ai++] ?? 0) : w ? Number(w) : 0;
      // A precision or width past the value limit is refused before anything is built (LimitError).
      const prec = p === '*' ? Number(args[ai++] ?? 0) : p !== undefined ? Number(p) : undefined;
      checkValueSize(Math.max(width, prec ?? 0, 0));
      const arg = args[ai++];
      consumed = true;
      let s: string;
      if (conv === 's') s = prec !== undefined ? (arg ?? '').slice(0, prec) : (arg ?? '');
      else if (conv === 'b') {
        const u = unescape(arg ?? '', true);
        s = u.text;
        if (u.stop) {
          out += pad(s, width, flags);
          stopped = true;
          break;
        }
      } else if (conv === 'c') s = (arg ?? '').slice(0, 1);
      else s = formatNumber(conv, flags, prec, arg, errors);
      checkValueSize(out.length + Math.max(width, s.length));
      out += pad(s, width, flags.includes('0') && !flags.includes('-') && conv !== 's' && conv !== 'c' ? flags : flags.replace('0', ''));
    }
    if (stopped) break;
    out += unescape(format.slice(last), false).text;
    checkValueSize(out.length);
    if (!consumed) break;
  } while (ai < args.length);
  return { out, errors };
}

function formatNumber(conv: string, flags: string, precision: number | undefined, arg: string | undefined, errors: string[]): string {
  // JavaScript formats at most 100 digits (toFixed/toExponential/toPrecision throw past it).
  const prec = precision === undefined ? undefined : Math.min(Math.max(0, precision), 100);
  const raw = (arg ?? '').trim();
  let n: number;
  if (raw === '') n = 0;
  else if (/^['"]/.test(raw)) n = raw.charCodeAt(1) || 0;
  else if (/^[+-]?(0x[0-9a-f]+|\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(raw)) n = Number(raw);
  else {
    errors.push(`${arg}: invalid number`);
    n = parseFloat(raw) || 0;
  }
  const sign = (v: number, text: string): string => (v >= 0 && flags.includes('+') ? '+' : v >= 0 && flags.includes(' ') ? ' ' : '') + text;
  if (conv === 'd' || conv === 'i') return sign(n, String(Math.trunc(n)));
  if (conv === 'u') return String(Math.trunc(n) >>> 0);
  if (conv === 'x' || conv === 'X') {
    const t = (Math.trunc(n) >>> 0).toString(16);
    return (flags.includes('#') && n !== 0 ? '0x' : '') + (conv === 'X' ? t.toUpperCase() : t);
  }
  if (conv === 'o') return (flags.includes('#') ? '0' : '') + (Math.trunc(n) >>> 0).toString(8);
  if (conv === 'f') return sign(n, n.toFixed(prec ?? 6));
  if (conv === 'e' || conv === 'E') {
    const t = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
    return sign(n, conv === 'E' ? t.toUpperCase() : t);
  }
  const g = Number(n.toPrecision(prec || 6)).toString();
  return sign(n, conv === 'G' ? g.toUpperCase() : g);
}

function pad(s: string, width: number, flags: string): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0')) {
    const neg = /^[+-]/.test(s) ? s[0] : '';
    return neg + '0'.repeat(width - s.length) + s.slice(neg.length);
  }
  return ' '.repeat(width - s.length) + s;
}
