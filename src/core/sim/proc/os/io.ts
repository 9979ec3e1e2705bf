// Where a command's bytes go and come from: sinks (terminal, capture, file) and a readable stdin.
import { utf8Length, utf8Prefix } from './fs/utf8.ts';
import { USERLAND_LIMITS } from '../limits.ts';

/** Something a command writes to. */
export interface Sink {
  write(text: string): void;
}

/** Collects text (pipes, command substitution); past `cap` bytes it keeps nothing more (a pipe's reader gave up). */
export class CaptureSink implements Sink {
  private parts: string[] = [];
  private bytes = 0;

  constructor(private readonly cap: number = USERLAND_LIMITS.maxCaptureBytes) {}

  write(text: string): void {
    if (this.bytes >= this.cap) return;
    const n = utf8Length(text);
    this.parts.push(this.bytes + n > this.cap ? utf8Prefix(text, this.cap - this.bytes) : text);
    this.bytes += n;
  }

  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }
}

/** The user's terminal for one typed line: keeps output up to maxBytes, then marks it truncated. */
export class TerminalSink implements Sink {
  private readonly parts: string[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly maxBytes: number) {}

  write(text: string): void {
    if (this.truncated || text === '') return;
    const n = utf8Length(text);
    if (this.bytes + n > this.maxBytes) {
      this.parts.push(utf8Prefix(text, this.maxBytes - this.bytes));
      this.bytes = this.maxBytes;
      this.truncated = true;
      return;
    }
    this.parts.push(text);
    this.bytes += n;
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** /dev/null. */
export const NULL_SINK: Sink = { write: () => undefined };

/** A command's standard input: consumed by `read` a line at a time, or all at once by a program. */
export class Input {
  private pos = 0;

  constructor(private readonly data: string) {}

  /** The rest of the input (programs read to end of file). */
  readAll(): string {
    const rest = this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** One line without its newline; undefined at end of input. `complete` is false for a last line without newline. */
  readLine(): { text: string; complete: boolean } | undefined {
    if (this.pos >= this.data.length) return undefined;
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl < 0 ? this.data.length : nl;
    const text = this.data.slice(this.pos, end);
    this.pos = nl < 0 ? this.data.length : nl + 1;
    return { text, complete: nl >= 0 };
  }
}

/** The three standard streams of a command. */
export interface Io {
  stdin: Input;
  stdout: Sink;
  stderr: Sink;
  /** stdout is the user's terminal (programs format for a tty: `ls` in columns). */
  tty: boolean;
}
