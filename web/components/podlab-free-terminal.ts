// <podlab-free-terminal>: the learner's own terminal on the lesson's cluster — line editing, history, Tab; or the host shell.
import { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n/strings.ts';
import type { LessonSession } from '../state/lesson-session.ts';
import { LineShell, type HistoryStore } from '../terminal/line-shell.ts';
import { PtyClient } from '../session/pty-client.ts';
import { bufferText, createXterm, xtermStyles } from '../terminal/xterm-setup.ts';

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
    xtermStyles,
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
    // Screen-reader mode: xterm keeps an accessible copy of the rows and announces new output in a live region.
    this.term = createXterm({ cursorBlink: true, rows: 10, cols: 60, screenReaderMode: true });
    this.fit = new FitAddon();
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
    this.resizeObserver = new ResizeObserver(() => this.refit());
    this.resizeObserver.observe(el);
    this.refit();
  }

  override updated(): void {
    if (this.mode === 'lesson' && this.session?.status === 'ready' && this.openedGeneration !== this.generation && this.term) {
      const fresh = this.openedGeneration >= 0;
      this.openedGeneration = this.generation;
      this.shell ??= new LineShell(this.term, this.session, 'free', historyStore(`${this.session.lesson.id}:${this.session.lesson.lang}`));
      this.shell.session = this.session;
      void this.shell.open(fresh);
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

  /** Focus the terminal's input. */
  override focus(): void {
    this.term?.focus();
  }

  /** Type a line as if the learner did (tests and the "Run in terminal" buttons use this). */
  typeText(text: string): void {
    this.term?.input(text);
  }

  /** What the terminal shows (tests read this). */
  text(): string {
    return this.term ? bufferText(this.term) : '';
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
