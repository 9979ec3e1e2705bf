// <podlab-lesson-page>: one lesson — the article with its cells, and beside it the cluster picture, the matrix and a terminal.
import { LitElement, html, nothing } from 'lit';
import { createMarkdown, type Lesson, parseLesson } from '../../src/core/page.ts';
import { type LessonSource, preparedLesson } from '../catalog.ts';
import type { PageConfig } from '../config.ts';
import { t } from '../i18n/strings.ts';
import { connectSession, dropBootWorker, forgetSessionId, ptyUrlFor, rememberSessionId, storedSessionId } from '../session/connect.ts';
import { DraftStore } from '../state/draft-store.ts';
import type { CellRun } from '../state/cell-run.ts';
import { LessonSession } from '../state/lesson-session.ts';
import { browserStorage, ProgressStore } from '../state/progress-store.ts';
import { TabClaim, type TabRole } from '../state/tab-claim.ts';
import { runRequestOf } from './cell-events.ts';
import { articlePartOf, cellAtTop, placeAboveDrawer } from './drawer-place.ts';
import { pageStyles } from './page-styles.ts';
import './podlab-free-terminal.ts';
import { rememberLang } from './podlab-lang-switch.ts';
import './podlab-lesson-article.ts';
import './podlab-toc.ts';
import './podlab-reach-matrix.ts';
import { storedPanelTab } from './podlab-side-panel.ts';
import './podlab-summary.ts';
import './podlab-topology.ts';

export class PodlabLessonPage extends LitElement {
  static override properties = {
    source: { attribute: false },
    langs: { attribute: false },
    config: { attribute: false },
    catalog: { attribute: false },
  };
  static override styles = pageStyles;

  declare source: LessonSource;
  /** Languages this lesson exists in. */
  declare langs: readonly string[];
  declare config: PageConfig;
  /** Every lesson source (the Worker needs them all). */
  declare catalog: readonly LessonSource[];
  private lesson?: Lesson;
  private html = '';
  private session?: LessonSession;
  /** The side panel's width on wide screens (the splitter moves it; kept in localStorage). */
  private sideWidth = storedSideWidth();
  /** Which tab of this lesson is live (one at a time; see tab-claim.ts). */
  private claim?: TabClaim;
  private tabRole?: TabRole;
  private otherGone = false;
  /** The part of the article the learner last worked on (a cell, or a shell block sent to the terminal). */
  private current?: Element[];

  constructor() {
    super();
    this.langs = [];
    this.catalog = [];
    this.addEventListener('focusin', (e) => (this.current = articlePartOf(e) ?? this.current));
    this.addEventListener('podlab-drawer', (e) => void this.onDrawer((e as CustomEvent<{ open?: unknown }>).detail?.open === true));
    this.addEventListener('podlab-run', (e) => {
      this.current = articlePartOf(e) ?? this.current;
      const id = runRequestOf(e);
      if (id) void this.session?.runCell(id);
    });
    this.addEventListener('podlab-answer', (e) => {
      const d = (e as CustomEvent<{ cellId?: unknown; text?: unknown }>).detail;
      if (typeof d?.cellId === 'string' && typeof d.text === 'string') this.session?.setAnswer(d.cellId, d.text);
    });
    this.addEventListener('podlab-reset-to', (e) => {
      const id = runRequestOf(e);
      if (id) void this.session?.resetAndRunTo(id);
    });
    this.addEventListener('podlab-try', (e) => {
      const lines = (e as CustomEvent<{ lines?: unknown }>).detail?.lines;
      if (Array.isArray(lines)) void this.tryInTerminal(lines.filter((l): l is string => typeof l === 'string'));
    });
    // The matrix is computed only while its tab is shown (see LessonSession.showMatrix).
    this.addEventListener('podlab-panel-tab', (e) => {
      void this.session?.showMatrix((e as CustomEvent<{ tab?: unknown }>).detail?.tab === 'matrix');
    });
    this.addEventListener('podlab-start-over', (e) => {
      const id = runRequestOf(e);
      if (id) this.session?.startOver(id);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.claim || !this.source) return;
    // Pages carry their lesson parsed and rendered (pageEntries); parsed here only when given just the source.
    const lesson = preparedLesson(this.source, parseLesson);
    this.lesson = lesson;
    this.html = this.source.html ?? createMarkdown().render(this.source.source, { file: this.source.file });
    document.title = `${lesson.title} · podlab`;
    document.documentElement.lang = lesson.lang;
    rememberLang(lesson.lang); // the lesson list follows the language the learner reads in
    // One live tab per lesson: a second tab waits on standby instead of overwriting the first one's progress.
    this.claim = new TabClaim({
      key: `${lesson.id}:${lesson.lang}`,
      onChange: (role, gone) => {
        this.tabRole = role;
        this.otherGone = gone;
        if (role === 'live') this.startSession();
        else if (!this.session) dropBootWorker(); // the live tab runs the lesson: this one needs no runner
        this.requestUpdate();
      },
    });
    void this.claim.start();
    window.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /** This tab is live: open the lesson in its runner (once). */
  private startSession(): void {
    const lesson = this.lesson;
    if (this.session || !lesson) return;
    const client = connectSession(this.config, this.catalog);
    this.session = new LessonSession(this, {
      client,
      lesson,
      progress: new ProgressStore(browserStorage()),
      drafts: new DraftStore(browserStorage()),
      resume: this.config.mode === 'served',
      onSessionId: (id) => rememberSessionId(id),
    });
    void this.session.showMatrix(storedPanelTab() === 'matrix');
    // Back where the learner was: after the cells that ran are shown again (the page is its full height then).
    void this.session
      .open()
      .then(() => this.updateComplete)
      .then(() => this.restoreScroll());
  }

  /** "Continue here" on a standby tab: reload as the live tab, from the progress the tabs share. */
  private takeOver(): void {
    this.claim?.markTakeOver();
    // A fresh runner session replays the shared progress (a served tab's own session may be older than it).
    if (this.config.mode === 'served') forgetSessionId();
    location.reload();
  }

  private scrollKey(): string {
    return `podlab:scroll:${this.source.id}:${this.source.lang}`;
  }

  private scrollTimer?: ReturnType<typeof setTimeout>;
  /** Remember the scroll position (this tab only: sessionStorage), a moment after scrolling stops. */
  private readonly onScroll = () => {
    clearTimeout(this.scrollTimer);
    this.scrollTimer = setTimeout(() => {
      try {
        sessionStorage.setItem(this.scrollKey(), String(Math.round(window.scrollY)));
      } catch {
        // not kept
      }
    }, 200);
  };

  /**
   * Back where the learner was after a reload: the stored scroll position (this tab), else — a new tab — the
   * last cell that ran, in view. Either way that cell takes focus (without scrolling), so the keyboard goes on there.
   */
  private restoreScroll(): void {
    let y = 0;
    try {
      y = Number(sessionStorage.getItem(this.scrollKey()) ?? 0);
    } catch {
      // nothing stored
    }
    const last = this.lastRanCell();
    if (y > 0 && Number.isFinite(y) && window.scrollY === 0) window.scrollTo(0, y);
    else if (last && window.scrollY === 0) last.scrollIntoView({ block: 'center' });
    if (last) {
      last.dataset.last = '';
      last.focus({ preventScroll: true });
    }
  }

  /** The element of the last cell (in lesson order) that ran. */
  private lastRanCell(): HTMLElement | undefined {
    const s = this.session;
    if (!s) return undefined;
    const id = s
      .cells()
      .map((c) => c.id)
      .filter((c) => (s.runs.get(c)?.status ?? 'initial') !== 'initial')
      .at(-1);
    const article = this.renderRoot.querySelector('podlab-lesson-article');
    return id === undefined
      ? undefined
      : (article?.renderRoot.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`) ?? undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.onScroll);
    this.session?.dispose();
    this.claim?.dispose();
  }

  override render() {
    const lesson = this.lesson;
    if (!lesson || this.tabRole === undefined) return nothing;
    const s = this.tabRole === 'live' ? this.session : undefined;
    const lang = lesson.lang;
    const errors = lesson.diagnostics.filter((d) => d.severity === 'error');
    const busy = s ? s.busy > 0 || s.status === 'connecting' : false;
    const standby = this.tabRole === 'standby';
    // A tab put on standby keeps showing what it had, inert; one that opened on standby shows the lesson unrun.
    const shown = this.session;
    return html`<header>
        <a class="back" href=${`${this.config.root}?lang=${encodeURIComponent(lang)}`}><span aria-hidden="true">← </span>${t(lang, 'back')}</a>
        <span class="title">${lesson.title}</span>
        <podlab-lang-switch .langs=${this.langs} current=${lang}></podlab-lang-switch>
        <span class="spacer"></span>
        ${
          s
            ? html`<span class="status" role="status" aria-live="polite" data-status=${s.status} ?data-reconnected=${s.reconnected}
          title=${s.link?.reason ?? nothing}>${statusLine(lang, s, busy)}
          · ${this.config.backend === 'simulator' ? t(lang, 'simulator') : this.config.backend}</span>
        <button class="primary" ?disabled=${s.status !== 'ready'} title=${t(lang, 'runAllHint')} @click=${() => this.runAll()}><span aria-hidden="true">▶▶ </span>${t(lang, 'runAll')}</button>
        <button ?disabled=${s.status !== 'ready'} title=${t(lang, 'resetHint')} @click=${() => this.reset()}><span aria-hidden="true">↺ </span>${t(lang, 'reset')}</button>`
            : html`<span class="status" role="status" data-status="standby">${t(lang, 'standbyStatus')}</span>`
        }
      </header>
      ${
        standby
          ? html`<div class="standby" role="alert">
          <p>${t(lang, this.otherGone ? 'standbyGone' : 'standbyOther')}</p>
          <button class="primary take-over" @click=${() => this.takeOver()}>${t(lang, 'takeOver')}</button>
        </div>`
          : nothing
      }
      <div class="layout" style=${`--side: ${this.sideWidth}px`} ?inert=${standby}>
        <main class="article">
          ${errors.length ? html`<div class="diagnostics" role="alert">${errors.map((d) => html`<div>${d.pos.file}:${d.pos.line}: ${d.message}</div>`)}</div>` : nothing}
          <podlab-toc .lesson=${lesson} .runs=${shown?.runs ?? NO_RUNS} progress=${progressKey(shown?.runs ?? NO_RUNS)} lang=${lang}></podlab-toc>
          <podlab-lesson-article .html=${this.html} .cells=${lesson.cells} .runs=${shown?.runs ?? NO_RUNS} .answers=${shown?.answers}
            .solutions=${this.source.solutions} lang=${lang}></podlab-lesson-article>
          <podlab-summary .cells=${lesson.cells} .runs=${shown?.runs ?? NO_RUNS} progress=${progressKey(shown?.runs ?? NO_RUNS)} lang=${lang}
            ?exercise=${lesson.cells.some((c) => c.exercise)} home=${`${this.config.root}?lang=${encodeURIComponent(lang)}`}></podlab-summary>
        </main>
        <div class="splitter" role="separator" tabindex="0" aria-orientation="vertical" aria-label=${t(lang, 'resizePanel')}
          aria-valuenow=${this.sideWidth} aria-valuemin=${SIDE_MIN} aria-valuemax=${SIDE_MAX}
          @pointerdown=${(e: PointerEvent) => this.startDrag(e)} @keydown=${(e: KeyboardEvent) => this.splitterKey(e)}></div>
        <aside aria-label=${t(lang, 'panel')}>
          <podlab-side-panel lang=${lang}>
            <div slot="picture" class="picture">
              <podlab-topology .view=${shown?.view} .probe=${shown?.lastProbe} lang=${lang}></podlab-topology>
            </div>
            <div slot="matrix" class="matrix">
              <podlab-reach-matrix .matrix=${shown?.matrix} lang=${lang}></podlab-reach-matrix>
            </div>
            <div slot="terminal" class="terminal">
              <podlab-free-terminal .session=${s} generation=${s?.epoch ?? 0} lang=${lang}
                pty-url=${this.config.shell ? ptyUrlFor(this.config) : nothing}></podlab-free-terminal>
            </div>
          </podlab-side-panel>
        </aside>
      </div>`;
  }

  /** Drag the splitter: the side panel's width follows the pointer. */
  private startDrag(e: PointerEvent): void {
    const bar = e.currentTarget as HTMLElement;
    bar.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => this.setSide(window.innerWidth - m.clientX - 16);
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
    e.preventDefault();
  }

  /** Arrow keys on the focused splitter move it by 32 px (Home/End: narrowest, widest). */
  private splitterKey(e: KeyboardEvent): void {
    const step = { ArrowLeft: 32, ArrowRight: -32 }[e.key];
    if (step !== undefined) this.setSide(this.sideWidth + step);
    else if (e.key === 'Home') this.setSide(SIDE_MAX);
    else if (e.key === 'End') this.setSide(SIDE_MIN);
    else return;
    e.preventDefault();
  }

  private setSide(px: number): void {
    const width = Math.round(Math.min(SIDE_MAX, Math.max(SIDE_MIN, px, 0)));
    if (width === this.sideWidth) return;
    this.sideWidth = width;
    try {
      localStorage.setItem(SIDE_KEY, String(width));
    } catch {
      // not kept
    }
    this.requestUpdate();
  }

  /**
   * The drawer opened (phones): room below the article for it, and the cell the learner is at scrolled into the
   * space above it — the last cell run or focused, else the one at the top of the screen.
   */
  private async onDrawer(open: boolean): Promise<void> {
    this.toggleAttribute('drawer-open', open);
    if (!open) return;
    await this.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    const header = this.renderRoot.querySelector('header');
    const aside = this.renderRoot.querySelector('aside');
    const article = this.renderRoot.querySelector('podlab-lesson-article');
    if (!header || !aside || !article) return;
    const headerBottom = header.getBoundingClientRect().bottom;
    const part = this.current?.filter((el) => el.isConnected);
    const atTop = cellAtTop(article.renderRoot, headerBottom);
    const target = part && part.length > 0 ? part : atTop ? [atTop] : [];
    placeAboveDrawer(target, headerBottom, aside.getBoundingClientRect().top);
  }

  /** "Run in terminal" on a code block: bring the terminal forward and type the block's commands into it. */
  private async tryInTerminal(lines: string[]): Promise<void> {
    const panel = this.renderRoot.querySelector('podlab-side-panel');
    const term = this.renderRoot.querySelector('podlab-free-terminal');
    if (!panel || !term || lines.length === 0) return;
    panel.select('terminal');
    await panel.updateComplete;
    for (const line of lines) term.typeText(`${line}\r`);
    term.focus();
  }

  private async runAll(): Promise<void> {
    await this.session?.runAll();
  }

  private async reset(): Promise<void> {
    await this.session?.reset();
  }

  /** Stored for tests and benchmarks: the session id the served page resumes. */
  get sessionId(): string | undefined {
    return storedSessionId();
  }
}

const NO_RUNS: ReadonlyMap<string, CellRun> = new Map();
const SIDE_KEY = 'podlab:side-width';
const SIDE_MIN = 360;
const SIDE_MAX = 1000;
/** Wide enough for an 80-column terminal at 13 px (about 7.8 px a column, plus padding and scrollbar). */
const SIDE_DEFAULT = 680;

function storedSideWidth(): number {
  try {
    const n = Number(localStorage.getItem(SIDE_KEY));
    return Number.isFinite(n) && n >= SIDE_MIN && n <= SIDE_MAX ? n : SIDE_DEFAULT;
  } catch {
    return SIDE_DEFAULT;
  }
}

/** The header's status words: connecting, ready or busy, reconnecting (with when and why), or the failure. */
function statusLine(lang: string, s: LessonSession, busy: boolean): string {
  if (s.status === 'failed') return s.error ?? t(lang, 'failed');
  if (s.status === 'reconnecting' && s.link) {
    return t(lang, 'reconnecting', { seconds: Math.max(1, Math.ceil(s.link.retryInMs / 1000)), attempt: s.link.attempt });
  }
  if (s.status === 'connecting') return t(lang, 'connecting');
  if (s.reconnected) return busy ? `${t(lang, 'reconnected')} · ${t(lang, 'busy')}` : t(lang, 'reconnected');
  return t(lang, busy ? 'busy' : 'ready');
}

customElements.define('podlab-lesson-page', PodlabLessonPage);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-lesson-page': PodlabLessonPage;
  }
}

/** A string that changes whenever a cell's status or verdict does (so the table of contents re-renders). */
function progressKey(runs: ReadonlyMap<string, { status: string; outcome?: { checks: { passed: boolean }[] } }>): string {
  return [...runs.values()].map((r) => `${r.status[0]}${r.outcome?.checks.every((c) => c.passed) ? 1 : 0}`).join('');
}
