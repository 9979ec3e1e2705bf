// wc: count lines, words and bytes (-l -w -c -m), padded as GNU coreutils or BusyBox pad them.
import type { ToolInfo } from '../tool.ts';
import { readOperand, strerror, usageError, userland } from './kit.ts';
import { utf8Length } from '../../os/fs/utf8.ts';
import { parseOptions } from './options.ts';

export const wc: ToolInfo = {
  name: 'wc',
  on: 'everywhere',
  summary: 'count lines, words and bytes',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
    if ('error' in o) return usageError(ctx, o.error, '[-cmlwL] [FILE]...');
    const gnu = userland(ctx) === 'gnu';
    const pick = ['l', 'w', 'm', 'c'].filter((k) => o.flags.has(k));
    const kinds = pick.length > 0 ? pick : ['l', 'w', 'c'];
    const files = o.args.length > 0 ? o.args : ['-'];
    const rows: { counts: number[]; name: string }[] = [];
    const totals = kinds.map(() => 0);
    let status = 0;
    let regularBytes = 0;
    let nonRegular = false;
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        ctx.stderr(`wc: ${f}: ${strerror(r.errno)}\n`);
        status = 1;
        continue;
      }
      const counts = kinds.map((k) => count(r.text, k));
      counts.forEach((c, i) => (totals[i] += c));
      if (f === '-') nonRegular = true;
      else regularBytes += utf8Length(r.text);
      rows.push({ counts, name: f === '-' && o.args.length === 0 ? '' : f });
    }
    if (files.length > 1) rows.push({ counts: totals, name: 'total' });
    const single = kinds.length === 1 && files.length === 1;
    // GNU: as wide as the digits of the regular files' total size (7 with stdin); BusyBox: 9. One count of one input: no padding.
    const width = single ? 1 : gnu ? Math.max(nonRegular ? 7 : 1, String(regularBytes).length) : 9;
    for (const row of rows) {
      const nums = row.counts.map((c) => String(c).padStart(width)).join(' ');
      ctx.stdout(`${nums}${row.name ? ` ${row.name}` : ''}\n`);
    }
    return status;
  },
};

function count(text: string, kind: string): number {
  if (kind === 'l') return (text.match(/\n/g) ?? []).length;
  if (kind === 'w') return text.split(/\s+/).filter((w) => w !== '').length;
  if (kind === 'm') return [...text].length;
  return utf8Length(text);
}
