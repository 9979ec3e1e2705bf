// <podlab-file-cell>: a file cell shown as a file — its name, its content (slotted from the lesson), whether it was written.
import { LitElement, css, html } from 'lit';
import type { FileCell } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { CellRunController } from '../state/cell-run-controller.ts';
import { onCellKey } from './cell-events.ts';
import { cellStyles, setVerdict, statusText } from './cell-styles.ts';
import './podlab-check-list.ts';

export class PodlabFileCell extends LitElement {
  static override properties = { cell: { attribute: false }, run: { attribute: false }, lang: { type: String } };
  static override styles = [
    cellStyles,
    css`.name { font-family: var(--podlab-mono); font-weight: 600; color: var(--podlab-fg, #24292f); } .icon { color: var(--podlab-muted, #57606a); }`,
  ];

  declare cell: FileCell;
  declare run: CellRun | undefined;
  declare lang: string;
  private readonly state = new CellRunController(this);

  constructor() {
    super();
    this.lang = 'en';
    this.addEventListener('keydown', (e) => onCellKey(e, this, this.cell.id));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  override willUpdate(): void {
    this.state.follow(this.run);
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', `${t(this.lang, 'file')} ${this.cell.path}`);
    this.dataset.status = this.run?.status ?? 'initial';
    setVerdict(this, this.run);
  }

  override render() {
    const outcome = this.run?.outcome;
    return html`<div class="cell">
      <div class="bar">
        <svg class="icon" aria-hidden="true" width="14" height="16" viewBox="0 0 14 16"><path d="M1 1h8l4 4v10H1z M9 1v4h4" fill="none" stroke="currentColor" stroke-width="1.3" /></svg><span class="name">${this.cell.path}</span>
        <span class="status" role="status">${statusText(this.lang, this.run)}</span>
      </div>
      <slot></slot>
      <podlab-check-list .expectations=${this.cell.expectations} .checks=${outcome?.checks} lang=${this.lang}></podlab-check-list>
    </div>`;
  }
}

customElements.define('podlab-file-cell', PodlabFileCell);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-file-cell': PodlabFileCell;
  }
}
