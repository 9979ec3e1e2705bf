// Every duration grammar podlab reads, in one place. Each mirrors one real parser and they differ on purpose:
// podlab's own (CLI flags, front matter setup steps), a cell's timeout attribute, Go's time.ParseDuration (kubectl
// flags), and the operands of sleep(1) (GNU coreutils and BusyBox). All return milliseconds, undefined when malformed.

/** podlab's own: parse "95m", "30s", "1h30m", "500ms", "2d" into milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    total += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    matched = re.lastIndex;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}

const DURATION = /^(\d+)(ms|s|m)$/;

/** Milliseconds of a duration like `500ms`, `10s`, `2m`; undefined when malformed. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'];
  return Number(m[1]) * unit;
}

/** Go's time.ParseDuration for the units kubectl users type (ns..h). Returns ms. */
export function parseGoDuration(v: string): number | undefined {
  if (v === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  let sign = 1;
  if (v.startsWith('-') || v.startsWith('+')) {
    sign = v[0] === '-' ? -1 : 1;
    pos = 1;
  }
  if (pos >= v.length) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  while (pos < v.length) {
    re.lastIndex = pos;
    const m = re.exec(v);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  return sign * total;
}

const SLEEP_UNIT: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** One operand of sleep(1): NUMBER[smhd] or inf[inity][smhd], as GNU and BusyBox sleep read it; Infinity for infinity. */
export function sleepOperandMs(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+|inf(?:inity)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return m[1].startsWith('inf') ? Infinity : Number(m[1]) * SLEEP_UNIT[m[2]];
}

/** A container command's `sleep` argument (images' scripts): "3600", "0.5", "5m", "infinity" (any case). */
export function sleepMs(arg: string): number | undefined {
  if (/^inf(inity)?$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
