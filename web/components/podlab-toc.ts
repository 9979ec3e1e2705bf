// <podlab-toc>: the lesson's table of contents with progress per section — cells done (ran, every check passed)
// out of the section's cells; a link scrolls to the section's heading in the article.
import { LitElement, css, html, nothing } from 'lit';
import type { Cell, Lesson } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';

export class PodlabToc extends LitElement {
  static override properties = {
    lesson: { attribute: false },
    runs: { attribute: false },
    lang: { type: String },
    progress: { type: String },
  };
  static override styles = css`
    :host { display: block; margin: 12px 0 4px; font-size: 14px; }
    details { border: 1px solid var(--podlab-border, #d0d7de); border-radius: 8px; padding: 6px 12px; background: var(--podlab-bar, #f6f8fa); }
    summary { cursor: pointer; font-weight: 600; }
    summary:focus-visible, a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; border-radius: 3px; }
    ol { list-style: none; margin: 6px 0 2px; padding: 0; display: grid; gap: 2px; }
    li { display: flex; gap: 8px; align-items: baseline; }
    li.sub { padding-left: 1.2em; }
    a { color: var(--podlab-link, #0969da); text-decoration: none; flex: 1; min-width: 0; overflow-wrap: anywhere; }
    a:hover { text-decoration: underline; }
    .count { font-size: 12px; color: var(--podlab-muted, #57606a); white-space: nowrap; }
    li[data-done] .count { color: var(--podlab-success, #1a7f37); font-weight: 600; }
  `;

  declare lesson: Pick<Lesson, 'sections' | 'cells'> | undefined;
  declare runs: ReadonlyMap<string, CellRun> | undefined;
  declare lang: string;
  /** Changes with the cells' statuses (set by the page, so the same `runs` map re-renders). */
  declare progress: string;

  constructor() {
    super();
    this.lang = 'en';
  }

  override render() {
    const sections = (this.lesson?.sections ?? []).filter((s) => s.level <= 3);
    if (sections.length < 2) return nothing;
    const cells = (this.lesson?.cells ?? []).filter((c) => !c.hidden);
    return html`<nav aria-label=${t(this.lang, 'toc')}><details open><summary>${t(this.lang, 'toc')}</summary><ol>
      ${sections.map((s) => {
        const own = cells.filter((c) => c.section === s.number || c.section.startsWith(`${s.number}.`));
        const done = own.filter((c) => this.done(c)).length;
        const count = own.length ? t(this.lang, 'tocProgress', { done, total: own.length }) : '';
        return html`<li class=${s.level > 2 ? 'sub' : ''} data-section=${s.number} ?data-done=${own.length > 0 && done === own.length}>
          <a href="#" @click=${(e: Event) => this.go(e, s.title)}>${s.title}</a>${count ? html`<span class="count">${count}</span>` : nothing}</li>`;
      })}
    </ol></details></nav>`;
  }

  /** A cell is done when it ran and every check it has passed. */
  private done(c: Cell): boolean {
    const run = this.runs?.get(c.id);
    return run?.status === 'complete' && (run.outcome?.checks ?? []).every((r) => r.passed);
  }

  /** Scroll to the heading with this title in the article (headings have no ids: match their text). */
  private go(e: Event, title: string): void {
    e.preventDefault();
    const article = (this.getRootNode() as ShadowRoot | Document).querySelector('podlab-lesson-article');
    const heading = [...(article?.renderRoot.querySelectorAll<HTMLElement>('h1, h2, h3, h4') ?? [])].find((h) =>
      (h.textContent ?? '').trim().endsWith(title.trim()),
    );
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

customElements.define('podlab-toc', PodlabToc);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-toc': PodlabToc;
  }
}
