// Progress of a grading run on a terminal: one line redrawn in place (a few lines of our own; see docs/grading.md).

/** What the progress line needs from the CLI. */
export interface ProgressSink {
  write(text: string): void;
}

export interface Progress {
  /** One more submission finished. */
  tick(student: string, ok: boolean): void;
  /** Clear the line (before the summary is printed). */
  done(): void;
}

const WIDTH = 24;
/** Redraw at most this often, so 500 quick submissions do not flood the terminal. */
const REDRAW_MS = 100;

/** A bar, the count, the rate and the last student: `[#####.....]  120/500  41.3/s  alice`. */
export function createProgress(sink: ProgressSink, total: number, now: () => number = () => performance.now()): Progress {
  const start = now();
  let done = 0;
  let failed = 0;
  let last = -Infinity;
  const draw = (name: string) => {
    // A folder name could hold terminal escape sequences: show it inert and short.
    const student = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 40);
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
    const secs = Math.max(0.001, (now() - start) / 1000);
    const fail = failed > 0 ? `  ${failed} not graded` : '';
    sink.write(
      `\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total}  ${(done / secs).toFixed(1)}/s${fail}  ${student}`,
    );
  };
  return {
    tick(student, ok) {
      done++;
      if (!ok) failed++;
      if (done === total || now() - last >= REDRAW_MS) {
        last = now();
        draw(student);
      }
    },
    done() {
      sink.write('\r\x1b[K');
    },
  };
}
