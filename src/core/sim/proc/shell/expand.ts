// Word expansion: tilde, parameters, command substitution, arithmetic; then field splitting, pathname
// expansion (globbing) and quote removal, in POSIX order.
import type { FileSystem } from '../../contracts.ts';
import { CHARS_PER_UNIT, chargeWork, checkValueSize } from '../limits.ts';
import { ArithError, evalArith } from './arith.ts';
import type { ParamOp, Script, Word, WordPart } from './ast.ts';
import { expandBraces } from './brace.ts';
import { expandGlob } from './glob.ts';
import { hasGlob, replacePattern, stripPattern } from './pattern.ts';
import type { ShellState } from './shell-state.ts';

/** What expansion needs from the running shell. */
export interface Expander {
  shell: ShellState;
  fs: FileSystem;
  /** Run `$( ... )` in a subshell and return its standard output (sets $?). */
  substitute(script: Script): string;
  /** `> dir/file` creates a missing `dir` (a container's process: its image's directories are not all modelled). */
  createsParents?: boolean;
}

/**
 * A failed expansion: the command does not run; the shell prints the message. `kind` says how the shell goes
 * on: `arith` (bash discards the line, ash exits with 2), `unset` (`${x:?}` and `set -u`: a non-interactive
 * shell exits, bash with 127, ash with 2), `syntax` (ash's run-time `bad substitution`: a non-interactive shell
 * exits with 2), `other` (the command fails; a non-interactive shell exits with 1).
 */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly kind: 'arith' | 'unset' | 'syntax' | 'other' = 'other',
  ) {
    super(message);
  }
}

/** A run of text with its quoting: only unquoted results of expansions are split; only unquoted text globs. */
interface Seg {
  text: string;
  quoted: boolean;
  split: boolean;
}
/** `"$@"` separates fields even inside quotes. */
const FIELD_BREAK: Seg = { text: '', quoted: true, split: false };

/** Expand command words into argv. */
export function expandWords(words: Word[], ex: Expander): string[] {
  const out: string[] = [];
  const bash = ex.shell.flavour.name === 'bash';
  for (const w of words) for (const b of bash ? expandBraces(w) : [w]) out.push(...expandFields(b, ex));
  return out;
}

/** Expand one word into zero or more fields. */
export function expandFields(word: Word, ex: Expander): string[] {
  if (
    word.parts.length === 1 &&
    word.parts[0].kind === 'param' &&
    word.parts[0].name === '@' &&
    word.parts[0].quoted &&
    !word.parts[0].op
  ) {
    return [...ex.shell.positional];
  }
  const segs = segments(word, ex);
  const fields = splitFields(segs, ex.shell.get('IFS') ?? ' \t\n');
  const out: string[] = [];
  for (const f of fields) {
    const pattern = f.map((s) => (s.quoted ? escapeGlob(s.text) : s.text)).join('');
    const text = f.map((s) => s.text).join('');
    if (f.some((s) => !s.quoted && hasGlob(s.text))) {
      const matches = expandGlob(ex.fs, ex.shell.cwd, pattern);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(text);
  }
  return out;
}

/** Expand to one string: no splitting, no globbing (assignments, redirection targets, here-documents). */
export function expandString(word: Word, ex: Expander): string {
  return segments(word, ex)
    .map((s) => s.text)
    .join('');
}

/** Expand to a pattern for case / ${x#pat}: quoted characters are escaped so they match literally. */
export function expandPattern(word: Word, ex: Expander): string {
  return segments(word, ex)
    .map((s) => (s.quoted ? escapeGlob(s.text) : s.text))
    .join('');
}

/** Expand to a POSIX extended regular expression for `[[ x =~ RE ]]`: quoted characters match literally. */
export function expandRegex(word: Word, ex: Expander): string {
  return segments(word, ex)
    .map((s) => (s.quoted ? s.text.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&') : s.text))
    .join('');
}

/** The expanded parts of a word; a word longer than the value limit is a LimitError (`value too large`). */
function segments(word: Word, ex: Expander): Seg[] {
  const segs: Seg[] = [];
  let length = 0;
  for (const p of word.parts) {
    for (const s of partSegments(p, ex)) {
      length += s.text.length;
      checkValueSize(length);
      segs.push(s);
    }
  }
  if (length >= CHARS_PER_UNIT) chargeWork(length / CHARS_PER_UNIT);
  return segs;
}

function partSegments(p: WordPart, ex: Expander): Seg[] {
  switch (p.kind) {
    case 'lit':
      return [{ text: p.text, quoted: p.quoted, split: false }];
    case 'tilde':
      return [
        {
          text: p.user === '' ? (ex.shell.get('HOME') ?? ex.shell.home) : p.user === 'root' ? '/root' : `/home/${p.user}`,
          quoted: true,
          split: false,
        },
      ];
    case 'param': {
      if (p.name === '@' && p.quoted && !p.op) {
        const segs: Seg[] = [];
        ex.shell.positional.forEach((v, i) => {
          if (i > 0) segs.push(FIELD_BREAK);
          segs.push({ text: v, quoted: true, split: false });
        });
        return segs;
      }
      if (p.index) return [{ text: indexedValue(p.name, p.index, p.op, ex), quoted: p.quoted, split: !p.quoted }];
      return [{ text: paramValue(p.name, p.op, ex), quoted: p.quoted, split: !p.quoted }];
    }
    case 'cmdsub': {
      const out = ex.substitute(p.body).replace(/\n+$/, '');
      return [{ text: out, quoted: p.quoted, split: !p.quoted }];
    }
    case 'arith': {
      const text = expandString(p.expr, ex);
      try {
        const v = evalArith(text, {
          get: (n) => ex.shell.get(n),
          set: (n, v) => ex.shell.setVar(n, v),
          ash: ex.shell.flavour.name === 'ash',
        });
        return [{ text: String(v), quoted: p.quoted, split: !p.quoted }];
      } catch (e: unknown) {
        if (e instanceof ArithError) throw new ExpansionError(arithMessage(ex.shell, e, text), 'arith');
        throw e;
      }
    }
  }
}

/** How the shell words an arithmetic error in `text` (the expanded expression). */
export function arithMessage(sh: ShellState, e: ArithError, text: string): string {
  if (sh.flavour.name === 'dash')
    return `arithmetic expression: ${e.kind === 'divide' ? 'division by zero' : 'expecting primary'}: "${text}"`;
  return sh.flavour.name === 'bash' ? e.bashMessage(text) : e.ashMessage();
}

/** The value of $name / ${name op arg}. */
function paramValue(name: string, op: ParamOp | undefined, ex: Expander): string {
  const value = special(name, ex.shell);
  if (value === undefined && ex.shell.options.has('nounset') && (!op || op.kind !== 'default') && name !== '@' && name !== '*')
    throw new ExpansionError(`${name}: ${ex.shell.flavour.name === 'bash' ? 'unbound variable' : 'parameter not set'}`, 'unset');
  if (!op) return value ?? '';
  if (op.kind === 'length') return String((value ?? '').length);
  if (op.kind === 'strip') return stripPattern(value ?? '', expandPattern(op.arg, ex), op.op);
  if (op.kind === 'replace') return replacePattern(value ?? '', expandPattern(op.pattern, ex), expandString(op.with, ex), op.all);
  if (op.kind === 'substr') return substring(value ?? '', op.offset, op.length, ex);
  if (op.kind === 'case') return caseConvert(value ?? '', op.op, ex);
  const colon = op.op.startsWith(':');
  const missing = value === undefined || (colon && value === '');
  switch (op.op.replace(':', '')) {
    case '-':
      return missing ? expandString(op.arg, ex) : (value as string);
    case '=': {
      if (!missing) return value as string;
      const v = expandString(op.arg, ex);
      ex.shell.setVar(name, v);
      return v;
    }
    case '+':
      return missing ? '' : expandString(op.arg, ex);
    default: {
      if (!missing) return value as string;
      const msg = expandString(op.arg, ex);
      throw new ExpansionError(`${name}: ${msg || (colon ? 'parameter null or not set' : 'parameter not set')}`, 'unset');
    }
  }
}

/** BusyBox ash has no arrays nor case conversion: its parser calls them a bad substitution and the script ends. */
function bashOnly(ex: Expander): void {
  if (ex.shell.flavour.name !== 'bash') throw new ExpansionError('syntax error: bad substitution', 'syntax');
}

/** `${name[index]}` (bash): an element of an indexed array; a plain variable is its element 0. */
function indexedValue(name: string, index: Word, op: ParamOp | undefined, ex: Expander): string {
  bashOnly(ex);
  const sh = ex.shell;
  const arr = sh.arrays.get(name) ?? (sh.vars.has(name) ? [sh.vars.get(name) as string] : []);
  const sub = index.text;
  if (sub === '@' || sub === '*') {
    if (op?.kind === 'length') return String(arr.length);
    return arr.join(' ');
  }
  const i = arithValue(index, ex);
  const v = arr[i < 0 ? arr.length + i : i];
  if (op?.kind === 'length') return String((v ?? '').length);
  return v ?? '';
}

/** An arithmetic word's value (a bad expression drops the line, as in `$(( ))`). */
function arithValue(word: Word, ex: Expander): number {
  const text = expandString(word, ex);
  try {
    return evalArith(text, { get: (n) => ex.shell.get(n), set: (n, v) => ex.shell.setVar(n, v), ash: ex.shell.flavour.name === 'ash' });
  } catch (e: unknown) {
    if (e instanceof ArithError) throw new ExpansionError(arithMessage(ex.shell, e, text), 'arith');
    throw e;
  }
}

/**
 * `${v:offset:length}`: a negative offset counts from the end (past the start: empty); a negative length is an
 * end counted from the end. bash refuses an end before the offset (`N: substring expression < 0`); BusyBox ash
 * then takes the rest of the value.
 */
function substring(value: string, offsetWord: Word, lengthWord: Word | undefined, ex: Expander): string {
  let start = arithValue(offsetWord, ex);
  if (start < 0) start += value.length;
  if (start < 0 || start > value.length) return '';
  if (lengthWord === undefined) return value.slice(start);
  const len = arithValue(lengthWord, ex);
  if (len >= 0) return value.slice(start, start + len);
  const end = value.length + len;
  if (end < start) {
    if (ex.shell.flavour.name !== 'bash') return value.slice(start);
    throw new ExpansionError(`${len}: substring expression < 0`);
  }
  return value.slice(start, end);
}

/** `${v^^}` upper case, `${v^}` its first character, `${v,,}` lower case, `${v,}` its first character (bash). */
function caseConvert(value: string, op: '^^' | '^' | ',,' | ',', ex: Expander): string {
  bashOnly(ex);
  const conv = (t: string): string => (op[0] === '^' ? t.toUpperCase() : t.toLowerCase());
  return op.length === 2 ? conv(value) : conv(value.slice(0, 1)) + value.slice(1);
}

/** Special parameters ($?, $$, $#, $0, $1 ...) and variables; undefined if unset. */
function special(name: string, sh: ShellState): string | undefined {
  if (name === '?') return String(sh.status);
  if (name === '$') return String(sh.pid);
  if (name === '#') return String(sh.positional.length);
  if (name === '!') return sh.lastBackground === undefined ? '' : String(sh.lastBackground);
  if (name === '0') return sh.argv0;
  if (name === '@') return sh.positional.join(' ');
  // "$*" joins with the first character of IFS (a space when IFS is unset, nothing when it is empty).
  if (name === '*') return sh.positional.join(sh.get('IFS')?.slice(0, 1) ?? ' ');
  if (name === '-') return sh.interactive ? 'himBH' : 'hB';
  if (/^\d+$/.test(name)) return sh.positional[Number(name) - 1];
  return sh.get(name);
}

/** Split unquoted expansion results on IFS whitespace; a field made only of unquoted empties disappears. */
function splitFields(segs: Seg[], ifs: string): Seg[][] {
  const fields: Seg[][] = [];
  let cur: Seg[] = [];
  let started = false;
  const flush = (): void => {
    if (started) fields.push(cur);
    cur = [];
    started = false;
  };
  for (const s of segs) {
    if (s === FIELD_BREAK) {
      started = true;
      flush();
      continue;
    }
    if (!s.split || ifs === '') {
      cur.push(s);
      if (s.quoted || s.text !== '') started = true;
      continue;
    }
    let piece = '';
    for (const c of s.text) {
      if (ifs.includes(c)) {
        if (piece !== '') {
          cur.push({ text: piece, quoted: false, split: false });
          started = true;
          piece = '';
        }
        flush();
      } else piece += c;
    }
    if (piece !== '') {
      cur.push({ text: piece, quoted: false, split: false });
      started = true;
    }
  }
  flush();
  return fields;
}

function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}
