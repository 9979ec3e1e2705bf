// cut (-d -f, -c, -b, -s) and tr (SET1 [SET2], -d, -s, ranges and [:classes:]).
import type { ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

/** A cut LIST ("1,3-5,7-") as a membership test on 1-based positions; undefined if malformed. */
function parseList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from < 1) return undefined;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: ToolInfo = {
  name: 'cut',
  on: 'everywhere',
  summary: 'select fields or characters of lines',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, {
      flags: 's',
      values: 'dfcb',
      long: { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' },
    });
    if ('error' in o) return usageError(ctx, o.error, '[OPTIONS] [FILE]...');
    const gnu = userland(ctx) === 'gnu';
    const mode = ['f', 'c', 'b'].find((k) => o.values.has(k));
    if (!mode) {
      if (gnu) return usageError(ctx, 'you must specify a list of bytes, characters, or fields', '');
      ctx.stderr('cut: expected a list of bytes, characters, or fields\n');
      return 1;
    }
    const inList = parseList(o.values.get(mode) as string);
    if (!inList) {
      ctx.stderr(`cut: invalid field value '${o.values.get(mode)}'\n`);
      return 1;
    }
    const delim = o.values.get('d') ?? '\t';
    let status = 0;
    for (const f of o.args.length > 0 ? o.args : ['-']) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        ctx.stderr(`cut: ${f}: ${strerror(r.errno)}\n`);
        status = 1;
        continue;
      }
      const lines = r.text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) {
        if (mode !== 'f') {
          ctx.stdout(`${[...line].filter((_c, i) => inList(i + 1)).join('')}\n`);
          continue;
        }
        if (!line.includes(delim)) {
          if (!o.flags.has('s')) ctx.stdout(`${line}\n`);
          continue;
        }
        ctx.stdout(
          `${line
            .split(delim)
            .filter((_c, i) => inList(i + 1))
            .join(delim)}\n`,
        );
      }
    }
    return status;
  },
};

const TR_CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
};

/** Expand a tr SET: escapes, ranges a-z, [:class:]. */
function expandSet(set: string): string[] {
  const s = set
    .replace(/\[:(\w+):\]/g, (m, c: string) => TR_CLASSES[c] ?? m)
    .replace(/\\(n|t|r|\\)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] as string);
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]);
  }
  return out;
}

export const tr: ToolInfo = {
  name: 'tr',
  on: 'everywhere',
  summary: 'translate or delete characters',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'dsc', long: { delete: 'd', 'squeeze-repeats': 's' } });
    if ('error' in o) return usageError(ctx, o.error, '[-cds] STRING1 [STRING2]');
    if (o.args.length === 0 || (o.args.length === 1 && !o.flags.has('d') && !o.flags.has('s'))) {
      return usageError(ctx, o.args.length === 0 ? 'missing operand' : `missing operand after '${o.args[0]}'`, '[-cds] STRING1 [STRING2]');
    }
    const set1 = expandSet(o.args[0]);
    const set2 = o.args[1] !== undefined ? expandSet(o.args[1]) : [];
    let out = '';
    let last = '';
    for (const c of ctx.stdin) {
      let ch: string | undefined = c;
      const idx = set1.indexOf(c);
      if (o.flags.has('d') && idx >= 0) ch = undefined;
      else if (idx >= 0 && set2.length > 0) ch = set2[Math.min(idx, set2.length - 1)];
      if (ch === undefined) continue;
      const squeezeSet = set2.length > 0 && !o.flags.has('d') ? set2 : set1;
      if (o.flags.has('s') && ch === last && squeezeSet.includes(ch)) continue;
      out += ch;
      last = ch;
    }
    ctx.stdout(out);
    return 0;
  },
};
