// <podlab-app>: the page root — reads the config and the lesson catalog, then shows the lesson list or one lesson.
import { LitElement, css, html } from 'lit';
import { groupCatalog, pickTranslation, readCatalog, type LessonSource } from '../catalog.ts';
import { CONFIG_ELEMENT_ID, LESSONS_ELEMENT_ID, parseConfig, type PageConfig } from '../config.ts';
import { t } from '../i18n/strings.ts';
import { browserStorage, ProgressStore } from '../state/progress-store.ts';
import { preferredLangs } from './podlab-lang-switch.ts';
import './podlab-lesson-list.ts';
import './podlab-lesson-page.ts';

export class PodlabApp extends LitElement {
  static override properties = { lessons: { state: true }, error: { state: true } };
  static override styles = css`:host { display: block; } .error { color: var(--podlab-danger, #cf222e); padding: 24px; }`;

  declare lessons: LessonSource[] | undefined;
  declare error: string | undefined;
  private readonly config: PageConfig = parseConfig(document.getElementById(CONFIG_ELEMENT_ID)?.textContent);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The lesson's entries from the page itself (lesson pages carry them), else lessons.json (the lesson list). */
  private async load(): Promise<void> {
    try {
      const inline = document.getElementById(LESSONS_ELEMENT_ID)?.textContent;
      this.lessons = readCatalog(inline ? (JSON.parse(inline) as unknown) : await this.fetchCatalog());
    } catch (e: unknown) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  private async fetchCatalog(): Promise<unknown> {
    const res = await fetch(new URL(`${this.config.root}lessons.json`, location.href));
    if (!res.ok) throw new Error(`lessons.json: HTTP ${res.status}`);
    return res.json();
  }

  override render() {
    const langs = preferredLangs();
    if (this.error) return html`<p class="error" role="alert">${t(langs[0] ?? 'en', 'loadFailed', { error: this.error })}</p>`;
    if (!this.lessons) return html``;
    const entries = groupCatalog(this.lessons);
    const entry = entries.find((e) => e.id === this.config.lessonId);
    if (entry) {
      const source = pickTranslation(entry, langs);
      return html`<podlab-lesson-page .source=${source} .langs=${entry.translations.map((x) => x.lang)} .config=${this.config}
        .catalog=${this.lessons}></podlab-lesson-page>`;
    }
    return html`<podlab-lesson-list .entries=${entries} .progress=${new ProgressStore(browserStorage())} .langs=${langs}
      root=${this.config.root}></podlab-lesson-list>`;
  }
}

customElements.define('podlab-app', PodlabApp);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-app': PodlabApp;
  }
}
