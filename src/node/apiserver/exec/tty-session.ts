// An interactive shell over a raw terminal stream (`kubectl exec -it POD -- bash`): a small line discipline
// (echo, backspace, ^C, ^D, ^U) in front of the simulator's Terminal, which runs one line at a time.
import type { Terminal } from '../../../core/index.ts';

/** Simulated time and output a single typed line may take. */
export const LINE_BUDGET = { timeoutMs: 5 * 60_000, maxOutputBytes: 1024 * 1024 };

export interface TtyIo {
  /** Bytes for the client's terminal (already with CRLF line ends). */
  write(text: string): void;
  /** The shell exited with this status. */
  exit(status: number): void;
}

/** To the terminal: LF becomes CRLF as a pty's output processing (onlcr) does. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TtySession {
  private line = '';
  private queue: Promise<void> = Promise.resolve();
  private readonly decoder = new TextDecoder();
  private escape = '';
  private done = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly io: TtyIo,
  ) {
    io.write(terminal.prompt());
  }

  /** Keystrokes from the client, in order; lines run one after another. */
  input(data: Buffer): void {
    const text = this.decoder.decode(data, { stream: true });
    this.queue = this.queue.then(() => this.keys(text));
  }

  /** The client closed stdin: like ^D at an empty prompt. */
  hangup(): void {
    this.queue = this.queue.then(() => this.finish(0));
  }

  private async keys(text: string): Promise<void> {
    for (const ch of text) {
      if (this.done) return;
      if (this.escape) {
        // skip an escape sequence (arrow keys): ESC [ ... final byte
        this.escape += ch;
        if (this.escape.length > 1 && /[@-~]/.test(ch) && !(this.escape.length === 2 && ch === '[')) this.escape = '';
        continue;
      }
      await this.key(ch);
    }
  }

  private async key(ch: string): Promise<void> {
    const keys: Record<string, () => Promise<void> | void> = {
      '\x1b': () => void (this.escape = ch),
      '\r': () => this.enter(),
      '\n': () => this.enter(),
      '\x7f': () => this.backspace(),
      '\b': () => this.backspace(),
      '\x03': () => {
        this.line = '';
        this.io.write(`^C\r\n${this.terminal.prompt()}`);
      },
      '\x15': () => {
        this.io.write('\b \b'.repeat([...this.line].length));
        this.line = '';
      },
      '\x04': () => (this.line === '' ? this.run('exit', false) : undefined),
    };
    const action = keys[ch];
    if (action) return action();
    if (ch < ' ' && ch !== '\t') return;
    this.line += ch;
    this.io.write(ch);
  }

  private backspace(): void {
    if (this.line === '') return;
    this.line = [...this.line].slice(0, -1).join('');
    this.io.write('\b \b');
  }

  private async enter(): Promise<void> {
    const line = this.line;
    this.line = '';
    this.io.write('\r\n');
    await this.run(line, true);
  }

  private async run(line: string, echoed: boolean): Promise<void> {
    if (!echoed) this.io.write(`${line}\r\n`);
    const r = await this.terminal.type(line, LINE_BUDGET);
    this.io.write(crlf(r.output));
    if (this.terminal.depth() === 0) return this.finish(r.exitCode);
    this.io.write(this.terminal.prompt());
  }

  private async finish(status: number): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.terminal.dispose();
    this.io.exit(status);
  }
}
