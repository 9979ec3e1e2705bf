// A captured CliIO for tests of `podlab` commands.
import type { CliIO } from '../../../src/node/cli/context.ts';

export interface CapturedIO extends CliIO {
  stdout: string;
  stderr: string;
}

export function captureIO(tty = false): CapturedIO {
  const io: CapturedIO = {
    stdout: '',
    stderr: '',
    out: (t) => void (io.stdout += t),
    err: (t) => void (io.stderr += t),
    tty,
    color: false,
  };
  return io;
}
