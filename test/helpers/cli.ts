// Run the podlab CLI in-process with captured output, as a user would from a shell (no colors).
import { main } from '../../src/node/cli/main.ts';
import type { CliIO } from '../../src/node/cli/context.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), tty: false, color: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
