// LineEditor: the free terminal's local line editing — insert, delete, cursor keys, history, Tab, Ctrl-C — as pure state.

/** What a key asks the terminal to do, besides redrawing the line. */
export type EditAction =
  | { kind: 'redraw' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt'; line: string }
  | { kind: 'complete'; partial: string }
  | { kind: 'clear-screen' }
  | { kind: 'none' };

/** Key sequences xterm sends (onData) and what they do; a table, so a new key is one row. */
const KEYS: Record<string, (e: LineEditor) => EditAction> = {
  '\r': (e) => e.submit(),
  '\x7f': (e) => e.backspace(),
  '\b': (e) => e.backspace(),
  '\x1b[3~': (e) => e.deleteForward(),
  '\x1b[D': (e) => e.move(-1),
  '\x1b[C': (e) => e.move(1),
  '\x1b[H': (e) => e.moveTo(0),
  '\x1bOH': (e) => e.moveTo(0),
  '\x01': (e) => e.moveTo(0),
  '\x1b[F': (e) => e.moveTo(Infinity),
  '\x1bOF': (e) => e.moveTo(Infinity),
  '\x05': (e) => e.moveTo(Infinity),
  '\x1b[A': (e) => e.history(-1),
  '\x1b[B': (e) => e.history(1),
  '\x03': (e) => e.interrupt(),
  '\x15': (e) => e.killBefore(),
  '\x0b': (e) => e.killAfter(),
  '\x0c': () => ({ kind: 'clear-screen' }),
  '\t': (e) => ({ kind: 'complete', partial: e.line.slice(0, e.cursor) }),
};

/** Longest key sequence, for splitting pasted data. */
const SEQUENCES = Object.keys(KEYS).sort((a, b) => b.length - a.length);

/** Split xterm data into key sequences and runs of plain text. */
export function splitKeys(data: string): string[] {
  const out: string[] = [];
  let text = '';
  let i = 0;
  while (i < data.length) {
    const seq = SEQUENCES.find((s) => data.startsWith(s, i)) ?? (data[i] === '\n' ? '\r' : undefined);
    if (seq !== undefined) {
      if (text) out.push(text);
      text = '';
      out.push(seq);
      i += data[i] === '\n' ? 1 : seq.length;
    } else if (data[i] === '\x1b') {
      // An escape sequence we do not handle: skip it whole (ESC [ params final).
      const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(data.slice(i));
      i += m ? m[0].length : 1;
    } else {
      if (data.charCodeAt(i) >= 0x20) text += data[i];
      i++;
    }
  }
  if (text) out.push(text);
  return out;
}

export class LineEditor {
  line = '';
  cursor = 0;
  private readonly past: string[] = [];
  /** Index into past while browsing history; past.length means the line being written. */
  private browsing = 0;
  private draft = '';
  readonly maxHistory: number;

  constructor(maxHistory = 200) {
    this.maxHistory = maxHistory;
  }

  /** Feed one key sequence (from splitKeys); plain text is inserted. */
  key(seq: string): EditAction {
    const handler = KEYS[seq];
    if (handler) return handler(this);
    this.line = this.line.slice(0, this.cursor) + seq + this.line.slice(this.cursor);
    this.cursor += seq.length;
    return { kind: 'redraw' };
  }

  submit(): EditAction {
    const line = this.line;
    if (line.trim() !== '' && this.past[this.past.length - 1] !== line) {
      this.past.push(line);
      if (this.past.length > this.maxHistory) this.past.shift();
    }
    this.reset();
    return { kind: 'submit', line };
  }

  interrupt(): EditAction {
    const line = this.line;
    this.reset();
    return { kind: 'interrupt', line };
  }

  backspace(): EditAction {
    if (this.cursor === 0) return { kind: 'none' };
    this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
    this.cursor--;
    return { kind: 'redraw' };
  }

  deleteForward(): EditAction {
    if (this.cursor >= this.line.length) return { kind: 'none' };
    this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
    return { kind: 'redraw' };
  }

  move(delta: number): EditAction {
    return this.moveTo(this.cursor + delta);
  }

  moveTo(position: number): EditAction {
    const next = Math.max(0, Math.min(this.line.length, position));
    if (next === this.cursor) return { kind: 'none' };
    this.cursor = next;
    return { kind: 'redraw' };
  }

  killBefore(): EditAction {
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    return { kind: 'redraw' };
  }

  killAfter(): EditAction {
    this.line = this.line.slice(0, this.cursor);
    return { kind: 'redraw' };
  }

  /** Step through history: -1 older, +1 newer; the unfinished line comes back at the end. */
  history(step: number): EditAction {
    if (this.browsing === this.past.length) this.draft = this.line;
    const next = Math.max(0, Math.min(this.past.length, this.browsing + step));
    if (next === this.browsing) return { kind: 'none' };
    this.browsing = next;
    this.line = next === this.past.length ? this.draft : this.past[next];
    this.cursor = this.line.length;
    return { kind: 'redraw' };
  }

  /** Put text in place of the part before the cursor (a completion). */
  replaceBefore(text: string): void {
    this.line = text + this.line.slice(this.cursor);
    this.cursor = text.length;
  }

  /** Put back a history kept from before (oldest first; a reload's terminal remembers its lines). */
  load(entries: readonly string[]): void {
    this.past.splice(0, this.past.length, ...entries.filter((e) => e.trim() !== '').slice(-this.maxHistory));
    this.reset();
  }

  /** The history, oldest first. */
  entries(): readonly string[] {
    return this.past;
  }

  private reset(): void {
    this.line = '';
    this.cursor = 0;
    this.draft = '';
    this.browsing = this.past.length;
  }
}
