// date: the simulated clock in UTC, default `Mon Jan  1 00:00:00 UTC 2024`, or +FORMAT (strftime subset).
import type { ToolInfo } from '../tool.ts';
import { usageError } from './kit.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime conversions by letter; add a row for another. */
const CONVERSIONS: Record<string, (d: Date) => string> = {
  a: (d) => DAYS[d.getUTCDay()],
  A: (d) => DAY_NAMES[d.getUTCDay()],
  b: (d) => MONTHS[d.getUTCMonth()],
  h: (d) => MONTHS[d.getUTCMonth()],
  B: (d) => MONTH_NAMES[d.getUTCMonth()],
  d: (d) => p2(d.getUTCDate()),
  e: (d) => String(d.getUTCDate()).padStart(2),
  H: (d) => p2(d.getUTCHours()),
  I: (d) => p2(d.getUTCHours() % 12 || 12),
  M: (d) => p2(d.getUTCMinutes()),
  S: (d) => p2(d.getUTCSeconds()),
  m: (d) => p2(d.getUTCMonth() + 1),
  y: (d) => p2(d.getUTCFullYear() % 100),
  Y: (d) => String(d.getUTCFullYear()),
  p: (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
  s: (d) => String(Math.floor(d.getTime() / 1000)),
  N: (d) => String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
  j: (d) => String(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0'),
  u: (d) => String(d.getUTCDay() || 7),
  w: (d) => String(d.getUTCDay()),
  Z: () => 'UTC',
  z: () => '+0000',
  T: (d) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
  R: (d) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`,
  F: (d) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
  D: (d) => `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`,
  n: () => '\n',
  t: () => '\t',
  '%': () => '%',
};

/** Format a time as strftime(3) would in UTC. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  return format.replace(/%(.)/g, (m, c: string) => (CONVERSIONS[c] ? CONVERSIONS[c](d) : m));
}

export const date: ToolInfo = {
  name: 'date',
  on: 'everywhere',
  summary: 'print the date and time',
  run: (ctx) => {
    let format = '%a %b %e %H:%M:%S %Z %Y';
    for (const a of ctx.argv.slice(1)) {
      if (a.startsWith('+')) format = a.slice(1);
      else if (a === '-u' || a === '--utc' || a === '-R' || a === '-I' || a === '--iso-8601') {
        if (a === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
        if (a === '-I' || a === '--iso-8601') format = '%F';
      } else
        return usageError(ctx, a.startsWith('-') ? `invalid option -- '${a[1]}'` : `invalid date '${a}'`, '[OPTIONS] [+FMT] [[-s] TIME]');
    }
    ctx.stdout(`${strftime(format, ctx.clock.now())}\n`);
    return 0;
  },
};
