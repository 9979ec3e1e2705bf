// sed, the common subset: s/RE/REPL/[gpiN], p, d, q, =, addresses (N, $, /RE/, ranges, !), -n -e -E -i.
import type { ToolContext, ToolInfo } from '../tool.ts';
import { abs, fsOf, readOperand, strerror, userland } from './kit.ts';
import { LinearRegex, RegexSyntaxError } from '../../../../regex/index.ts';

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: LinearRegex };

interface SedCmd {
  from?: Addr;
  to?: Addr;
  negate: boolean;
  name: string;
  /** For s: the pattern, replacement and flags. */
  re?: LinearRegex;
  repl?: string;
  global?: boolean;
  print?: boolean;
  nth?: number;
  /** Range state: inside a from,to range. */
  active?: boolean;
}

class SedError extends Error {}

function parseScript(script: string, ere: boolean): SedCmd[] {
  const cmds: SedCmd[] = [];
  let i = 0;
  const gnuChar = (): number => i + 1;
  const readRe = (delim: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && script[i + 1] === delim) {
        out += delim;
        i += 2;
      } else if (script[i] === '\\') {
        out += script.slice(i, i + 2);
        i += 2;
      } else out += script[i++];
    }
    if (script[i] !== delim) throw new SedError('unterminated');
    i++;
    return out;
  };
  // POSIX leftmost-longest, in linear time (src/core/regex).
  const compile = (src: string, flags = ''): LinearRegex =>
    LinearRegex.compile(src, ere ? 'ere' : 'bre', { ignoreCase: flags.includes('i'), longest: true });
  const addr = (): Addr | undefined => {
    const m = /^\d+/.exec(script.slice(i));
    if (m) {
      i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (script[i] === '/') {
      i++;
      return { kind: 're', re: compile(readRe('/')) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? '')) i++;
    if (i >= script.length) break;
    const cmd: SedCmd = { negate: false, name: '' };
    cmd.from = addr();
    if (cmd.from && script[i] === ',') {
      i++;
      cmd.to = addr();
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
    }
    const name = script[i++];
    cmd.name = name ?? '';
    if (name === 's') {
      const delim = script[i++];
      try {
        const pattern = readRe(delim);
        const repl = readRe(delim);
        const flags = /^[gpiI0-9]*/.exec(script.slice(i))?.[0] ?? '';
        i += flags.length;
        cmd.re = compile(pattern, `g${/[iI]/.test(flags) ? 'i' : ''}`);
        cmd.repl = repl;
        cmd.global = flags.includes('g');
        cmd.print = flags.includes('p');
        cmd.nth = Number(flags.replace(/\D/g, '')) || 1;
      } catch (e: unknown) {
        if (e instanceof SedError) throw new SedError(`char ${script.length}: unterminated \`s' command`);
        throw e;
      }
    } else if (!['p', 'd', 'q', '='].includes(name ?? '')) throw new SedError(`char ${gnuChar() - 1}: unknown command: \`${name}'`);
    cmds.push(cmd);
  }
  return cmds;
}

function matches(a: Addr, line: string, n: number, last: boolean): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return last;
  return a.re.test(line);
}

function selected(c: SedCmd, line: string, n: number, last: boolean): boolean {
  let hit: boolean;
  if (!c.from) hit = true;
  else if (!c.to) hit = matches(c.from, line, n, last);
  else if (c.active) {
    hit = true;
    if (matches(c.to, line, n, last) || (c.to.kind === 'line' && n >= c.to.n)) c.active = false;
  } else if (matches(c.from, line, n, last)) {
    hit = true;
    c.active = !(c.to.kind === 'line' && c.to.n <= n);
  } else hit = false;
  return hit !== c.negate;
}

/** s///: replace the nth (or every) match; & and \1..\9 in the replacement. */
function substitute(c: SedCmd, line: string): { text: string; changed: boolean } {
  let changed = false;
  const re = c.re as LinearRegex;
  const text = re.replace(
    line,
    (count) => (c.global ? count >= (c.nth ?? 1) : count === c.nth),
    (m) => {
      changed = true;
      return (c.repl as string).replace(/\\(\d)|\\n|\\&|&|\\(.)/g, (t, d?: string, other?: string) => {
        if (t === '&') return m.text;
        if (t === '\\&') return '&';
        if (t === '\\n') return '\n';
        if (d !== undefined) return m.groups[Number(d)] ?? '';
        return other ?? '';
      });
    },
  );
  return { text, changed };
}

function runSed(cmds: SedCmd[], text: string, quiet: boolean): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let out = '';
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1];
    const last = n === lines.length;
    let deleted = false;
    let quit = false;
    for (const c of cmds) {
      if (!selected(c, line, n, last)) continue;
      if (c.name === 's') {
        const r = substitute(c, line);
        line = r.text;
        if (r.changed && c.print) out += `${line}\n`;
      } else if (c.name === 'p') out += `${line}\n`;
      else if (c.name === '=') out += `${n}\n`;
      else if (c.name === 'd') {
        deleted = true;
        break;
      } else if (c.name === 'q') {
        quit = true;
        break;
      }
    }
    if (!deleted && !quiet) out += `${line}\n`;
    if (quit) break;
  }
  return out;
}

export const sed: ToolInfo = {
  name: 'sed',
  on: 'everywhere',
  summary: 'stream editor (s, p, d, q, =)',
  run: (ctx: ToolContext) => {
    const gnu = userland(ctx) === 'gnu';
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let ere = false;
    let inPlace = false;
    for (let i = 1; i < ctx.argv.length; i++) {
      const a = ctx.argv[i];
      if (a === '-n' || a === '--quiet') quiet = true;
      else if (a === '-E' || a === '-r') ere = true;
      else if (a === '-i' || a.startsWith('-i')) inPlace = true;
      else if (a === '-e') scripts.push(ctx.argv[++i] ?? '');
      else if (scripts.length === 0 && !a.startsWith('-')) scripts.push(a);
      else files.push(a);
    }
    let cmds: SedCmd[];
    try {
      cmds = parseScript(scripts.join('\n'), ere);
    } catch (e: unknown) {
      if (!(e instanceof SedError) && !(e instanceof RegexSyntaxError)) throw e;
      const msg = e instanceof RegexSyntaxError ? `char ${scripts.join('\n').length}: ${e.message}` : e.message;
      if (!gnu && e instanceof RegexSyntaxError) ctx.stderr(`sed: bad regex: ${e.message}\n`);
      else
        ctx.stderr(
          gnu
            ? `sed: -e expression #1, ${msg}\n`
            : /unknown command: `(.)'/.test(msg)
              ? `sed: unsupported command ${/`(.)'/.exec(msg)?.[1]}\n`
              : "sed: unmatched '/'\n",
        );
      return 1;
    }
    let status = 0;
    for (const f of files.length > 0 ? files : ['-']) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        ctx.stderr(gnu ? `sed: can't read ${f}: ${strerror(r.errno)}\n` : `sed: ${f}: ${strerror(r.errno)}\n`);
        status = 2;
        continue;
      }
      for (const c of cmds) c.active = false;
      const out = runSed(cmds, r.text, quiet);
      if (inPlace && f !== '-') fsOf(ctx).write(abs(ctx, f), out);
      else ctx.stdout(out);
    }
    return status;
  },
};
