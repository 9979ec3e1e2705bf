// grep: print lines matching a pattern (BRE; -E extended, -F fixed) with -i -v -c -o -n -q -w -x -l -h -H -e.
import type { ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';
import { LinearRegex, literalToRe2, posixToRe2, RegexSyntaxError } from '../../../../regex/index.ts';

const USAGE = '[-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...';

export const grep: ToolInfo = {
  name: 'grep',
  on: 'everywhere',
  summary: 'print lines that match a pattern',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, {
      flags: 'ivcEFonqwxlhHsL',
      values: 'em',
      long: {
        'ignore-case': 'i',
        'invert-match': 'v',
        count: 'c',
        'extended-regexp': 'E',
        'fixed-strings': 'F',
        'only-matching': 'o',
        'line-number': 'n',
        quiet: 'q',
        silent: 'q',
        'word-regexp': 'w',
        'line-regexp': 'x',
        'files-with-matches': 'l',
        regexp: 'e',
        color: 'color',
        colour: 'color',
      },
    });
    if ('error' in o) return usageError(ctx, o.error, USAGE, 2);
    const f = o.flags;
    const args = [...o.args];
    const patterns = o.values.has('e') ? [o.values.get('e') as string] : args.length > 0 ? [args.shift() as string] : undefined;
    if (!patterns) {
      if (userland(ctx) === 'gnu') ctx.stderr('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
      return usageError(ctx, undefined, USAGE, 2);
    }
    let re: LinearRegex;
    try {
      let source = patterns
        .flatMap((p) => p.split('\n'))
        .map((p) => `(?:${f.has('F') ? literalToRe2(p) : posixToRe2(p, f.has('E'))})`)
        .join('|');
      // -w: the match must stand between non-word characters (GNU grep); the word itself is group 1 for -o.
      if (f.has('x')) source = `^(?:${source})$`;
      else if (f.has('w')) source = `(?:^|[^A-Za-z0-9_])(${source})(?:[^A-Za-z0-9_]|$)`;
      re = LinearRegex.compile(source, 're2', { ignoreCase: f.has('i'), longest: true });
    } catch (e: unknown) {
      ctx.stderr(`grep: ${e instanceof RegexSyntaxError ? e.message : 'Invalid regular expression'}\n`);
      return 2;
    }
    const files = args.length > 0 ? args : ['-'];
    const prefixName = (files.length > 1 || f.has('H')) && !f.has('h');
    const max = o.values.has('m') ? Number(o.values.get('m')) : Infinity;
    let matchedAny = false;
    let error = false;
    for (const file of files) {
      const r = readOperand(ctx, file);
      if ('errno' in r) {
        if (!f.has('s')) ctx.stderr(`grep: ${file}: ${strerror(r.errno)}\n`);
        error = true;
        continue;
      }
      const name = file === '-' ? '(standard input)' : file;
      const lines = r.text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      let count = 0;
      for (let i = 0; i < lines.length && count < max; i++) {
        const hit = re.test(lines[i]);
        if (hit === f.has('v')) continue;
        count++;
        matchedAny = true;
        if (f.has('q')) return 0;
        if (f.has('c') || f.has('l') || f.has('L')) continue;
        const prefix = `${prefixName ? `${name}:` : ''}${f.has('n') ? `${i + 1}:` : ''}`;
        if (f.has('o') && !f.has('v')) {
          for (const m of re.matchAll(lines[i])) {
            const word = f.has('w') ? (m.groups[1] ?? '') : m.text;
            if (word !== '') ctx.stdout(`${prefix}${word}\n`);
          }
        } else ctx.stdout(`${prefix}${lines[i]}\n`);
      }
      if (f.has('c')) ctx.stdout(`${prefixName ? `${name}:` : ''}${count}\n`);
      if (f.has('l') && count > 0) ctx.stdout(`${name}\n`);
      if (f.has('L') && count === 0) ctx.stdout(`${name}\n`);
    }
    if (error && !(f.has('q') && matchedAny)) return 2;
    return matchedAny ? 0 : 1;
  },
};
