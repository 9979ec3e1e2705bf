// curl's progress meter (lib/progress.c of 7.88.1): the two header lines, then one "\r"-led line at the start,
// one per elapsed second, and a forced last one; sizes in max5data's 5 characters, times as time2str.

/** bytes in at most 5 characters: "  615", " 756k", " 1.2M" (curl's max5data). */
export function max5(bytes: number): string {
  const b = Math.max(0, Math.floor(bytes));
  const K = 1024;
  const M = K * K;
  if (b < 100000) return String(b).padStart(5, ' ');
  if (b < 10000 * K) return `${String(Math.floor(b / K)).padStart(4, ' ')}k`;
  if (b < 100 * M) return `${String(Math.floor(b / M)).padStart(2, ' ')}.${Math.floor((b % M) / (M / 10))}M`;
  if (b < 10000 * M) return `${String(Math.floor(b / M)).padStart(4, ' ')}M`;
  return `${String(Math.floor(b / (K * M))).padStart(4, ' ')}G`;
}

/** Whole seconds as " 0:00:01"; "--:--:--" for zero or unknown. */
export function time2str(seconds: number | undefined): string {
  const s = Math.floor(seconds ?? 0);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2, ' ')}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** The state of one transfer as the meter shows it. */
export interface MeterState {
  elapsedMs: number;
  downloaded: number;
  /** Content-Length, when the server sent one. */
  expected?: number;
}

const pct = (n: number) => String(Math.floor(n)).padStart(3, ' ');

/** One meter line, with its leading "\r" and no newline. */
export function meterLine(s: MeterState): string {
  const total = s.expected ?? s.downloaded;
  const totalPct = total > 0 ? (s.downloaded * 100) / total : 0;
  const rcvdPct = s.expected !== undefined && s.expected > 0 ? (s.downloaded * 100) / s.expected : 0;
  const speed = s.elapsedMs > 0 ? (s.downloaded * 1000) / s.elapsedMs : 0;
  const spent = time2str(s.elapsedMs / 1000);
  return `\r${pct(totalPct)} ${max5(total)}  ${pct(rcvdPct)} ${max5(s.downloaded)}  ${pct(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- ${spent} --:--:-- ${max5(speed)}`;
}

/** Prints the meter to stderr when it is shown; a no-op otherwise. */
export class Meter {
  private shownSecond = 0;
  constructor(
    private readonly shown: boolean,
    private readonly err: (t: string) => void,
  ) {}

  /** The header and the first line, before anything else happens. */
  start(): void {
    if (!this.shown) return;
    this.err(METER_HEADER);
    this.err(meterLine({ elapsedMs: 0, downloaded: 0 }));
  }

  /**
   * Periodic lines for each whole second passed by `elapsedMs`, except the second the transfer ends in:
   * curl wakes about once a second, and the wake-up that sees the end prints the final line instead.
   */
  tick(elapsedMs: number, endMs = Infinity, state: Omit<MeterState, 'elapsedMs'> = { downloaded: 0 }): void {
    if (!this.shown) return;
    const lastPeriodic = Math.floor(endMs / 1000) - 1;
    while ((this.shownSecond + 1) * 1000 <= elapsedMs && this.shownSecond + 1 <= lastPeriodic) {
      this.shownSecond++;
      this.err(meterLine({ ...state, elapsedMs: this.shownSecond * 1000 }));
    }
  }

  /** The forced final update and its newline (Curl_pgrsDone). */
  done(state: MeterState): void {
    if (!this.shown) return;
    this.tick(state.elapsedMs, state.elapsedMs, state);
    this.err(`${meterLine(state)}\n`);
  }
}
