// <podlab-cell-terminal>: a read-only xterm showing one run cell's transcript, as wide as its widest line.
import { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { LitElement, css, html } from 'lit';
import { colorTranscript, displayWidth, toTerminal } from '../terminal/terminal-text.ts';
import { bufferText, createXterm, xtermStyles } from '../terminal/xterm-setup.ts';

/** Rows shown before the terminal scrolls. */
const MAX_ROWS = 30;

export class PodlabCellTerminal extends LitElement {
  static override properties = { output: { type: String }, commands: { attribute: false }, label: { type: String } };
  static override styles = [
    xtermStyles,
    css`
      :host { display: block; }
      .scroll { overflow-x: auto; background: #161b22; border-radius: 0 0 6px 6px; padding: 6px 8px; }
      .term { min-width: 100%; }
      .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: pre; }
    `,
  ];

  /** The transcript so far (\n line ends). */
  declare output: string;
  /** The cell's command lines, so echo lines can be colored. */
  declare commands: readonly string[];
  declare label: string;
  private term?: Terminal;
  private fit?: FitAddon;
  private written = '';

  constructor() {
    super();
    this.output = '';
    this.commands = [];
    this.label = '';
  }

  override render() {
    return html`<div class="scroll" role="region" aria-label=${this.label}>
        <div class="term" aria-hidden="true"></div>
      </div>
      <pre class="sr-only">${this.output}</pre>`;
  }

  override firstUpdated(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.term');
    if (!el) return;
    this.term = createXterm({ disableStdin: true, cursorInactiveStyle: 'none', cursorStyle: 'bar', rows: 1, cols: 80 });
    this.fit = new FitAddon();
    this.term.loadAddon(this.fit);
    this.term.open(el);
    this.sync();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('output')) this.sync();
  }

  /** Write what is new; a transcript that was replaced (a re-run) is written afresh. */
  private sync(): void {
    const term = this.term;
    if (!term) return;
    const text = this.output;
    this.resizeFor(text);
    if (text.startsWith(this.written) && this.written !== '') {
      term.write(toTerminal(colorTranscript(text.slice(this.written.length), this.commands)));
    } else {
      term.reset();
      term.write(toTerminal(colorTranscript(text, this.commands)));
    }
    this.written = text;
  }

  private resizeFor(text: string): void {
    const term = this.term;
    if (!term) return;
    const lines = text.replace(/\n$/, '').split('\n');
    const widest = Math.max(0, ...lines.map(displayWidth));
    const fitCols = this.fit?.proposeDimensions()?.cols ?? 80;
    const cols = Math.max(20, fitCols, widest + 1);
    const rows = Math.max(1, Math.min(MAX_ROWS, lines.length + 1));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
  }

  /** The transcript as the terminal shows it (tests read this). */
  text(): string {
    return this.term ? bufferText(this.term) : '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.term?.dispose();
    this.term = undefined;
    this.written = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a move: open a new terminal on the next update.
    if (this.hasUpdated && !this.term) void this.updateComplete.then(() => this.firstUpdated());
  }
}

customElements.define('podlab-cell-terminal', PodlabCellTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-cell-terminal': PodlabCellTerminal;
  }
}
