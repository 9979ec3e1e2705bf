// A Terminal over a real interactive bash in a pty (node-pty): a prompt marker carries each line's exit status;
// a nested interactive shell (`kubectl exec -it POD -- sh`, `docker exec -it`) is followed by its own prompt.
import type { LineResult, Terminal, TypeOptions } from '../../../core/index.ts';
import { plainText } from './ansi.ts';

/** The part of node-pty's IPty used here. */
export interface Pty {
  readonly pid: number;
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (e: { exitCode: number }) => void): { dispose(): void };
  write(data: string): void;
  kill(signal?: string): void;
}

export type PtySpawn = (
  file: string,
  args: string[],
  options: { name: string; cols: number; rows: number; cwd: string; env: Record<string, string> },
) => Pty;

/** Lines that may open a nested interactive shell: only then is an idle prompt-looking line taken as a prompt. */
const OPENS_SHELL =
  /\b(kubectl\b.*\b(exec|run|debug|attach)\b.*\s-(\w*i\w*t|\w*t\w*i)\b|docker\s+exec\s+-(\w*i\w*t|\w*t\w*i)\b|(ba|z|da|a)?sh\s*$)/;
/** What a shell prompt's last characters look like: `/ # `, `root@x:/# `, `$ `. */
const PROMPT_END = /[#$>%] ?$/;
/** Wall ms of silence after which a prompt-looking tail counts as a prompt. */
export const IDLE_MS = 400;

export interface PtyTerminalOptions {
  cwd: string;
  env: Record<string, string>;
  /** What the first shell is: default an interactive bash without rc files. */
  command?: [string, string[]];
  /** The prompt shown for the first shell (the marker is hidden), e.g. "$ ". */
  displayPrompt: string;
}

export class PtyTerminal implements Terminal {
  private buffer = '';
  private readonly stack: string[] = [];
  private exited = false;
  private readonly token = Math.random().toString(36).slice(2, 10);
  private readonly marker: RegExp;
  private waiter?: () => void;

  private constructor(
    private readonly pty: Pty,
    private readonly displayPrompt: string,
  ) {
    // a shell that does not expand $? in PS1 leaves it as is: the status is then unknown (0)
    this.marker = new RegExp(`__PODLAB_${this.token}_(\\d+|\\$\\?)__ $`);
    pty.onData((d) => {
      this.buffer += d;
      this.waiter?.();
    });
    pty.onExit(() => {
      this.exited = true;
      this.waiter?.();
    });
  }

  /** Start the shell and wait for its first prompt. */
  static async open(spawn: PtySpawn, options: PtyTerminalOptions): Promise<PtyTerminal> {
    const [file, args] = options.command ?? ['bash', ['--norc', '--noprofile', '-i']];
    const t0 = new PtyTerminal(
      spawn(file, args, { name: 'xterm', cols: 1000, rows: 50, cwd: options.cwd, env: { ...options.env, TERM: 'xterm' } }),
      options.displayPrompt,
    );
    // PS1 is set after start so images whose bash reads an rc file (docker exec into a node) get it too.
    t0.pty.write(
      `export PS1='__PODLAB_${t0.token}_$?__ ' PS2='> '; bind 'set enable-bracketed-paste off' 2>/dev/null; unset PROMPT_COMMAND\r`,
    );
    const ok = await t0.waitFor(() => t0.marker.test(t0.buffer), 15_000);
    if (!ok) {
      t0.pty.kill('SIGKILL');
      throw new Error(`the shell did not start: ${plainText(t0.buffer).slice(-200)}`);
    }
    t0.buffer = '';
    return t0;
  }

  prompt(): string {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : this.displayPrompt;
  }

  depth(): number {
    return this.exited ? 0 : this.stack.length + 1;
  }

  /**
   * Resolve true once `done()` holds (with `idleMs`, only after that much silence), or at once when `now()` holds;
   * false after `timeoutMs`.
   */
  private waitFor(done: () => boolean, timeoutMs: number, idleMs = 0, now?: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      let idle: NodeJS.Timeout | undefined;
      const finish = (v: boolean) => {
        clearTimeout(timer);
        if (idle) clearTimeout(idle);
        this.waiter = undefined;
        resolve(v);
      };
      const check = () => {
        if (this.exited || now?.()) return finish(true);
        if (idleMs === 0) {
          if (done()) finish(true);
          return;
        }
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => done() && finish(true), idleMs);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiter = check;
      check();
    });
  }

  async type(line: string, options: TypeOptions): Promise<LineResult> {
    const start = Date.now();
    if (this.exited)
      return {
        output: 'podlab: this terminal has exited; open a new one\n',
        exitCode: 1,
        durationMs: 0,
        timedOut: false,
        truncated: false,
      };
    this.buffer = '';
    const nestedBefore = this.stack.length;
    const mayOpen = OPENS_SHELL.test(line.trim());
    this.pty.write(`${line}\r`);
    let exitCode = 0;
    const settled = () => {
      const m = this.marker.exec(this.buffer);
      if (m) return true;
      if (nestedBefore > 0 || mayOpen)
        return PROMPT_END.test(plainText(this.buffer).split('\n').pop() ?? '') && this.buffer.length > line.length + 2;
      return false;
    };
    // the first shell's marker ends a line at once; a nested shell's prompt only after a moment of silence
    let finished = await this.waitFor(settled, options.timeoutMs, nestedBefore > 0 || mayOpen ? IDLE_MS : 0, () =>
      this.marker.test(this.buffer),
    );
    if (!finished) {
      this.pty.write('\x03');
      await this.waitFor(() => this.marker.test(this.buffer), 3000);
    }
    const m = this.marker.exec(this.buffer);
    let text = plainText(m ? this.buffer.slice(0, m.index) : this.buffer);
    if (m) {
      exitCode = /^\d+$/.test(m[1]) ? Number(m[1]) : 0;
      this.stack.length = 0; // back at the first shell: every nested shell has exited
    } else if (finished && !this.exited) {
      // a nested shell's prompt ends the output: remember it as the prompt now shown
      const last = text.slice(text.lastIndexOf('\n') + 1);
      text = text.slice(0, text.length - last.length);
      if (mayOpen) this.stack.push(last);
      else {
        if (/^exit\b/.test(line.trim()) && this.stack.length > 1) this.stack.pop();
        this.stack[this.stack.length - 1] = last;
      }
    }
    if (this.exited) finished = true;
    // drop the echo of the typed line
    const echoEnd = text.indexOf('\n');
    let output = text;
    if (echoEnd >= 0 && text.slice(0, echoEnd).trimEnd().endsWith(line.trimEnd())) output = text.slice(echoEnd + 1);
    else if (text.trimEnd().endsWith(line.trimEnd()) && !text.includes('\n')) output = '';
    let truncated = false;
    if (Buffer.byteLength(output) > options.maxOutputBytes) {
      output = Buffer.from(output).subarray(0, options.maxOutputBytes).toString('utf8');
      truncated = true;
    }
    options.onOutput?.(output);
    return { output, exitCode: finished ? exitCode : 130, durationMs: Date.now() - start, timedOut: !finished, truncated };
  }

  /** Hang up the shell; one that lingers (a foreground job ignoring SIGHUP) is killed, so no process outlives us. */
  async dispose(): Promise<void> {
    if (!this.exited) {
      this.pty.kill('SIGHUP');
      await this.waitFor(() => this.exited, 1000);
    }
    this.exited = true;
    try {
      process.kill(this.pty.pid, 0);
      process.kill(this.pty.pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
}
