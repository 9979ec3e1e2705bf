// <podlab-side-panel>: the lesson's side panel — tabs for the picture, the matrix and the terminal (WAI-ARIA tabs:
// arrow keys move between tabs, Tab goes into the panel). On narrow screens it is a drawer along the bottom edge
// that a tab opens and Escape or the close button folds away.
import { LitElement, css, html } from 'lit';
import { t, type StringKey } from '../i18n/strings.ts';

export const PANEL_TABS = ['picture', 'matrix', 'terminal'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const TAB_WORD: Record<PanelTab, StringKey> = { picture: 'picture', matrix: 'matrix', terminal: 'terminal' };
const STORE_KEY = 'podlab:panel-tab';

export class PodlabSidePanel extends LitElement {
  static override properties = { lang: { type: String }, tab: { type: String, reflect: true }, open: { type: Boolean, reflect: true } };
  static override styles = css`
    :host { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
    [role='tablist'] { display: flex; gap: 2px; border-bottom: 1px solid var(--podlab-border, #d0d7de); flex: none; align-items: flex-end; }
    [role='tab'] {
      font: inherit; font-size: 13px; font-weight: 600; padding: 6px 14px; border: 1px solid transparent; border-bottom: 0;
      border-radius: 6px 6px 0 0; background: none; color: var(--podlab-muted, #57606a); cursor: pointer; margin-bottom: -1px;
    }
    [role='tab'][aria-selected='true'] { background: var(--podlab-bg, #fff); color: var(--podlab-fg, #1f2328); border-color: var(--podlab-border, #d0d7de); }
    [role='tab']:focus-visible, button.close:focus-visible { outline: 3px solid #0969da; outline-offset: -3px; }
    .spacer { flex: 1; }
    button.close { display: none; font: inherit; font-size: 13px; border: 0; background: none; color: var(--podlab-muted, #57606a); padding: 6px 10px; cursor: pointer; }
    [role='tabpanel'] { flex: 1; min-height: 0; overflow: auto; padding: 10px 2px 4px; display: flex; flex-direction: column; }
    [role='tabpanel'][hidden] { display: none; }
    :host([narrow]) button.close { display: block; }
    :host([narrow]:not([open])) [role='tabpanel'] { display: none; }
  `;

  declare lang: string;
  declare tab: PanelTab;
  /** Narrow screens: whether the drawer is open. */
  declare open: boolean;
  /** Below this width the panel is a bottom drawer (the page's one-column layout; see page-styles.ts). */
  private readonly narrowQuery = typeof matchMedia === 'function' ? matchMedia('(max-width: 1100px)') : undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.tab = storedPanelTab();
    this.open = false;
    this.narrowQuery?.addEventListener('change', () => this.toggleAttribute('narrow', this.narrowQuery?.matches ?? false));
    this.toggleAttribute('narrow', this.narrowQuery?.matches ?? false);
    // Capture: the terminal stops the keys it handles. On narrow screens Escape folds the drawer and puts focus
    // on its tab (so Escape still leaves the terminal, as Escape-then-Tab does on wide screens).
    this.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape' || !this.open || !this.hasAttribute('narrow')) return;
        this.open = false;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
      },
      true,
    );
  }

  override render() {
    return html`<div role="tablist" aria-label=${t(this.lang, 'panel')} @keydown=${(e: KeyboardEvent) => this.onTabKey(e)}>
        ${PANEL_TABS.map(
          (id) => html`<button role="tab" id=${`tab-${id}`} data-tab=${id} aria-selected=${String(this.tab === id)}
          aria-controls=${`panel-${id}`} tabindex=${this.tab === id ? 0 : -1} @click=${() => this.select(id, true)}>${t(this.lang, TAB_WORD[id])}</button>`,
        )}
        <span class="spacer"></span>
        <button class="close" aria-label=${t(this.lang, 'closePanel')} ?hidden=${!this.open} @click=${() => (this.open = false)}>✕</button>
      </div>
      ${PANEL_TABS.map(
        (id) => html`<div role="tabpanel" id=${`panel-${id}`} aria-labelledby=${`tab-${id}`} ?hidden=${this.tab !== id}>
        <slot name=${id}></slot></div>`,
      )}`;
  }

  override updated(changed: Map<string, unknown>): void {
    // The lesson page makes room above an opened drawer (see drawer-place.ts).
    if (changed.has('open') && changed.get('open') !== undefined) {
      const open = this.open && this.hasAttribute('narrow');
      this.dispatchEvent(new CustomEvent('podlab-drawer', { detail: { open }, bubbles: true, composed: true }));
    }
  }

  /** Show a tab (and open the drawer on narrow screens). */
  select(tab: PanelTab, byUser = false): void {
    this.open = !(byUser && this.hasAttribute('narrow') && this.tab === tab && this.open);
    this.tab = tab;
    safeSet(STORE_KEY, tab);
    this.dispatchEvent(new CustomEvent('podlab-panel-tab', { detail: { tab }, bubbles: true, composed: true }));
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = PANEL_TABS.indexOf(this.tab);
    const next =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? PANEL_TABS.length - 1
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const tab = PANEL_TABS[(next + PANEL_TABS.length) % PANEL_TABS.length];
    this.select(tab);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }
}

/** The tab a panel opens on: the one the learner chose last (kept in localStorage), else the picture. */
export function storedPanelTab(): PanelTab {
  const stored = safeGet(STORE_KEY);
  return (PANEL_TABS as readonly string[]).includes(stored ?? '') ? (stored as PanelTab) : 'picture';
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage full or denied: the choice is simply not kept
  }
}

customElements.define('podlab-side-panel', PodlabSidePanel);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-side-panel': PodlabSidePanel;
  }
}
