// Go's time.Duration.String() for whole milliseconds: "823ms", "7.342s", "1m5.2s", "1h0m0s".

export function goDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const rest = total % 60_000;
  const whole = Math.floor(rest / 1000);
  const frac = String(rest % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const s = `${whole}${frac ? `.${frac}` : ''}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}
