// <podlab-lesson-article>: the lesson's Markdown as HTML, with each cell's fence upgraded to a run or file cell element.
import { LitElement, css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Cell } from '../../src/core/lesson/model.ts';
import type { CellRun } from '../state/cell-run.ts';
import { proseStyles } from './prose-styles.ts';
import './podlab-file-cell.ts';
import './podlab-run-cell.ts';

export class PodlabLessonArticle extends LitElement {
  static override properties = { html: { attribute: false }, cells: { attribute: false }, runs: { attribute: false }, lang: { type: String } };
  static override styles = [proseStyles, css`:host { display: block; } .podlab-expect { display: none; }`];

  /** The lesson rendered by createMarkdown() (trusted: raw HTML is off in lessons). */
  declare html: string;
  declare cells: readonly Cell[];
  declare runs: ReadonlyMap<string, CellRun>;
  declare lang: string;
  private upgraded = '';

  constructor() {
    super();
    this.html = '';
    this.cells = [];
    this.runs = new Map();
    this.lang = 'en';
  }

  override render() {
    return html`<article>${unsafeHTML(this.html)}</article>`;
  }

  override updated(): void {
    if (this.upgraded !== this.html) {
      this.upgrade();
      this.upgraded = this.html;
    }
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('podlab-run-cell, podlab-file-cell')) el.lang = this.lang;
  }

  /** Replace each `<div class="podlab-cell" data-cell-id>` with its element; the fence's <pre> moves inside as the slot. */
  private upgrade(): void {
    const byId = new Map(this.cells.map((c) => [c.id, c]));
    for (const div of this.renderRoot.querySelectorAll<HTMLElement>('div.podlab-cell[data-cell-id]')) {
      const cell = byId.get(div.dataset.cellId ?? '');
      if (!cell) continue;
      const el = cell.kind === 'run' ? document.createElement('podlab-run-cell') : document.createElement('podlab-file-cell');
      (el as { cell: Cell }).cell = cell;
      el.run = this.runs.get(cell.id);
      el.lang = this.lang;
      el.dataset.cellId = cell.id;
      el.append(...div.childNodes);
      div.replaceWith(el);
    }
  }
}

customElements.define('podlab-lesson-article', PodlabLessonArticle);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-lesson-article': PodlabLessonArticle;
  }
}
