// <podlab-exercise-cell>: a cell the learner writes — an editor starting from the student copy's text, Run, the output and the visible checks.
import { LitElement, css, html, nothing } from 'lit';
import { type Cell, cellWithAnswer, yamlSyntaxErrors } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { CellRunController } from '../state/cell-run-controller.ts';
import type { LessonAnswers } from '../state/lesson-answers.ts';
import { requestRun } from './cell-events.ts';
import { cellStyles, setVerdict, statusText } from './cell-styles.ts';
import { runButtonContent, runButtonStyles, whereText } from './run-button.ts';
import { inDoubt, runContextNote, runContextStyles } from './run-context.ts';
import './podlab-cell-terminal.ts';
import './podlab-check-list.ts';
import './podlab-code-editor.ts';

export class PodlabExerciseCell extends LitElement {
  static override properties = {
    cell: { attribute: false },
    run: { attribute: false },
    answers: { attribute: false },
    solution: { attribute: false },
    lang: { type: String },
    blocked: { state: true },
  };
  static override styles = [
    cellStyles,
    runButtonStyles,
    runContextStyles,
    css`
      .tag { font-size: 12px; font-weight: 600; color: var(--podlab-attention, #9a6700); background: var(--podlab-attention-bg, #fff8c5); border: 1px solid #d4a72c; border-radius: 10px; padding: 0 8px; }
      .name { font-family: var(--podlab-mono); font-weight: 600; color: var(--podlab-fg, #24292f); }
      button.restart { font: inherit; font-size: 12px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bg, #fff); border-radius: 6px; padding: 2px 8px; cursor: pointer; white-space: nowrap; }
      .tag { white-space: nowrap; }
      button.restart:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
      podlab-check-list { margin-top: 8px; }
      .error { margin: 6px 8px; color: var(--podlab-danger, #cf222e); }
      details.solution { margin: 8px; border: 1px solid var(--podlab-border, #d0d7de); border-radius: 6px; padding: 4px 10px; }
      details.solution summary { cursor: pointer; font-weight: 600; font-size: 13px; }
      details.solution summary:focus-visible, button.use:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
      details.solution pre { font-family: var(--podlab-mono); font-size: 13px; overflow-x: auto; margin: 6px 0; }
      button.use { font: inherit; font-size: 12px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bg, #fff); color: inherit; border-radius: 6px; padding: 2px 8px; cursor: pointer; margin-bottom: 6px; }
      .status[data-blocked] { color: var(--podlab-danger, #cf222e); font-weight: 600; }
    `,
  ];

  declare cell: Cell;
  declare run: CellRun | undefined;
  /** Where the learner's text lives (the lesson session's). */
  declare answers: LessonAnswers;
  /** The reference solution, when the author lets the page reveal it (`solution: reveal`); else undefined. */
  declare solution: string | undefined;
  declare lang: string;
  /** Run was pressed on YAML with errors: nothing was written, and the cell says so. */
  declare blocked: boolean;
  private readonly state = new CellRunController(this);
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.lang = 'en';
    this.blocked = false;
    this.addEventListener('podlab-submit', () => this.tryRun());
    this.addEventListener('podlab-edit', (e) => {
      e.stopPropagation();
      const value = (e as CustomEvent<{ value: string }>).detail.value;
      this.blocked = false;
      this.dispatchEvent(
        new CustomEvent('podlab-answer', { detail: { cellId: this.cell.id, text: value }, bubbles: true, composed: true }),
      );
    });
  }

  /** The YAML errors of a .yaml/.yml file cell's text (none for other cells). */
  private yamlErrors(text: string) {
    return this.cell.kind === 'file' && /\.ya?ml$/i.test(this.cell.path) ? yamlSyntaxErrors(text) : [];
  }

  /** Run, unless the YAML has errors: then nothing is written and the cell says so at the line. */
  private tryRun(): void {
    if (this.yamlErrors(this.answers?.text(this.cell.id) ?? '').length > 0) {
      this.blocked = true;
      return;
    }
    this.blocked = false;
    requestRun(this, this.cell.id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Re-render when the text changes from elsewhere (Start over, a resumed session's answers). */
  private follow(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.answers?.subscribe(() => this.requestUpdate());
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('answers')) this.follow();
    this.state.follow(this.run);
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', `${t(this.lang, 'exercise')}: ${this.cell.kind === 'file' ? this.cell.path : this.cell.id}`);
    this.dataset.status = this.run?.status ?? 'initial';
    setVerdict(this, this.run);
  }

  override render() {
    const { cell, run } = this;
    const text = this.answers?.text(cell.id) ?? '';
    const pending = run?.status === 'pending';
    const outcome = run?.status === 'complete' || run?.status === 'error' ? run.outcome : undefined;
    const commands = cell.kind === 'run' ? (cellWithAnswer(cell, text) as typeof cell).lines : [];
    const label = cell.kind === 'file' ? t(this.lang, 'editorFileLabel', { path: cell.path }) : t(this.lang, 'editorCommandsLabel');
    return html`<div class="cell">
      <div class="bar">
        ${cell.kind === 'file' ? html`<span class="name">${cell.path}</span>` : html`<span class="where">${whereText(cell)}</span>`}
        <span class="tag">${t(this.lang, 'exercise')}</span>
        <span class="status" role="status" aria-live="polite" ?data-blocked=${this.blocked}>${this.blocked ? t(this.lang, 'yamlBlocked') : statusText(this.lang, run)}</span>
        <button class="restart" ?disabled=${this.answers?.untouched(cell.id) ?? true} title=${t(this.lang, 'startOverHint')}
          @click=${() => this.dispatchEvent(new CustomEvent('podlab-start-over', { detail: { cellId: cell.id }, bubbles: true, composed: true }))}><span aria-hidden="true">↺ </span>${t(this.lang, 'startOver')}</button>
        <button class="run" aria-busy=${String(pending)}
          title="Ctrl+Enter" @click=${() => this.tryRun()}>${runButtonContent(this.lang, outcome !== undefined, cell.id)}</button>
      </div>
      <podlab-code-editor .value=${text} .errors=${this.yamlErrors(text)} label=${label} lang=${this.lang}></podlab-code-editor>
      ${
        cell.kind === 'run' && (run?.output ?? '') !== ''
          ? html`<podlab-cell-terminal .output=${run?.output ?? ''} .commands=${commands} label=${`${cell.id} output`}></podlab-cell-terminal>`
          : nothing
      }
      ${
        this.solution !== undefined
          ? html`<details class="solution"><summary>${t(this.lang, 'showSolution')}</summary>
            <pre><code>${this.solution}</code></pre>
            <button class="use" @click=${() => this.useSolution()}>${t(this.lang, 'useSolution')}</button></details>`
          : nothing
      }
      ${run?.error ? html`<div class="error" role="alert">${run.error}</div>` : nothing}
      ${runContextNote(this, this.lang, run, cell.id)}
      <podlab-check-list .expectations=${cell.expectations} .checks=${outcome?.checks} ?doubt=${inDoubt(run)} lang=${this.lang}></podlab-check-list>
    </div>`;
  }

  /** Put the revealed solution in the editor (the learner's draft is replaced; Start over brings the placeholder back). */
  private useSolution(): void {
    if (this.solution === undefined) return;
    this.dispatchEvent(
      new CustomEvent('podlab-answer', { detail: { cellId: this.cell.id, text: this.solution }, bubbles: true, composed: true }),
    );
  }

  /** Focus the editor (Shift+Enter from the cell before lands here). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('podlab-code-editor')?.focus();
  }
}

customElements.define('podlab-exercise-cell', PodlabExerciseCell);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-exercise-cell': PodlabExerciseCell;
  }
}
