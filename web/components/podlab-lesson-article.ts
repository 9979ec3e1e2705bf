// <podlab-lesson-article>: the lesson's Markdown as HTML, with each cell's fence upgraded to a run or file cell element.
import { LitElement, css, html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Cell } from '../../src/core/page.ts';
import type { CellRun } from '../state/cell-run.ts';
import type { LessonAnswers } from '../state/lesson-answers.ts';
import { t } from '../i18n/strings.ts';
import { CELL_SELECTOR } from './cell-events.ts';
import { shellLines } from './shell-lines.ts';
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
    solutions: { attribute: false },
    lang: { type: String },
  };
  static override styles = [
    proseStyles,
    css`
      :host { display: block; }
      .podlab-expect { display: none; }
      details.hint { margin: 0.8em 0; border: 1px solid #d4a72c; border-radius: 6px; padding: 4px 12px; background: var(--podlab-attention-bg, #fff8c5); }
      details.hint summary { cursor: pointer; font-weight: 600; }
      details.hint summary:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
      details.hint p { white-space: pre-line; }
      .try { display: flex; justify-content: flex-end; margin: -0.6em 0 0.8em; }
      .try button { font: inherit; font-size: 12px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bg, #fff); color: var(--podlab-link, #0969da); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
      .try button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
      .repo-file { font-family: var(--podlab-mono); font-size: 0.92em; }
    `,
  ];

  /** The lesson rendered by createMarkdown() (trusted: raw HTML is off in lessons). */
  declare html: string;
  declare cells: readonly Cell[];
  declare runs: ReadonlyMap<string, CellRun>;
  /** The learner's texts of exercise cells; absent: exercise cells show as the author wrote them. */
  declare answers: LessonAnswers | undefined;
  /** Reference solutions the author lets the page reveal (`solution: reveal`), by exercise cell id. */
  declare solutions: Readonly<Record<string, string>> | undefined;
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
    this.addHints();
    this.addTryButtons();
    this.unlinkRepoFiles();
  }

  /**
   * A relative link to a Markdown file (`../../docs/grading.md`) points into the course repository, which the
   * site does not serve: shown as the file's name, not as a link that would end in "not found".
   */
  private unlinkRepoFiles(): void {
    for (const a of this.renderRoot.querySelectorAll<HTMLAnchorElement>('article a[href]')) {
      const href = a.getAttribute('href') ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('/')) continue;
      if (!/\.md(?:[?#].*)?$/i.test(href)) continue;
      const span = document.createElement('span');
      span.className = 'repo-file';
      span.title = t(this.lang, 'repoFile');
      span.dataset.href = href;
      span.append(...a.childNodes);
      a.replaceWith(span);
    }
  }

  /**
   * Each `hint` fence becomes a folded disclosure ("Hint" / "提示"; numbered when the lesson has several) that
   * the learner opens when stuck; its text shows as paragraphs (blank lines separate them).
   */
  private addHints(): void {
    const hints = [...this.renderRoot.querySelectorAll<HTMLElement>('pre > code.language-hint')];
    hints.forEach((code, i) => {
      const details = document.createElement('details');
      details.className = 'hint';
      const summary = document.createElement('summary');
      summary.textContent = hints.length > 1 ? t(this.lang, 'hintN', { n: i + 1, total: hints.length }) : t(this.lang, 'hint');
      details.append(summary);
      for (const para of (code.textContent ?? '').trim().split(/\n\s*\n/)) {
        const p = document.createElement('p');
        p.textContent = para;
        details.append(p);
      }
      code.parentElement?.replaceWith(details);
    });
  }

  /**
   * A "Run in terminal" button under each plain shell block (not a cell): it sends the block's commands to the
   * free terminal (`podlab-try`), where they run as if typed — for trying things the lesson does not check.
   */
  private addTryButtons(): void {
    for (const code of this.renderRoot.querySelectorAll<HTMLElement>('pre > code')) {
      const pre = code.parentElement as HTMLElement;
      if (pre.closest('.podlab-expect') || pre.parentElement?.closest(CELL_SELECTOR)) continue;
      const lang = /\blanguage-(\w+)/.exec(code.className)?.[1] ?? '';
      const lines = shellLines(lang, code.textContent ?? '');
      if (lines.length === 0) continue;
      const bar = document.createElement('div');
      bar.className = 'try';
      const button = document.createElement('button');
      button.type = 'button';
      button.title = t(this.lang, 'tryInTerminalLabel');
      button.textContent = `▶ ${t(this.lang, 'tryInTerminal')}`;
      button.addEventListener('click', () =>
        this.dispatchEvent(new CustomEvent('podlab-try', { detail: { lines }, bubbles: true, composed: true })),
      );
      bar.append(button);
      pre.after(bar);
    }
  }

  private elementFor(cell: Cell): HTMLElement & { run?: CellRun } {
    if (cell.exercise && this.answers) {
      const el = document.createElement('podlab-exercise-cell');
      el.cell = cell;
      el.answers = this.answers;
      el.solution = this.solutions?.[cell.id];
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
