// Running a program to completion with a time limit and an output cap: the kube backend's only way to call
// kubectl, docker and kind (never through a shell, so no quoting bugs).
import { spawn } from 'node:child_process';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** Exit status; 127 when the program is not installed. */
  code: number;
  timedOut: boolean;
  /** The spawn error (ENOENT = not installed), if any. */
  error?: string;
}

export interface ProcessOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Killed (SIGKILL) after this many ms; default 60 s. */
  timeoutMs?: number;
  input?: string;
  /** Output kept per stream, in bytes; default 4 MiB. */
  maxBytes?: number;
}

/** Run `file args…`; resolves (never rejects) with what it printed and how it ended. */
export function runProcess(file: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const max = options.maxBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let spawnError: string | undefined;
    child.stdout.on('data', (d: Buffer) => {
      if (outBytes < max) out.push(d);
      outBytes += d.length;
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errBytes < max) err.push(d);
      errBytes += d.length;
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code ?? e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: spawnError === 'ENOENT' ? 127 : (code ?? (signal ? 128 + 9 : 1)),
        timedOut,
        error: spawnError,
      });
    });
  });
}
