// `sleep` arguments: "3600", "0.5", "5m", "1h", "infinity" (GNU and BusyBox sleep accept suffixes s m h d).

/** Milliseconds for one sleep argument; Infinity for "infinity"/"inf"; undefined when malformed. */
export function sleepMs(arg: string): number | undefined {
  if (/^inf(inity)?$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
