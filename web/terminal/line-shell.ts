// LineShell: a line-at-a-time terminal over the session — the editor keeps the line, Enter sends it, the reply is printed.
import type { Terminal } from '@xterm/xterm';
import { applyCompletion } from './completion.ts';
import { LineEditor, splitKeys, type EditAction } from './line-editor.ts';
import { redrawLine } from './line-render.ts';
import { STYLE, toTerminal } from './terminal-text.ts';

/** What the shell needs of the lesson session. */
export interface LineShellSession {
  openTerminal(terminalId: string): Promise<string>;
  typeLine(terminalId: string, line: string): Promise<{ result: { output: string }; prompt: string; depth: number }>;
  complete(terminalId: string, partial: string): Promise<string[]>;
}

/** Where a shell keeps its history across reloads. */
export interface HistoryStore {
  load(): string[];
  save(entries: readonly string[]): void;
}

export class LineShell {
  session: LineShellSession;
  private readonly term: Terminal;
  private readonly id: string;
  private readonly editor = new LineEditor();
  private prompt = '';
  private cursorRow = 0;
  /** A line is running, or the terminal is opening: keys wait in `typeahead`. */
  busy = true;
  private typeahead: string[] = [];

  private readonly history?: HistoryStore;

  constructor(term: Terminal, session: LineShellSession, id: string, history?: HistoryStore) {
    this.term = term;
    this.session = session;
    this.id = id;
    this.history = history;
    if (history) this.editor.load(history.load());
  }

  /** Open the runner's terminal; `fresh` notes that the cluster was replaced. */
  async open(fresh: boolean): Promise<void> {
    this.busy = true;
    if (fresh) this.term.write(`\r\n${STYLE.dim}— new session —${STYLE.reset}\r\n`);
    try {
      this.prompt = await this.session.openTerminal(this.id);
    } catch (e: unknown) {
      this.term.write(`${STYLE.error}${e instanceof Error ? e.message : String(e)}${STYLE.reset}\r\n`);
      return;
    }
    this.cursorRow = 0;
    this.draw();
    this.idle();
  }

  input(data: string): void {
    for (const key of splitKeys(data)) this.typeahead.push(key);
    if (!this.busy) this.idle();
  }

  /** Handle queued keys until one starts a request. */
  private idle(): void {
    this.busy = false;
    while (!this.busy && this.typeahead.length > 0) this.act(this.editor.key(this.typeahead.shift() as string));
  }

  private act(a: EditAction): void {
    if (a.kind === 'redraw') this.draw();
    else if (a.kind === 'submit') {
      this.history?.save(this.editor.entries());
      void this.submit(a.line);
    } else if (a.kind === 'interrupt') {
      this.draw(a.line);
      this.term.write('^C\r\n');
      this.cursorRow = 0;
      this.draw();
    } else if (a.kind === 'complete') void this.completeLine(a.partial);
    else if (a.kind === 'clear-screen') {
      this.term.clear();
      this.term.write('\x1b[H\x1b[2J');
      this.cursorRow = 0;
      this.draw();
    }
  }

  private draw(line = this.editor.line, cursor = line === this.editor.line ? this.editor.cursor : line.length): void {
    const styled = `${STYLE.prompt}${this.prompt}${STYLE.reset}`;
    const d = redrawLine(this.prompt, styled, line, cursor, this.term.cols, this.cursorRow);
    this.term.write(d.data);
    this.cursorRow = d.cursorRow;
  }

  private async submit(line: string): Promise<void> {
    this.busy = true;
    this.draw(line);
    this.term.write('\r\n');
    this.cursorRow = 0;
    try {
      const r = await this.session.typeLine(this.id, line);
      this.term.write(toTerminal(r.result.output));
      this.prompt = r.prompt;
      if (r.depth === 0) {
        // The learner left the shell: open a new one, as a terminal tab would.
        this.term.write(`${STYLE.dim}[shell exited; new shell]${STYLE.reset}\r\n`);
        this.prompt = await this.session.openTerminal(this.id);
      }
    } catch (e: unknown) {
      this.term.write(`${STYLE.error}${e instanceof Error ? e.message : String(e)}${STYLE.reset}\r\n`);
    }
    this.draw();
    this.idle();
  }

  private async completeLine(partial: string): Promise<void> {
    this.busy = true;
    try {
      const result = applyCompletion(partial, await this.session.complete(this.id, partial));
      if (result.listing.length > 1 && result.text === partial) {
        this.term.write(`\r\n${result.listing.join('  ')}\r\n`);
        this.cursorRow = 0;
      }
      this.editor.replaceBefore(result.text);
    } catch {
      // No completion: keep the line.
    }
    this.draw();
    this.idle();
  }
}
