// <podlab-lesson-article>: the lesson's Markdown as HTML, with each cell's fence upgraded to a run or file cell element.
import { LitElement, css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Cell } from '../../src/core/page.ts';
import type { CellRun } from '../state/cell-run.ts';
import type { LessonAnswers } from '../state/lesson-answers.ts';
import { CELL_SELECTOR } from './cell-events.ts';
import { proseStyles } from './prose-styles.ts';
import './podlab-exercise-cell.ts';
import './podlab-file-cell.ts';
import './podlab-run-cell.ts';

export class PodlabLessonArticle extends LitElement {
  static override properties = {
    html: { attribute: false },
    cells: { attribute: false },
    runs: { attribute: false },
    answers: { attribute: false },
    lang: { type: String },
  };
  static override styles = [proseStyles, css`:host { display: block; } .podlab-expect { display: none; }`];

  /** The lesson rendered by createMarkdown() (trusted: raw HTML is off in lessons). */
  declare html: string;
  declare cells: readonly Cell[];
  declare runs: ReadonlyMap<string, CellRun>;
  /** The learner's texts of exercise cells; absent: exercise cells show as the author wrote them. */
  declare answers: LessonAnswers | undefined;
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
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>(CELL_SELECTOR)) el.lang = this.lang;
  }

  /**
   * Replace each `<div class="podlab-cell" data-cell-id>` with its element: the fence's <pre> moves inside
   * as the slot, except for exercise cells, which show the learner's editor instead.
   */
  private upgrade(): void {
    const byId = new Map(this.cells.map((c) => [c.id, c]));
    for (const div of this.renderRoot.querySelectorAll<HTMLElement>('div.podlab-cell[data-cell-id]')) {
      const cell = byId.get(div.dataset.cellId ?? '');
      if (!cell) continue;
      const el = this.elementFor(cell);
      el.run = this.runs.get(cell.id);
      el.lang = this.lang;
      el.dataset.cellId = cell.id;
      if (el.localName !== 'podlab-exercise-cell') el.append(...div.childNodes);
      div.replaceWith(el);
    }
  }

  private elementFor(cell: Cell): HTMLElement & { run?: CellRun } {
    if (cell.exercise && this.answers) {
      const el = document.createElement('podlab-exercise-cell');
      el.cell = cell;
      el.answers = this.answers;
      return el;
    }
    const el = cell.kind === 'run' ? document.createElement('podlab-run-cell') : document.createElement('podlab-file-cell');
    (el as { cell: Cell }).cell = cell;
    return el;
  }
}

customElements.define('podlab-lesson-article', PodlabLessonArticle);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-lesson-article': PodlabLessonArticle;
  }
}
