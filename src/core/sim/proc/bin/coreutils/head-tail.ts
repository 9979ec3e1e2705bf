// head and tail: the first or last N lines (-n N, -N, tail -n +N) or bytes (-c N); tail -f follows until the
// line's time budget ends.
import type { ToolContext, ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { parseOptions } from './options.ts';

function headTail(which: 'head' | 'tail'): ToolInfo['run'] {
  return (ctx: ToolContext) => {
    const o = parseOptions(ctx.argv, {
      flags: which === 'tail' ? 'qvfF' : 'qv',
      values: 'nc',
      numberAs: 'n',
      long: { lines: 'n', bytes: 'c', quiet: 'q', verbose: 'v', follow: 'f' },
    });
    if ('error' in o) return usageError(ctx, o.error, which === 'head' ? '[OPTIONS] [FILE]...' : '[OPTIONS] [FILE]...');
    const gnu = userland(ctx) === 'gnu';
    const bytes = o.values.has('c');
    const raw = o.values.get(bytes ? 'c' : 'n') ?? '10';
    const fromStart = which === 'tail' && raw.startsWith('+');
    const n = Number(raw.replace(/^[+-]/, ''));
    if (!/^[+-]?\d+$/.test(raw)) {
      ctx.stderr(gnu ? `${which}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${raw}'\n` : `${which}: invalid number '${raw}'\n`);
      return 1;
    }
    const files = o.args.length > 0 ? o.args : ['-'];
    const headers = (files.length > 1 || o.flags.has('v')) && !o.flags.has('q');
    let status = 0;
    let first = true;
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        if (gnu) ctx.stderr(`${which}: cannot open '${f}' for reading: ${strerror(r.errno)}\n`);
        else ctx.stderr(which === 'head' ? `head: ${f}: ${strerror(r.errno)}\n` : `tail: can't open '${f}': ${strerror(r.errno)}\n`);
        status = 1;
        continue;
      }
      if (headers) ctx.stdout(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
      const allBut = which === 'head' && raw.startsWith('-');
      if (allBut) ctx.stdout(bytes ? r.text.slice(0, Math.max(0, r.text.length - n)) : allButLastLines(r.text, n));
      else ctx.stdout(bytes ? cutBytes(r.text, which, n, fromStart) : cutLines(r.text, which, n, fromStart));
    }
    if (which === 'tail' && (o.flags.has('f') || o.flags.has('F'))) while (ctx.sleep(1000));
    return status;
  };
}

function cutLines(text: string, which: 'head' | 'tail', n: number, fromStart: boolean): string {
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  const picked = which === 'head' ? lines.slice(0, n) : fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n);
  if (picked.length === 0) return '';
  const lastIncluded = which === 'tail' || picked.length === lines.length;
  return picked.join('\n') + (lastIncluded && !trailing ? '' : '\n');
}

/** `head -n -N`: every line but the last N (GNU, and BusyBox with FEATURE_FANCY_HEAD). */
function allButLastLines(text: string, n: number): string {
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  const keep = lines.length - n;
  if (keep <= 0) return '';
  return `${lines.slice(0, keep).join('\n')}\n`;
}

function cutBytes(text: string, which: 'head' | 'tail', n: number, fromStart: boolean): string {
  if (which === 'head') return text.slice(0, n);
  return fromStart ? text.slice(Math.max(0, n - 1)) : n === 0 ? '' : text.slice(-n);
}

export const head: ToolInfo = { name: 'head', on: 'everywhere', summary: 'first lines of files', run: headTail('head') };
export const tail: ToolInfo = { name: 'tail', on: 'everywhere', summary: 'last lines of files', run: headTail('tail') };
