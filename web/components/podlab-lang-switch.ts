// <podlab-lang-switch>: the lesson's languages as links; the current one is marked for screen readers too.
import { LitElement, css, html } from 'lit';
import { LANGUAGE_NAMES, t } from '../i18n/strings.ts';

export class PodlabLangSwitch extends LitElement {
  static override properties = { langs: { attribute: false }, current: { type: String } };
  static override styles = css`
    nav { display: inline-flex; border: 1px solid var(--podlab-border, #d0d7de); border-radius: 6px; overflow: hidden; }
    a { padding: 3px 10px; font-size: 13px; color: var(--podlab-fg, #24292f); text-decoration: none; background: var(--podlab-bg, #fff); }
    a + a { border-left: 1px solid var(--podlab-border, #d0d7de); }
    a[aria-current='true'] { background: #0969da; color: #fff; }
    a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
  `;

  declare langs: readonly string[];
  declare current: string;

  constructor() {
    super();
    this.langs = [];
    this.current = 'en';
  }

  override render() {
    return html`<nav aria-label=${t(this.current, 'language')}>
      ${this.langs.map(
        (l) => html`<a href=${hrefFor(l)} lang=${l} hreflang=${l} aria-current=${String(l === this.current)}
        @click=${() => rememberLang(l)}>${LANGUAGE_NAMES[l] ?? l}</a>`,
      )}
    </nav>`;
  }
}

/** This page with ?lang=. */
function hrefFor(lang: string): string {
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  return url.search + url.hash;
}

const LANG_KEY = 'podlab:lang';

/** Remember the learner's language for pages without ?lang=. */
export function rememberLang(lang: string): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage off: the link still carries ?lang=.
  }
}

/** Languages to prefer, in order: ?lang=, the remembered one, the browser's. */
export function preferredLangs(): string[] {
  const out: string[] = [];
  const q = new URL(location.href).searchParams.get('lang');
  if (q) out.push(q);
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved) out.push(saved);
  } catch {
    // ignore
  }
  out.push(...(navigator.languages ?? [navigator.language]));
  return out;
}

customElements.define('podlab-lang-switch', PodlabLangSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-lang-switch': PodlabLangSwitch;
  }
}
