// sort (-n -r -u -f -k N[,M] -t SEP) and uniq (-c -d -u -i): byte order, as in the C locale containers use.
import type { ToolContext, ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

/** Read all file operands (or stdin) as lines; reports unreadable files in `sort`'s or `uniq`'s words. */
function readLines(ctx: ToolContext, files: string[], prog: 'sort' | 'uniq'): { lines: string[]; status: number } {
  const gnu = userland(ctx) === 'gnu';
  const lines: string[] = [];
  let status = 0;
  for (const f of files.length > 0 ? files : ['-']) {
    const r = readOperand(ctx, f);
    if ('errno' in r) {
      if (prog === 'sort') ctx.stderr(gnu ? `sort: cannot read: ${f}: ${strerror(r.errno)}\n` : `sort: ${f}: ${strerror(r.errno)}\n`);
      else ctx.stderr(gnu ? `uniq: ${f}: ${strerror(r.errno)}\n` : `uniq: can't open '${f}': ${strerror(r.errno)}\n`);
      status = prog === 'sort' ? 2 : 1;
      continue;
    }
    const ls = r.text.split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    lines.push(...ls);
  }
  return { lines, status };
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface KeySpec {
  from: number;
  fromChar: number;
  to?: number;
  toChar: number;
  flags: string;
  fromB: boolean;
  toB: boolean;
}

/** `-k N[.C][OPTS][,M[.C][OPTS]]` as POSIX sort defines it. */
function parseKey(text: string): KeySpec {
  const [a, b] = text.split(',');
  const pa = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)$/.exec(a ?? '');
  const pb = b === undefined ? null : /^(\d+)(?:\.(\d+))?([a-zA-Z]*)$/.exec(b);
  return {
    from: Number(pa?.[1] ?? 1),
    fromChar: Number(pa?.[2] ?? 1),
    to: pb ? Number(pb[1]) : undefined,
    toChar: Number(pb?.[2] ?? 0),
    flags: `${pa?.[3] ?? ''}${pb?.[3] ?? ''}`,
    fromB: (pa?.[3] ?? '').includes('b'),
    toB: (pb?.[3] ?? '').includes('b'),
  };
}

/** Field spans: without -t a field is its leading blanks and the non-blanks after them (GNU and BusyBox alike). */
function fieldSpans(line: string, sep: string | undefined): [number, number][] {
  const spans: [number, number][] = [];
  if (sep !== undefined) {
    let start = 0;
    for (;;) {
      const i = line.indexOf(sep, start);
      spans.push([start, i < 0 ? line.length : i]);
      if (i < 0) return spans;
      start = i + sep.length;
    }
  }
  let pos = 0;
  while (pos < line.length) {
    const start = pos;
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
    while (pos < line.length && line[pos] !== ' ' && line[pos] !== '\t') pos++;
    spans.push([start, pos]);
  }
  return spans;
}

/** The text of a key: from field N (its leading blanks kept unless b) to the end of field M, or the line's end. */
function keyText(line: string, k: KeySpec, sep: string | undefined, globalB: boolean): string {
  const spans = fieldSpans(line, sep);
  const skipBlanks = (i: number): number => {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    return i;
  };
  const fs = spans[k.from - 1];
  if (fs === undefined) return '';
  let start = k.fromB || globalB ? skipBlanks(fs[0]) : fs[0];
  start = Math.min(start + k.fromChar - 1, line.length);
  let end = line.length;
  if (k.to !== undefined) {
    const te = spans[k.to - 1];
    if (te !== undefined) {
      if (k.toChar === 0) end = te[1];
      else end = Math.min((k.toB || globalB ? skipBlanks(te[0]) : te[0]) + k.toChar, line.length);
    }
  }
  return end > start ? line.slice(start, end) : '';
}

export const sort: ToolInfo = {
  name: 'sort',
  on: 'everywhere',
  summary: 'sort lines',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, {
      flags: 'nrufbs',
      values: 'kt',
      long: { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', key: 'k', 'field-separator': 't' },
    });
    if ('error' in o) return usageError(ctx, o.error, '[-nrufbs] [-k KEY] [-t CHAR] [FILE]...', 2);
    const { lines, status } = readLines(ctx, o.args, 'sort');
    if (status !== 0) return status;
    const sep = o.values.get('t');
    const global = [...o.flags].join('');
    // Keys in order; one with options of its own does not inherit the global ones (GNU and BusyBox alike).
    const specs = (o.lists.get('k') ?? []).map(parseKey);
    const keys = specs.length > 0 ? specs.map((k) => ({ k, flags: k.flags !== '' ? k.flags : global })) : [{ k: undefined, flags: global }];
    const compareKey = (a: string, b: string, k: KeySpec | undefined, flags: string): number => {
      const fold = (s: string): string => (flags.includes('f') ? s.toUpperCase() : s);
      const ka = fold(k === undefined ? a : keyText(a, k, sep, o.flags.has('b')));
      const kb = fold(k === undefined ? b : keyText(b, k, sep, o.flags.has('b')));
      const c = flags.includes('n') ? (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0) : byteCompare(ka, kb);
      return flags.includes('r') ? -c : c;
    };
    const cmp = (a: string, b: string): number => {
      for (const { k, flags } of keys) {
        const c = compareKey(a, b, k, flags);
        if (c !== 0) return c;
      }
      // The last resort: the whole lines in byte order, reversed by a global -r (not with -s or -u).
      if (o.flags.has('s') || o.flags.has('u')) return 0;
      const c = byteCompare(a, b);
      return o.flags.has('r') ? -c : c;
    };
    let sorted = [...lines].sort(cmp);
    if (o.flags.has('u')) sorted = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1], l) !== 0);
    ctx.stdout(sorted.map((l) => `${l}\n`).join(''));
    return 0;
  },
};

export const uniq: ToolInfo = {
  name: 'uniq',
  on: 'everywhere',
  summary: 'drop repeated adjacent lines',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
    if ('error' in o) return usageError(ctx, o.error, '[-cduiz] [-f,s,w N] [FILE [OUTFILE]]');
    const { lines, status } = readLines(ctx, o.args.slice(0, 1), 'uniq');
    if (status !== 0) return status;
    const same = (a: string, b: string): boolean => (o.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    let out = '';
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && same(lines[i], lines[j])) j++;
      const n = j - i;
      if (!(o.flags.has('d') && n < 2) && !(o.flags.has('u') && n > 1))
        out += `${o.flags.has('c') ? `${String(n).padStart(7)} ` : ''}${lines[i]}\n`;
      i = j;
    }
    ctx.stdout(out);
    return 0;
  },
};
