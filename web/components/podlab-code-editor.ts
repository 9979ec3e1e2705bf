// <podlab-code-editor>: a plain-text editor for an exercise cell — a monospace textarea with line numbers where Tab
// indents and Ctrl/Shift+Enter runs; YAML errors (given by the cell) are marked at their line and listed below.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n/strings.ts';
import { indentEdit, type TextEdit } from './editor-keys.ts';

/** Keys that do not end an "Escape, then Tab" (Shift+Tab leaves backwards). */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/** Rows the editor grows to before it scrolls. */
const MAX_ROWS = 28;

export class PodlabCodeEditor extends LitElement {
  static override properties = { value: { type: String }, label: { type: String }, lang: { type: String }, errors: { attribute: false } };
  static override styles = css`
    :host { display: block; }
    .wrap { display: flex; border-top: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-editor-bg, #fffdf5); }
    .gutter {
      flex: none; overflow: hidden; margin: 0; padding: 10px 6px 10px 8px; min-width: 2ch; text-align: right; user-select: none;
      font-family: var(--podlab-mono, monospace); font-size: 13px; line-height: 1.5; color: var(--podlab-muted, #6e7781); background: var(--podlab-bar, #f6f8fa);
      border-right: 1px solid var(--podlab-border, #d0d7de);
    }
    .gutter div.bad { color: #fff; background: #cf222e; border-radius: 3px; padding: 0 2px; }
    .errors { margin: 0; padding: 4px 14px; list-style: none; font-size: 12.5px; color: var(--podlab-danger-fg, #a40e26); background: var(--podlab-danger-bg, #ffebe9); }
    .errors li { overflow-wrap: anywhere; }
    textarea {
      display: block; box-sizing: border-box; width: 100%; min-width: 0; flex: 1; margin: 0; border: 0;
      padding: 10px 14px; resize: vertical; background: var(--podlab-editor-bg, #fffdf5); color: var(--podlab-fg, #1f2328); outline: none;
      font-family: var(--podlab-mono, monospace); font-size: 13px; line-height: 1.5; tab-size: 2; white-space: pre; overflow-x: auto;
    }
    textarea:focus-visible { box-shadow: inset 0 0 0 2px #0969da; }
    .hint { margin: 0; padding: 3px 14px 5px; font-size: 12px; color: var(--podlab-muted, #57606a); background: var(--podlab-editor-bg, #fffdf5); }
  `;

  /** The text; set it to replace the editor's content (typing updates it and fires `podlab-edit`). */
  declare value: string;
  declare label: string;
  declare lang: string;
  /** YAML errors to mark (1-based lines); empty when the text is fine or is not YAML. */
  declare errors: readonly { line: number; column: number; message: string }[];
  /** Escape was the last key: the next Tab leaves the editor instead of indenting (no keyboard trap). */
  private escaped = false;

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.lang = 'en';
    this.errors = [];
  }

  override render() {
    const lines = this.value.split('\n').length;
    const rows = Math.min(MAX_ROWS, Math.max(4, lines + 1));
    const bad = new Set(this.errors.map((e) => e.line));
    return html`<div class="wrap">
        <div class="gutter" aria-hidden="true">${Array.from({ length: Math.max(lines, rows) }, (_, i) => html`<div class=${bad.has(i + 1) ? 'bad' : ''}>${i < lines ? i + 1 : ''}</div>`)}</div>
        <textarea .value=${this.value} rows=${rows} aria-label=${this.label} aria-describedby=${this.errors.length ? 'errors hint' : 'hint'}
          aria-invalid=${this.errors.length ? 'true' : 'false'} spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" wrap="off"
          @input=${this.onInput} @keydown=${this.onKey} @scroll=${this.onScroll}></textarea>
      </div>
      ${
        this.errors.length
          ? html`<ul class="errors" id="errors" aria-live="polite">${this.errors.map((e) => html`<li data-line=${e.line}>${t(this.lang, 'yamlErrorAt', { line: e.line, column: e.column })}: ${e.message}</li>`)}</ul>`
          : nothing
      }
      <p class="hint" id="hint">${t(this.lang, 'editorHint')}</p>`;
  }

  /** Keep the line numbers beside their lines when the textarea scrolls. */
  private onScroll(e: Event): void {
    const gutter = this.renderRoot.querySelector<HTMLElement>('.gutter');
    if (gutter) gutter.scrollTop = (e.target as HTMLTextAreaElement).scrollTop;
  }

  /** The textarea (tests and the cell focus it). */
  get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  override focus(): void {
    this.textarea?.focus();
  }

  private onInput(e: Event): void {
    this.value = (e.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new CustomEvent('podlab-edit', { detail: { value: this.value }, bubbles: true, composed: true }));
  }

  private onKey(e: KeyboardEvent): void {
    const area = e.target as HTMLTextAreaElement;
    if (MODIFIERS.has(e.key)) return;
    const escaped = this.escaped;
    this.escaped = e.key === 'Escape';
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || e.shiftKey)) {
      e.preventDefault();
      this.dispatchEvent(new CustomEvent('podlab-submit', { bubbles: true, composed: true }));
      return;
    }
    if (e.key !== 'Tab' || escaped || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.apply(area, indentEdit(area.value, area.selectionStart, area.selectionEnd, e.shiftKey));
  }

  /** Apply an edit as typing would, so the browser's undo (Ctrl+Z) can take it back. */
  private apply(area: HTMLTextAreaElement, edit: TextEdit): void {
    if (area.value.slice(edit.from, edit.to) !== edit.insert) {
      area.setSelectionRange(edit.from, edit.to);
      const typed = edit.insert === '' ? document.execCommand('delete') : document.execCommand('insertText', false, edit.insert);
      if (!typed) {
        area.setRangeText(edit.insert, edit.from, edit.to, 'end');
        area.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
  }
}

customElements.define('podlab-code-editor', PodlabCodeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-code-editor': PodlabCodeEditor;
  }
}
