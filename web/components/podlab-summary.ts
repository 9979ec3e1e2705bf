// <podlab-summary>: the end of a lesson — cells run, checks passed (and points, for an exercise), and once every
// cell ran with every check passed, a "complete" line and the way back to the lessons.
import { LitElement, css, html, nothing } from 'lit';
import type { Cell } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { lessonScore } from '../state/lesson-score.ts';

export class PodlabSummary extends LitElement {
  static override properties = {
    cells: { attribute: false },
    runs: { attribute: false },
    progress: { type: String },
    lang: { type: String },
    exercise: { type: Boolean },
    home: { type: String },
  };
  static override styles = css`
    :host { display: block; margin: 32px 0 0; }
    section { border: 1px solid var(--podlab-border, #d0d7de); border-radius: 8px; padding: 12px 16px; background: var(--podlab-bar, #f6f8fa); }
    section[data-complete] { border-color: #1f883d; background: var(--podlab-success-bg, #dafbe1); }
    h2 { font-size: 16px; margin: 0 0 6px; }
    p { margin: 4px 0; }
    .done { font-weight: 650; }
    .mark { color: var(--podlab-success, #1a7f37); }
    .failed { color: var(--podlab-danger, #cf222e); }
    a { color: var(--podlab-link, #0969da); }
    a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; border-radius: 3px; }
  `;

  declare cells: readonly Cell[];
  declare runs: ReadonlyMap<string, CellRun>;
  /** Changes with the cells' statuses (set by the page, so the same `runs` map re-renders). */
  declare progress: string;
  declare lang: string;
  /** The lesson is an exercise: show points and say "Exercise complete". */
  declare exercise: boolean;
  /** The lesson list's URL. */
  declare home: string;

  constructor() {
    super();
    this.cells = [];
    this.runs = new Map();
    this.lang = 'en';
    this.exercise = false;
    this.home = './';
  }

  override render() {
    const s = lessonScore(this.cells, this.runs);
    if (s.cells === 0) return nothing;
    const parts = [
      t(this.lang, 'summaryCells', { ran: s.ran, total: s.cells }),
      t(this.lang, 'summaryChecks', { passed: s.passed, total: s.checks }),
    ];
    if (this.exercise) parts.push(t(this.lang, 'summaryPoints', { points: s.points, max: s.maxPoints }));
    return html`<section aria-labelledby="summary-title" ?data-complete=${s.complete} data-passed=${s.passed} data-checks=${s.checks}
      data-points=${s.points} data-max-points=${s.maxPoints}>
      <h2 id="summary-title">${t(this.lang, 'summary')}</h2>
      <p role="status" class="line">${parts.join(' · ')}${
        s.failed > 0 ? html` · <span class="failed">${t(this.lang, 'summaryFailed', { failed: s.failed })}</span>` : nothing
      }</p>
      ${
        s.complete
          ? html`<p class="done"><span class="mark" aria-hidden="true">✓ </span>${t(this.lang, this.exercise ? 'summaryExerciseDone' : 'summaryDone')}</p>
            <p><a href=${this.home}>${t(this.lang, 'summaryNext')}</a></p>`
          : nothing
      }
    </section>`;
  }
}

customElements.define('podlab-summary', PodlabSummary);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-summary': PodlabSummary;
  }
}
