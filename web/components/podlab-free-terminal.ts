// <podlab-free-terminal>: the learner's own terminal on the lesson's cluster — line editing, history, Tab; or the host shell.
// Its screen (xterm and the line shell, web/terminal/free-screen.ts) is a lazy chunk, loaded the first time the
// terminal is shown (its tab selected, or a "Run in terminal"); lines typed before that wait for it.
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n/strings.ts';
import type { LessonSession } from '../state/lesson-session.ts';
import type { HistoryStore, LineShell } from '../terminal/line-shell.ts';
import { PtyClient } from '../session/pty-client.ts';

type Screen = typeof import('../terminal/free-screen.ts');

type Mode = 'lesson' | 'host';

/** Keys that do not end an "Escape, then Tab" (Shift+Tab leaves backwards). */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

export class PodlabFreeTerminal extends LitElement {
  static override properties = {
    session: { attribute: false },
    generation: { type: Number },
    lang: { type: String },
    ptyUrl: { type: String, attribute: 'pty-url' },
    mode: { state: true },
  };
  static override styles = [
    css`
      :host { display: flex; flex-direction: column; min-height: 0; }
      .tabs { display: flex; gap: 4px; margin-bottom: 4px; }
      .tabs button { font: inherit; font-size: 12px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bar, #f6f8fa); border-radius: 6px; padding: 2px 8px; cursor: pointer; }
      .tabs button[aria-pressed='true'] { background: #0969da; color: #fff; border-color: #0969da; }
      .warn { font-size: 12px; color: var(--podlab-attention, #9a6700); margin: 0 0 4px; }
      .term { flex: 1; min-height: 120px; background: #161b22; border-radius: 6px; padding: 6px; }
      .hint { margin: 0 0 3px; font-size: 11px; color: var(--podlab-muted, #57606a); }
    `,
  ];

  declare session: LessonSession | undefined;
  /** Bumped by the page when the runner's session was replaced (open, reset): the shell reopens. */
  declare generation: number;
  declare lang: string;
  /** Set when the server offers a host shell (`--shell`). */
  declare ptyUrl: string | undefined;
  declare mode: Mode;
  private term?: Terminal;
  private fit?: FitAddon;
  private shell?: LineShell;
  private pty?: PtyClient;
  private resizeObserver?: ResizeObserver;
  private openedGeneration = -1;
  /** The lazy screen module, once it is loading. */
  private screen?: Promise<Screen | undefined>;
  private bufferText?: Screen['bufferText'];
  /** Typed (typeText) or focus asked for before the screen was there. */
  private pendingInput: string[] = [];
  private focusWanted = false;

  constructor() {
    super();
    this.generation = 0;
    this.lang = 'en';
    this.mode = 'lesson';
  }

  override render() {
    return html`${
      this.ptyUrl
        ? html`<div class="tabs" role="group" aria-label=${t(this.lang, 'terminal')}>
            ${(['lesson', 'host'] as const).map(
              (m) => html`<button aria-pressed=${String(this.mode === m)} @click=${() => this.switchMode(m)}>
              ${t(this.lang, m === 'lesson' ? 'lessonShell' : 'hostShell')}</button>`,
            )}
          </div>`
        : nothing
    }
      ${this.mode === 'host' ? html`<p class="warn" role="note">⚠ ${t(this.lang, 'hostShellWarning')}</p>` : nothing}
      <p class="hint" id="term-hint">${t(this.lang, 'terminalHint')}</p>
      <div class="term" role="application" aria-label=${t(this.lang, 'terminalLabel')}></div>`;
  }

  override firstUpdated(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.term');
    if (!el) return;
    // The box has a size only once it is shown (a hidden tab or folded drawer is display: none): load then.
    this.resizeObserver = new ResizeObserver((entries) => {
      if (this.term) this.refit();
      else if (entries.some((e) => e.contentRect.width > 0 && e.contentRect.height > 0)) void this.load();
    });
    this.resizeObserver.observe(el);
  }

  /** Load the screen module and open xterm in the terminal's box (once). */
  private load(): Promise<Screen | undefined> {
    this.screen ??= import('../terminal/free-screen.ts').then(
      (m) => {
        this.mount(m);
        return m;
      },
      () => undefined, // offline or the chunk is gone: the terminal stays empty, the rest of the page works
    );
    return this.screen;
  }

  private mount(m: Screen): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.term');
    if (!el || !this.isConnected || this.term) return;
    const style = document.createElement('style');
    style.textContent = m.XTERM_CSS;
    this.renderRoot.insertBefore(style, this.renderRoot.firstChild);
    this.bufferText = m.bufferText;
    // Screen-reader mode: xterm keeps an accessible copy of the rows and announces new output in a live region.
    this.term = m.createXterm({ cursorBlink: true, rows: 10, cols: 60, screenReaderMode: true });
    this.fit = new m.FitAddon();
    this.term.loadAddon(this.fit);
    this.term.open(el);
    this.term.textarea?.setAttribute('aria-describedby', 'term-hint');
    // Tab completes in the shell; Escape then Tab lets the browser move focus on (no keyboard trap).
    let escaped = false;
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || MODIFIERS.has(e.key)) return true;
      const leave = e.key === 'Tab' && escaped;
      escaped = e.key === 'Escape';
      return !leave;
    });
    this.term.onData((data) => (this.mode === 'host' ? this.pty?.input(data) : this.shell?.input(data)));
    this.refit();
    this.openShell(m);
    if (this.focusWanted) this.term.focus();
    this.focusWanted = false;
  }

  override updated(): void {
    void this.screen?.then((m) => m && this.openShell(m));
  }

  /** Open the line shell on the session once it is ready, and again whenever the runner's session was replaced. */
  private openShell(m: Screen): void {
    if (this.mode === 'lesson' && this.session?.status === 'ready' && this.openedGeneration !== this.generation && this.term) {
      const fresh = this.openedGeneration >= 0;
      this.openedGeneration = this.generation;
      this.shell ??= new m.LineShell(
        this.term,
        this.session,
        'free',
        historyStore(`${this.session.lesson.id}:${this.session.lesson.lang}`),
      );
      this.shell.session = this.session;
      void this.shell.open(fresh);
      // Lines typed before the screen was there, in order, now that the shell reads them.
      for (const text of this.pendingInput.splice(0)) this.term.input(text);
    }
  }

  private refit(): void {
    try {
      this.fit?.fit();
    } catch {
      return; // not laid out yet
    }
    if (this.term && this.mode === 'host') this.pty?.resize(this.term.cols, this.term.rows);
  }

  private switchMode(mode: Mode): void {
    if (mode === this.mode || !this.term) return;
    this.mode = mode;
    this.term.reset();
    if (mode === 'host' && this.ptyUrl) {
      this.pty = new PtyClient(
        this.ptyUrl,
        (d) => this.term?.write(d),
        (why) => this.term?.write(`\r\n[${why}]\r\n`),
      );
      this.pty.resize(this.term.cols, this.term.rows);
    } else {
      this.pty?.dispose();
      this.pty = undefined;
      this.openedGeneration = -1;
      this.requestUpdate();
    }
    this.term.focus();
  }

  /** Focus the terminal's input (once its screen is loaded). */
  override focus(): void {
    if (this.term) this.term.focus();
    else {
      this.focusWanted = true;
      void this.load();
    }
  }

  /** Type a line as if the learner did (tests and the "Run in terminal" buttons use this); kept until the shell is open. */
  typeText(text: string): void {
    if (this.term && this.shell && this.openedGeneration === this.generation) this.term.input(text);
    else {
      this.pendingInput.push(text);
      void this.load();
    }
  }

  /** What the terminal shows (tests read this). */
  text(): string {
    return this.term && this.bufferText ? this.bufferText(this.term) : '';
  }

  /** The terminal's size in columns and rows (tests read this). */
  get size(): { cols: number; rows: number } {
    return { cols: this.term?.cols ?? 0, rows: this.term?.rows ?? 0 };
  }

  /** True while a typed line is being run. */
  get busy(): boolean {
    return this.shell?.busy ?? false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.pty?.dispose();
    this.term?.dispose();
    this.term = undefined;
    this.shell = undefined;
  }
}

/** The free terminal's history of one lesson and language, in localStorage (the last 200 lines). */
function historyStore(key: string): HistoryStore {
  const name = `podlab:history:${key}`;
  return {
    load() {
      try {
        const v: unknown = JSON.parse(localStorage.getItem(name) ?? '[]');
        return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return [];
      }
    },
    save(entries) {
      try {
        localStorage.setItem(name, JSON.stringify(entries));
      } catch {
        // not kept
      }
    },
  };
}

customElements.define('podlab-free-terminal', PodlabFreeTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-free-terminal': PodlabFreeTerminal;
  }
}
