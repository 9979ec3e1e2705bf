// <podlab-run-cell>: a run cell — its commands (slotted from the lesson), a Run button, the output terminal and the checks.
import { LitElement, css, html, nothing } from 'lit';
import type { RunCell } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { CellRunController } from '../state/cell-run-controller.ts';
import { onCellKey, requestRun } from './cell-events.ts';
import { cellStyles, setVerdict, statusText } from './cell-styles.ts';
import { runButtonContent, runButtonStyles, whereText } from './run-button.ts';
import { inDoubt, runContextNote, runContextStyles } from './run-context.ts';
import './podlab-cell-terminal.ts';
import './podlab-check-list.ts';

export class PodlabRunCell extends LitElement {
  static override properties = { cell: { attribute: false }, run: { attribute: false }, lang: { type: String } };
  static override styles = [
    cellStyles,
    runButtonStyles,
    runContextStyles,
    css`
      podlab-check-list { margin-top: 8px; }
      .error { margin-top: 6px; color: var(--podlab-danger, #cf222e); }
    `,
  ];

  declare cell: RunCell;
  declare run: CellRun | undefined;
  declare lang: string;
  private readonly state = new CellRunController(this);

  constructor() {
    super();
    this.lang = 'en';
    this.addEventListener('keydown', (e) => {
      if (e.target === this || (e.target as HTMLElement).tagName === 'BUTTON') onCellKey(e, this, this.cell.id);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  override willUpdate(): void {
    this.state.follow(this.run);
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', t(this.lang, 'cellRef', { id: this.cell.id }));
    this.dataset.status = this.run?.status ?? 'initial';
    setVerdict(this, this.run);
  }

  override render() {
    const run = this.run;
    const pending = run?.status === 'pending';
    const outcome = run?.status === 'complete' || run?.status === 'error' ? run.outcome : undefined;
    const showOutput = (run?.output ?? '') !== '';
    return html`<div class="cell">
      <div class="bar">
        <span class="where">${whereText(this.cell)}</span>
        <span class="status" role="status" aria-live="polite">${statusText(this.lang, run)}</span>
        <button class="run" aria-busy=${String(pending)}
          title="Shift+Enter" @click=${() => requestRun(this, this.cell.id)}>${runButtonContent(this.lang, outcome !== undefined, this.cell.id)}</button>
      </div>
      <slot></slot>
      ${
        showOutput
          ? html`<podlab-cell-terminal .output=${run?.output ?? ''} .commands=${this.cell.lines} label=${`${this.cell.id} output`}></podlab-cell-terminal>`
          : nothing
      }
      ${run?.error ? html`<div class="error" role="alert">${run.error}</div>` : nothing}
      ${runContextNote(this, this.lang, run, this.cell.id)}
      <podlab-check-list .expectations=${this.cell.expectations} .checks=${outcome?.checks} ?doubt=${inDoubt(run)} lang=${this.lang}></podlab-check-list>
    </div>`;
  }
}

customElements.define('podlab-run-cell', PodlabRunCell);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-run-cell': PodlabRunCell;
  }
}
