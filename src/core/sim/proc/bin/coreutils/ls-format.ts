// How ls lays names out: GNU's column fitting (tabs, 80 columns) or BusyBox's fixed-width columns, and long lines.
import type { FileStat } from '../../../contracts.ts';
import type { Userland } from './kit.ts';

const WIDTH = 80;

/** Names in columns, filled top to bottom, as `ls` prints them on a terminal. */
export function columns(names: string[], userland: Userland): string {
  if (names.length === 0) return '';
  return userland === 'gnu' ? gnuColumns(names) : busyboxColumns(names);
}

/**
 * coreutils ls.c calculate_columns + print_many_per_line: every column at least 3 wide, names plus 2 spaces
 * (not after the last column); the most columns whose line stays under 80.
 */
function gnuColumns(names: string[]): string {
  const n = names.length;
  let best = { cols: 1, widths: [0] };
  for (let cols = Math.min(n, Math.ceil(WIDTH / 3)); cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(3);
    names.forEach((s, i) => {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c], s.length + (c === cols - 1 ? 0 : 2));
    });
    if (widths.reduce((a, b) => a + b, 0) < WIDTH || cols === 1) {
      best = { cols, widths };
      break;
    }
  }
  const rows = Math.ceil(n / best.cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    for (let c = 0, i = r; i < n; c++, i += rows) {
      out += names[i];
      if (i + rows >= n) break;
      out += indent(pos + names[i].length, pos + best.widths[c]);
      pos += best.widths[c];
    }
    out += '\n';
  }
  return out;
}

/** GNU's indent(): tabs to each tab stop (8) on the way, then spaces. */
function indent(from: number, to: number): string {
  let s = '';
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      s += '\t';
      from += 8 - (from % 8);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}

/** BusyBox ls: every column as wide as the longest name + 2, as many as fit in 80. */
function busyboxColumns(names: string[]): string {
  const width = Math.max(...names.map((s) => s.length)) + 2;
  let cols = Math.floor(WIDTH / width);
  let rows = names.length;
  if (cols > 1) rows = Math.ceil(names.length / cols);
  else cols = 1;
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const i = c * rows + r;
      if (i >= names.length) continue;
      if (line !== '') line = line.padEnd(c * width);
      line += names[i];
    }
    out += `${line}\n`;
  }
  return out;
}

export interface LongEntry {
  name: string;
  stat: FileStat;
  nlink: number;
}

/** `ls -l` lines (without the total line). */
export function longLines(entries: LongEntry[], userland: Userland, now: number): string {
  const sizeW = Math.max(...entries.map((e) => String(e.stat.size).length));
  const linkW = Math.max(...entries.map((e) => String(e.nlink).length));
  return entries
    .map((e) => {
      const mode = modeString(e.stat);
      const date = lsDate(e.stat.mtimeMs, now);
      if (userland === 'busybox')
        return `${mode} ${String(e.nlink).padStart(4)} root     root     ${String(e.stat.size).padStart(9)} ${date} ${e.name}\n`;
      return `${mode} ${String(e.nlink).padStart(linkW)} root root ${String(e.stat.size).padStart(sizeW)} ${date} ${e.name}\n`;
    })
    .join('');
}

/** 1K blocks used, as the `total` line counts them (4K filesystem blocks). */
export function blocks(stat: FileStat): number {
  return stat.kind === 'dir' ? 4 : Math.ceil(stat.size / 4096) * 4;
}

export function modeString(stat: FileStat): string {
  const m = stat.mode;
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (m & (1 << (8 - i)) ? c : '-'))
    .join('');
  const sticky = m & 0o1000 ? bits.slice(0, 8) + (bits[8] === 'x' ? 't' : 'T') : bits;
  return (stat.kind === 'dir' ? 'd' : '-') + sticky;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan  1 00:00` for the last six months, `Jan  1  2020` otherwise (UTC). */
export function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const md = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const recent = now - ms < 182.5 * 86_400_000 && ms <= now + 3_600_000;
  if (!recent) return `${md}  ${d.getUTCFullYear()}`;
  return `${md} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
