// Brace expansion (bash only; BusyBox ash and dash have none): `a{b,c}d`, `{1..5}`, `{a..e}`, `{01..10..3}`,
// nested. It runs first, on the word as written: only unquoted literal text takes part, so `"{a,b}"`, `'{1..3}'`,
// `${x}` and `{a}` stay as they are (bash's braces.c). The words it makes are bounded: past the value limit in
// characters in all, the line ends with `value too large`.
import type { Word, WordPart } from './ast.ts';
import { CHARS_PER_UNIT, chargeWork, checkValueSize, LimitError, VALUE_TOO_LARGE } from '../limits.ts';

/** One unquoted character, or any other part (quoted text, an expansion) that brace expansion passes over. */
type Tok = { ch: string } | { part: WordPart };

/** Most words one brace expansion makes (empty ones too, which no character count would stop). */
const MAX_WORDS = 1 << 20;

/** The words `word` expands to; the word itself when it has no brace expression. */
export function expandBraces(word: Word): Word[] {
  if (!word.parts.some((p) => p.kind === 'lit' && !p.quoted && p.text.includes('{'))) return [word];
  const toks: Tok[] = [];
  for (const p of word.parts) {
    if (p.kind === 'lit' && !p.quoted) for (const ch of p.text) toks.push({ ch });
    else toks.push({ part: p });
  }
  const counter = { words: 0, chars: 0 };
  const out = expand(toks, counter);
  if (out.length === 1) return [word];
  chargeWork(counter.chars / CHARS_PER_UNIT);
  return out.map((ts) => toWord(ts, word.text));
}

function toWord(toks: Tok[], text: string): Word {
  const parts: WordPart[] = [];
  for (const t of toks) {
    if ('part' in t) parts.push(t.part);
    else {
      const last = parts[parts.length - 1];
      if (last?.kind === 'lit' && !last.quoted) parts[parts.length - 1] = { kind: 'lit', text: last.text + t.ch, quoted: false };
      else parts.push({ kind: 'lit', text: t.ch, quoted: false });
    }
  }
  return { parts, text };
}

const isCh = (t: Tok | undefined, c: string): boolean => t !== undefined && 'ch' in t && t.ch === c;

function expand(toks: Tok[], counter: { words: number; chars: number }): Tok[][] {
  for (let open = 0; open < toks.length; open++) {
    if (!isCh(toks[open], '{') || isCh(toks[open - 1], '$')) continue;
    const found = braceBody(toks, open);
    if (!found) continue;
    const prefix = toks.slice(0, open);
    const suffixes = expand(toks.slice(found.close + 1), counter);
    const out: Tok[][] = [];
    for (const alt of found.alternatives) {
      for (const a of expand(alt, counter)) {
        for (const s of suffixes) {
          const w = [...prefix, ...a, ...s];
          counter.words++;
          counter.chars += w.length;
          if (counter.words > MAX_WORDS) throw new LimitError(VALUE_TOO_LARGE);
          checkValueSize(counter.chars);
          out.push(w);
        }
      }
    }
    return out;
  }
  return [toks];
}

/** The brace expression opening at `open`: its alternatives (a comma list or a sequence), or undefined if none. */
function braceBody(toks: Tok[], open: number): { close: number; alternatives: Tok[][] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < toks.length; i++) {
    const t = toks[i];
    if (!('ch' in t)) continue;
    if (t.ch === '\\') {
      i++;
      continue;
    }
    if (t.ch === '{' && !isCh(toks[i - 1], '$')) depth++;
    else if (t.ch === '}') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (commas.length > 0) {
        const bounds = [open, ...commas, i];
        return { close: i, alternatives: bounds.slice(1).map((b, k) => toks.slice(bounds[k] + 1, b)) };
      }
      const seq = sequence(toks.slice(open + 1, i));
      return seq ? { close: i, alternatives: seq.map((s) => [...s].map((ch) => ({ ch }))) } : undefined;
    } else if (t.ch === ',' && depth === 0) commas.push(i);
  }
  return undefined;
}

/** `{A..B[..N]}` over integers (zero-padded when either end is) or single letters; undefined if it is not one. */
function sequence(toks: Tok[]): string[] | undefined {
  if (!toks.every((t) => 'ch' in t)) return undefined;
  const text = toks.map((t) => (t as { ch: string }).ch).join('');
  const num = /^([+-]?\d+)\.\.([+-]?\d+)(?:\.\.([+-]?\d+))?$/.exec(text);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?\d+))?$/.exec(text);
  const m = num ?? chr;
  if (!m) return undefined;
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const [a, b] = num ? [Number(m[1]), Number(m[2])] : [m[1].charCodeAt(0), m[2].charCodeAt(0)];
  const count = Math.floor(Math.abs(b - a) / step) + 1;
  if (count > MAX_WORDS) throw new LimitError(VALUE_TOO_LARGE);
  // bash pads to the longer end's width when either end has a leading zero (`{01..10}`, `{-05..5}`).
  const padded = num !== null && [m[1], m[2]].some((e) => /^[+-]?0\d/.test(e));
  const width = padded ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let k = 0, v = a; k < count; k++, v += a <= b ? step : -step) {
    if (!num) out.push(String.fromCharCode(v));
    else if (width > 0) out.push(v < 0 ? `-${String(-v).padStart(width - 1, '0')}` : String(v).padStart(width, '0'));
    else out.push(String(v));
  }
  return out;
}
