// <podlab-lesson-list>: every lesson, in the learner's language, with how far they got.
import { LitElement, css, html } from 'lit';
import { isExercise, lessonsFirst, pickTranslation, type CatalogEntry } from '../catalog.ts';
import { LANGUAGE_NAMES, t } from '../i18n/strings.ts';
import type { ProgressStore } from '../state/progress-store.ts';

export class PodlabLessonList extends LitElement {
  static override properties = {
    entries: { attribute: false },
    progress: { attribute: false },
    langs: { attribute: false },
    root: { type: String },
  };
  static override styles = css`
    :host { display: block; max-width: 860px; margin: 0 auto; padding: 24px 20px; }
    h1 { font-size: 1.8em; margin: 0 0 16px; }
    ul { list-style: none; padding: 0; display: grid; gap: 12px; }
    li { border: 1px solid var(--podlab-border, #d0d7de); border-radius: 10px; padding: 14px 16px; background: var(--podlab-bg, #fff); }
    a.title { font-size: 1.2em; font-weight: 650; color: var(--podlab-link, #0969da); text-decoration: none; }
    a.title:hover { text-decoration: underline; }
    .tag { font-size: 12px; font-weight: 600; color: var(--podlab-attention-fg, #7d4e00); background: var(--podlab-attention-bg, #fff8c5); border: 1px solid #d4a72c; border-radius: 10px; padding: 0 8px; margin-left: 6px; white-space: nowrap; }
    a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; border-radius: 3px; }
    .meta { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-top: 6px; font-size: 13px; color: var(--podlab-muted, #57606a); }
    .description { margin: 4px 0 0; color: var(--podlab-fg, #1f2328); }
    .minutes { white-space: nowrap; }
    .langs a { margin-right: 6px; color: var(--podlab-muted, #57606a); }
    progress { appearance: none; width: 160px; height: 8px; border: 0; border-radius: 4px; background: var(--podlab-subtle, #eaeef2); }
    progress::-webkit-progress-bar { background: var(--podlab-subtle, #eaeef2); border-radius: 4px; }
    progress::-webkit-progress-value { background: #2da44e; border-radius: 4px; }
    progress::-moz-progress-bar { background: #2da44e; border-radius: 4px; }
  `;

  declare entries: readonly CatalogEntry[];
  declare progress: ProgressStore;
  declare langs: readonly string[];
  declare root: string;

  constructor() {
    super();
    this.entries = [];
    this.langs = ['en'];
    this.root = './';
  }

  override render() {
    const uiLang = this.langs[0] ?? 'en';
    if (this.entries.length === 0) return html`<main><h1>${t(uiLang, 'lessonList')}</h1><p>${t(uiLang, 'noLessons')}</p></main>`;
    return html`<main><h1>${t(uiLang, 'lessonList')}</h1>
      <ul>${lessonsFirst(this.entries).map((e) => this.item(e))}</ul></main>`;
  }

  private item(entry: CatalogEntry) {
    const tr = pickTranslation(entry, this.langs);
    const p = this.progress.load(entry.id, tr.lang);
    const href = (lang: string) => `${this.root}lesson/${encodeURIComponent(entry.id)}/?lang=${encodeURIComponent(lang)}`;
    const status =
      p && p.ran.length > 0
        ? t(tr.lang, 'progress', { ran: p.ran.length, total: p.total, passed: p.passed }) +
          (p.failed ? t(tr.lang, 'progressFailed', { failed: p.failed }) : '')
        : t(tr.lang, 'notStarted');
    return html`<li lang=${tr.lang} data-lesson=${entry.id}>
      <a class="title" href=${href(tr.lang)}>${tr.title}</a>${isExercise(tr) ? html` <span class="tag">${t(tr.lang, 'exercise')}</span>` : ''}
      ${tr.description ? html`<p class="description">${tr.description}</p>` : ''}
      <div class="meta">
        ${tr.minutes ? html`<span class="minutes">${t(tr.lang, 'minutes', { n: tr.minutes })}</span>` : ''}
        <progress max=${Math.max(1, p?.total ?? 1)} value=${p?.ran.length ?? 0} aria-label=${status}></progress>
        <span class="status">${status}</span>
        <span class="langs">${entry.translations.map((x) => html`<a href=${href(x.lang)} hreflang=${x.lang}>${LANGUAGE_NAMES[x.lang] ?? x.lang}</a>`)}</span>
      </div>
    </li>`;
  }
}

customElements.define('podlab-lesson-list', PodlabLessonList);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-lesson-list': PodlabLessonList;
  }
}
