// What every CLI command gets: output streams, color, and the exit status it sets.
import { styleText } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (colors, progress bars). */
  readonly tty: boolean;
  readonly color: boolean;
}

export type Style = Parameters<typeof styleText>[0];

/** Color text when the output is a terminal and NO_COLOR is unset. */
export function paint(io: CliIO, style: Style, text: string): string {
  return io.color ? styleText(style, text) : text;
}

export function processIO(): CliIO {
  const tty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    tty,
    color: tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}
