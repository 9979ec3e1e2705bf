// <podlab-run-cell>: a run cell — its commands (slotted from the lesson), a Run button, the output terminal and the checks.
import { LitElement, css, html, nothing } from 'lit';
import type { RunCell } from '../../src/core/lesson/model.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { CellRunController } from '../state/cell-run-controller.ts';
import { onCellKey, requestRun } from './cell-events.ts';
import { cellStyles, setVerdict, statusText } from './cell-styles.ts';
import './podlab-cell-terminal.ts';
import './podlab-check-list.ts';

export class PodlabRunCell extends LitElement {
  static override properties = { cell: { attribute: false }, run: { attribute: false }, lang: { type: String } };
  static override styles = [
    cellStyles,
    css`
      button.run { font: inherit; font-weight: 600; border: 1px solid #1f883d; background: #1f883d; color: #fff; border-radius: 6px; padding: 3px 12px; cursor: pointer; }
      button.run:hover { background: #1a7f37; }
      button.run:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
      button.run[aria-busy='true'] { background: #8c959f; border-color: #8c959f; }
      podlab-check-list { margin-top: 8px; }
      .error { margin-top: 6px; color: #cf222e; }
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
    this.setAttribute('aria-label', `${t(this.lang, 'run')}: ${this.cell.lines.join('; ')}`);
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
        <button class="run" aria-busy=${String(pending)} aria-label=${t(this.lang, 'runCellLabel', { id: this.cell.id })}
          title="Shift+Enter" @click=${() => requestRun(this, this.cell.id)}>▶ ${t(this.lang, outcome ? 'rerun' : 'run')}</button>
      </div>
      <slot></slot>
      ${showOutput
        ? html`<podlab-cell-terminal .output=${run?.output ?? ''} .commands=${this.cell.lines} label=${`${this.cell.id} output`}></podlab-cell-terminal>`
        : nothing}
      ${run?.error ? html`<div class="error" role="alert">${run.error}</div>` : nothing}
      <podlab-check-list .expectations=${this.cell.expectations} .checks=${outcome?.checks} lang=${this.lang}></podlab-check-list>
    </div>`;
  }
}

/** Where the cell's commands run, as the bar shows it. */
function whereText(cell: RunCell): string {
  const t = cell.target;
  if (t.kind === 'node') return `@ ${t.node}`;
  if (t.kind === 'pod') return `@ pod ${t.namespace ? `${t.namespace}/` : ''}${t.pod}${t.container ? ` (${t.container})` : ''}`;
  return '$';
}

customElements.define('podlab-run-cell', PodlabRunCell);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-run-cell': PodlabRunCell;
  }
}
