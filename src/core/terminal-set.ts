// TerminalSet: the terminals a backend has handed out, so stop() can dispose those their callers left open.
import type { Terminal } from './backend.ts';

export class TerminalSet {
  private readonly open = new Set<Terminal>();

  /** Remember `terminal` until it is disposed (its dispose() is wrapped to forget it); returns it. */
  track(terminal: Terminal): Terminal {
    this.open.add(terminal);
    const dispose = terminal.dispose.bind(terminal);
    terminal.dispose = async () => {
      this.open.delete(terminal);
      await dispose();
    };
    return terminal;
  }

  /** Dispose every terminal still open; one that fails to close does not stop the others. */
  async disposeAll(): Promise<void> {
    for (const t of [...this.open]) await t.dispose().catch(() => undefined);
  }
}
