// <podlab-cell-terminal>: one run cell's transcript as plain, selectable text in terminal colours (no xterm: nothing
// in it takes keyboard input, so Tab passes through; screen readers read it like any other text).
import { LitElement, css, html } from 'lit';
import { transcriptLines } from '../terminal/terminal-text.ts';

export class PodlabCellTerminal extends LitElement {
  static override properties = { output: { type: String }, commands: { attribute: false }, label: { type: String } };
  static override styles = css`
    :host { display: block; }
    pre {
      margin: 0; overflow-x: auto; max-height: 34em; overflow-y: auto; background: #161b22; color: #e6edf3;
      padding: 6px 10px; font-family: var(--podlab-mono, ui-monospace, monospace); font-size: 13px; line-height: 1.3;
      white-space: pre; tab-size: 8;
    }
    pre:focus-visible { outline: 3px solid #58a6ff; outline-offset: -3px; }
    .prompt { color: #56d364; font-weight: 700; }
    .command { font-weight: 700; color: #ffffff; }
    @media (max-width: 600px) { pre { font-size: 12px; } }
  `;

  /** The transcript so far (\n line ends). */
  declare output: string;
  /** The cell's command lines, so echo lines can be colored. */
  declare commands: readonly string[];
  declare label: string;

  constructor() {
    super();
    this.output = '';
    this.commands = [];
    this.label = '';
  }

  override render() {
    const lines = transcriptLines(this.output.replace(/\n$/, ''), this.commands);
    // tabindex 0: a region that scrolls sideways must be reachable by keyboard (arrow keys scroll it); Tab moves on.
    return html`<pre tabindex="0" role="region" aria-label=${this.label}>${lines.map(
      (l, i) =>
        html`${i > 0 ? '\n' : ''}${
          l.prompt === undefined ? l.text : html`<span class="prompt">${l.prompt}</span><span class="command">${l.text}</span>`
        }`,
    )}</pre>`;
  }

  /** The transcript as shown, right-trimmed lines without trailing empty ones (tests read this). */
  text(): string {
    const shown = this.renderRoot.querySelector('pre')?.textContent ?? '';
    const lines = shown.split('\n').map((l) => l.replace(/\s+$/, ''));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }
}

customElements.define('podlab-cell-terminal', PodlabCellTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-cell-terminal': PodlabCellTerminal;
  }
}
