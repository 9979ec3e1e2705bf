// What iputils and BusyBox ping print: headers, reply lines, the statistics block (iputils ping_common.c,
// BusyBox networking/ping.c), checked against transcripts/ping-*.txt.

/** iputils' time= precision: 3 decimals under 1 ms, 2 under 10, 1 under 100, none above (microsecond input). */
export function iputilsTime(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(us).padStart(3, '0')}`;
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

/** printf %g of a loss percentage: 0, 100, 33.3333, 66.6667. */
function percentG(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

export interface Summary {
  target: string;
  transmitted: number;
  received: number;
  errors: number;
  /** Reply times in microseconds. */
  rttsUs: number[];
  timeMs: number;
  pipe: number;
}

/** iputils' block: blank line, `--- X ping statistics ---`, the counts line, then rtt and/or pipe (or an empty line). */
export function iputilsSummary(s: Summary): string {
  let out = `\n--- ${s.target} ping statistics ---\n`;
  out += `${s.transmitted} packets transmitted, ${s.received} received`;
  if (s.errors) out += `, +${s.errors} errors`;
  if (s.transmitted)
    out += `, ${percentG(((s.transmitted - s.received) * 100) / s.transmitted)}% packet loss, time ${Math.round(s.timeMs)}ms`;
  out += '\n';
  const parts: string[] = [];
  if (s.received) {
    const n = s.rttsUs.length;
    const sum = s.rttsUs.reduce((a, b) => a + b, 0);
    const sum2 = s.rttsUs.reduce((a, b) => a + b * b, 0);
    const avg = Math.floor(sum / n);
    const mdev = Math.floor(Math.sqrt(Math.floor((sum2 - Math.floor((sum * sum) / n)) / n)));
    parts.push(`rtt min/avg/max/mdev = ${ms3(Math.min(...s.rttsUs))}/${ms3(avg)}/${ms3(Math.max(...s.rttsUs))}/${ms3(mdev)} ms`);
  }
  if (s.pipe > 1) parts.push(`pipe ${s.pipe}`);
  return `${out}${parts.join(', ')}\n`;
}

/** BusyBox's block: integer loss, "packets received", round-trip without mdev. */
export function busyboxSummary(s: Summary): string {
  let out = `\n--- ${s.target} ping statistics ---\n`;
  out += `${s.transmitted} packets transmitted, ${s.received} packets received, `;
  out += `${s.transmitted ? Math.floor(((s.transmitted - s.received) * 100) / s.transmitted) : 0}% packet loss\n`;
  if (s.received) {
    const n = s.rttsUs.length;
    const avg = Math.floor(s.rttsUs.reduce((a, b) => a + b, 0) / n);
    out += `round-trip min/avg/max = ${ms3(Math.min(...s.rttsUs))}/${ms3(avg)}/${ms3(Math.max(...s.rttsUs))} ms\n`;
  }
  return out;
}
