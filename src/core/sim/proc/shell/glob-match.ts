// Shell patterns (`*`, `?`, `[...]`) matched by simulating their NFA: the time is O(text × pattern) for any
// pattern, never exponential. A backtracking RegExp took seconds on `${s//*a*a*a*b/x}` over 256 characters and
// could not be interrupted; here each call also has a work limit, past which it is a LimitError.
// A pattern string marks quoted characters with a backslash before them (expandPattern does that).
import { chargeWork, LimitError } from '../limits.ts';
import { POSIX_CLASSES } from '../bin/coreutils/regex.ts';

type Token = { k: 'lit'; c: string } | { k: 'any' } | { k: 'star' } | { k: 'class'; test: (c: string) => boolean };

/** A compiled pattern: its tokens; state i is "before token i", state tokens.length accepts. */
export interface Glob {
  readonly tokens: readonly Token[];
  /** `*` and `?` do not match `/` (pathname expansion). */
  readonly pathname: boolean;
  /** The text itself when the pattern has no wildcard at all. */
  readonly literal?: string;
}

/** NFA transitions one call may take: about a second of work; hostile patterns end with a message instead. */
const MAX_WORK = 50_000_000;

/** The message when a pattern needs more work than MAX_WORK. */
export const PATTERN_TOO_COMPLEX = 'pattern too complex for this value (work limit reached)';

/** The index of the `]` closing a bracket expression opened at `start`, or -1 (a lone `[` is text). */
export function classEnd(pattern: string, start: number): number {
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

/** Compile a shell pattern. */
export function compileGlob(pattern: string, options: { pathname?: boolean } = {}): Glob {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) tokens.push({ k: 'lit', c: pattern[++i] });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.k !== 'star') tokens.push({ k: 'star' }); // `**` is `*`
    } else if (c === '?') tokens.push({ k: 'any' });
    else if (c === '[' && classEnd(pattern, i) > 0) {
      const end = classEnd(pattern, i);
      tokens.push({ k: 'class', test: bracketTest(pattern.slice(i + 1, end)) });
      i = end;
    } else tokens.push({ k: 'lit', c });
  }
  const literal = tokens.every((t) => t.k === 'lit') ? tokens.map((t) => (t as { c: string }).c).join('') : undefined;
  return { tokens, pathname: options.pathname ?? false, literal };
}

/** A bracket expression's body (`a-z`, `!0-9`, `[:alpha:]_`) as a test of one character. */
function bracketTest(body: string): (c: string) => boolean {
  let negate = false;
  if (body.startsWith('!') || body.startsWith('^')) {
    negate = true;
    body = body.slice(1);
  }
  const source = body
    .replace(/\[:([a-z]+):\]/g, (m, cls: string) => POSIX_CLASSES[cls] ?? m)
    .replace(/\\(.)/g, (_m, ch: string) => ch.replace(/[\\\]^-]/, '\\$&'))
    .replace(/^\]/, '\\]');
  // One character class against one character: constant time, whatever the class.
  const re = new RegExp(`^[${negate ? '^' : ''}${source}]$`);
  const memo = new Map<string, boolean>();
  return (c) => {
    let hit = memo.get(c);
    if (hit === undefined) {
      hit = re.test(c);
      if (memo.size < 4096) memo.set(c, hit);
    }
    return hit;
  };
}

function consumes(t: Token, c: string, pathname: boolean): boolean {
  switch (t.k) {
    case 'lit':
      return t.c === c;
    case 'any':
    case 'star':
      return !(pathname && c === '/');
    case 'class':
      return t.test(c);
  }
}

/** Transitions charged to the running line at a time. */
const CHARGE_EVERY = 10_000;

/** Counts NFA transitions of one call (throws LimitError past MAX_WORK) and holds the state sets it reuses. */
class Work {
  private n = 0;
  private pending = 0;
  cur = new Uint8Array(0);
  next = new Uint8Array(0);

  add(k: number): void {
    this.n += k;
    if (this.n > MAX_WORK) throw new LimitError(PATTERN_TOO_COMPLEX);
    this.pending += k;
    if (this.pending >= CHARGE_EVERY) {
      // The line pays for matching from its step budget, so many cheap calls in a loop end like any long loop.
      chargeWork(this.pending);
      this.pending = 0;
    }
  }

  sets(size: number): void {
    if (this.cur.length !== size) {
      this.cur = new Uint8Array(size);
      this.next = new Uint8Array(size);
    }
  }
}

/**
 * Run the NFA over text[from..] anchored at `from` and return every end position where it accepts, in
 * increasing order; it stops as soon as no state is alive.
 */
function acceptingEnds(g: Glob, text: string, from: number, work: Work): number[] {
  const m = g.tokens.length;
  work.sets(m + 1);
  let cur = work.cur;
  let next = work.next;
  const close = (set: Uint8Array, i: number): void => {
    // ε-moves: a `*` may match nothing.
    while (i < m && g.tokens[i].k === 'star') set[++i] = 1;
  };
  cur.fill(0);
  cur[0] = 1;
  close(cur, 0);
  const ends: number[] = [];
  for (let pos = from; ; pos++) {
    if (cur[m]) ends.push(pos);
    if (pos >= text.length) return ends;
    const c = text[pos];
    next.fill(0);
    let alive = false;
    work.add(m + 1);
    for (let s = 0; s < m; s++) {
      if (!cur[s]) continue;
      const t = g.tokens[s];
      if (!consumes(t, c, g.pathname)) continue;
      const to = t.k === 'star' ? s : s + 1;
      next[to] = 1;
      close(next, to);
      alive = true;
    }
    if (!alive) return ends;
    [cur, next] = [next, cur];
  }
}

/** Whole-string match. */
export function globMatches(g: Glob, text: string): boolean {
  const ends = acceptingEnds(g, text, 0, new Work());
  return ends.length > 0 && ends[ends.length - 1] === text.length;
}

/** The same pattern read backwards (for suffixes): token order reversed. */
export function reverseGlob(g: Glob): Glob {
  return { tokens: [...g.tokens].reverse(), pathname: g.pathname, literal: g.literal?.split('').reverse().join('') };
}

/** Lengths of the prefixes of `text` the pattern matches, shortest first. */
export function prefixMatches(g: Glob, text: string): number[] {
  return acceptingEnds(g, text, 0, new Work());
}

/**
 * Patterns without `*` match exactly one length: found by direct comparison (indexOf for plain text), which is
 * what most `${v//old/new}` patterns are. false when the pattern has a star.
 */
function fixedMatch(g: Glob, text: string, from: number, work: Work): [number, number] | undefined | false {
  const t = g.tokens;
  const n = t.length;
  if (g.literal !== undefined) {
    const s = text.indexOf(g.literal, from);
    return s < 0 ? undefined : [s, s + n];
  }
  if (t.some((x) => x.k === 'star')) return false;
  for (let s = from; s + n <= text.length; s++) {
    work.add(1);
    let i = 0;
    while (i < n && consumes(t[i], text[s + i], g.pathname)) i++;
    if (i === n) return [s, s + n];
  }
  return undefined;
}

/**
 * The leftmost-longest match at or after `from`: [start, end), or undefined. One pass over the text with a
 * thread per NFA state labelled by where it started (the smallest start wins a state: leftmost); once a match
 * is found no thread starts later than it, and the pass ends when the threads that could still give a match at
 * least as far left are gone. O(text × pattern).
 */
export function findLongest(g: Glob, text: string, from: number, work: Work = new Work()): [number, number] | undefined {
  const fixed = fixedMatch(g, text, from, work);
  if (fixed !== false) return fixed;
  const m = g.tokens.length;
  let cur = new Int32Array(m + 1).fill(-1);
  let next = new Int32Array(m + 1).fill(-1);
  const enter = (set: Int32Array, state: number, start: number): void => {
    // ε-moves: a `*` may match nothing; a state keeps its leftmost start.
    for (let i = state; ; i++) {
      if (set[i] < 0 || start < set[i]) set[i] = start;
      if (i >= m || g.tokens[i].k !== 'star') return;
    }
  };
  let best: [number, number] | undefined;
  for (let pos = from; ; pos++) {
    if (!best) enter(cur, 0, pos);
    const done = cur[m];
    if (done >= 0 && (!best || done < best[0] || (done === best[0] && pos > best[1]))) best = [done, pos];
    if (pos >= text.length) return best;
    const c = text[pos];
    next.fill(-1);
    let alive = false;
    work.add(m + 1);
    for (let s = 0; s < m; s++) {
      const start = cur[s];
      if (start < 0 || (best && start > best[0])) continue;
      const t = g.tokens[s];
      if (!consumes(t, c, g.pathname)) continue;
      enter(next, t.k === 'star' ? s : s + 1, start);
      alive = true;
    }
    if (!alive && best) return best;
    [cur, next] = [next, cur];
  }
}

export { Work as MatchWork };
