// <podlab-reach-matrix>: who reaches whom — observed outcome per pair (pods by port, Services by name and
// ClusterIP, other names the checks use), a mismatch with the lesson and a change since the last refresh
// marked; a square opened by click or keyboard shows its reason and hops.
import { LitElement, css, html, nothing } from 'lit';
import { reasonCodeText, translateReason, type MatrixCell, type ReachMatrix } from '../../src/core/page.ts';
import { outcomeWord, t } from '../i18n/strings.ts';

/** Short marks for outcomes; colors come from the class. */
const MARKS: Record<string, string> = {
  ok: '✓',
  refused: 'R',
  timeout: '✗',
  'no-route': '⊘',
  nxdomain: '?',
  'no-endpoints': '∅',
  'no-source': '–',
  'source-not-running': '…',
  error: '!',
};
/** A timeout that NetworkPolicy caused: its own mark and colour, apart from a plain timeout. */
const POLICY_MARK = 'P';

type Target = ReachMatrix['targets'][number];

const keyOf = (from: string, to: string, protocol: string, port: number | undefined) =>
  `${from}\u0000${to}\u0000${protocol}\u0000${port ?? ''}`;
const cellKey = (c: MatrixCell) => keyOf(c.from, c.to, c.protocol, c.port);

export class PodlabReachMatrix extends LitElement {
  static override properties = { matrix: { attribute: false }, lang: { type: String }, selected: { state: true } };
  static override styles = css`
    :host { display: block; font-size: 12px; }
    .scroll { overflow: auto; max-width: 100%; }
    table { border-collapse: separate; border-spacing: 2px; }
    .caption { color: var(--podlab-muted, #57606a); margin: 4px 0; }
    th { font-weight: 600; color: var(--podlab-fg, #24292f); white-space: nowrap; font-family: var(--podlab-mono); font-size: 11px; }
    th[scope='col'] { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; padding: 2px 0; }
    th.service, th.cluster-ip { color: var(--podlab-svc-fg, #6639ba); }
    th[scope='row'] { text-align: right; padding-right: 4px; }
    td { padding: 0; position: relative; }
    td button { width: 26px; height: 26px; border: 0; border-radius: 4px; font: inherit; font-weight: 700; color: #fff; cursor: pointer; padding: 0; position: relative; }
    td button:focus-visible { outline: 3px solid #0969da; outline-offset: 1px; }
    td button[aria-pressed='true'] { box-shadow: 0 0 0 2px #0969da; }
    .ok { background: #1a7f37; }
    .refused { background: #9a6700; }
    .timeout, .no-route, .error { background: #cf222e; }
    button.policy, b.policy { background: #8250df; }
    .nxdomain, .no-endpoints, .no-source, .source-not-running { background: #6e7781; }
    td.self { background: var(--podlab-subtle, #eaeef2); border-radius: 4px; width: 26px; height: 26px; }
    .mismatch { outline: 3px solid #1f2328; outline-offset: -1px; }
    .mismatch::after { content: '!'; position: absolute; top: -6px; right: -4px; background: #1f2328; color: #fff; border-radius: 8px; font-size: 9px; line-height: 12px; width: 12px; }
    .agrees::before { content: ''; position: absolute; bottom: 2px; right: 2px; width: 5px; height: 5px; border-radius: 3px; background: var(--podlab-bg, #fff); }
    .changed { box-shadow: inset 0 0 0 3px #79c0ff; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 12px; margin-top: 8px; color: var(--podlab-muted, #57606a); list-style: none; padding: 0; }
    .legend b { display: inline-block; position: relative; min-width: 16px; height: 16px; line-height: 16px; text-align: center; color: #fff; border-radius: 3px; margin-right: 4px; vertical-align: middle; }
    .legend b.plain { background: #8c959f; }
    .detail { margin-top: 8px; border: 1px solid var(--podlab-border, #d0d7de); border-radius: 6px; padding: 8px 10px; font-size: 13px; line-height: 1.5; }
    .detail h3 { margin: 0 0 4px; font-size: 13px; font-family: var(--podlab-mono); }
    .detail ol { margin: 4px 0 0; padding-left: 1.4em; font-family: var(--podlab-mono); font-size: 11.5px; color: var(--podlab-muted, #57606a); overflow-wrap: anywhere; }
    .detail p { margin: 2px 0; overflow-wrap: anywhere; }
    .detail ul.walkthrough { margin: 4px 0 0; padding-left: 1.2em; }
    .detail ul.walkthrough li { overflow-wrap: anywhere; }
    .detail h4 { margin: 6px 0 0; font-size: 12px; }
  `;

  declare matrix: ReachMatrix | undefined;
  declare lang: string;
  /** The opened square (its key), if any. */
  declare selected: string | undefined;
  /** The matrix before the current one: squares whose outcome changed since are marked. */
  private previous?: Map<string, string>;
  private shown?: ReachMatrix;
  /** The square that takes Tab (roving tabindex): the opened one, else the first. */
  private focusKey?: string;

  constructor() {
    super();
    this.lang = 'en';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('matrix') && this.matrix !== this.shown) {
      if (this.shown) this.previous = new Map(this.shown.cells.map((c) => [cellKey(c), c.observed]));
      this.shown = this.matrix;
    }
  }

  override render() {
    const m = this.matrix;
    // Asked for when its tab is first shown (LessonSession.showMatrix): a line says so until it comes.
    if (!m) return html`<p class="caption" role="status">${t(this.lang, 'matrixComputing')}</p>`;
    if (m.targets.length === 0) return nothing;
    const index = new Map(m.cells.map((c) => [cellKey(c), c]));
    if (!this.focusKey || !index.has(this.focusKey)) this.focusKey = m.cells[0] ? cellKey(m.cells[0]) : undefined;
    const selected = this.selected ? index.get(this.selected) : undefined;
    return html`<p class="caption" id="matrix-caption">${t(this.lang, 'matrixCaption')}</p>
      <div class="scroll"><table aria-labelledby="matrix-caption" @keydown=${(e: KeyboardEvent) => this.onKey(e, m)}>
        <thead><tr><td></td>${m.targets.map((tg) => html`<th scope="col" class=${tg.kind ?? 'pod'}>${targetLabel(tg)}</th>`)}</tr></thead>
        <tbody>
          ${m.sources.map(
            (from, row) => html`<tr><th scope="row">${from}</th>
            ${m.targets.map((tg, col) => {
              const key = keyOf(from, tg.name, tg.protocol, tg.port);
              const cell = index.get(key);
              if (!cell) return html`<td class="self"><span class="sr">${t(this.lang, 'matrixSelf')}</span></td>`;
              const changedNow = this.previous !== undefined && this.previous.has(key) && this.previous.get(key) !== cell.observed;
              return html`<td><button class=${classes(cell, changedNow)} data-from=${from} data-to=${tg.name} data-row=${row} data-col=${col}
                data-observed=${cell.observed} ?data-policy-drop=${cell.policyDrop === true} ?data-changed=${changedNow} tabindex=${key === this.focusKey ? 0 : -1}
                aria-pressed=${String(this.selected === key)} aria-label=${this.label(cell, changedNow)} title=${this.label(cell, changedNow)}
                @click=${() => this.open(key)}>${cell.policyDrop ? POLICY_MARK : (MARKS[cell.observed] ?? '?')}</button></td>`;
            })}</tr>`,
          )}
        </tbody>
      </table></div>
      ${selected ? this.detail(selected) : nothing}
      <ul class="legend" aria-label=${t(this.lang, 'legend')}>
        ${Object.keys(MARKS).map((o) => html`<li data-legend=${o}><b class=${o} aria-hidden="true">${MARKS[o]}</b>${outcomeWord(this.lang, o)}</li>`)}
        <li data-legend="policy"><b class="policy" aria-hidden="true">${POLICY_MARK}</b>${t(this.lang, 'matrixPolicyDrop')}</li>
        <li><b class="plain mismatch" aria-hidden="true"></b>${t(this.lang, 'matrixMismatch')}</li>
        <li><b class="plain agrees" aria-hidden="true"></b>${t(this.lang, 'matrixAgrees')}</li>
        <li><b class="plain changed" aria-hidden="true"></b>${t(this.lang, 'matrixChanged')}</li>
        <li><b aria-hidden="true" style="background:var(--podlab-subtle, #eaeef2)"></b>${t(this.lang, 'matrixSelf')}</li>
      </ul>
      <p class="caption">${t(this.lang, 'matrixOpenHint')}</p>`;
  }

  private detail(c: MatrixCell) {
    return html`<section class="detail" aria-live="polite" data-detail=${cellKey(c)}>
      <h3>${c.from} → ${targetLabel({ name: c.to, protocol: c.protocol, port: c.port })}</h3>
      <p>${t(this.lang, 'observed')}: ${this.outcome(c)}${
        c.expected === undefined
          ? html` · ${t(this.lang, 'matrixNoExpectation')}`
          : html` · ${t(this.lang, 'matrixExpected')}: ${outcomeWord(this.lang, c.expected)} (${t(this.lang, c.agrees ? 'matrixAgrees' : 'matrixMismatch')})`
      }</p>
      ${this.reasonRest(c) ? html`<p class="reason">${this.reasonRest(c)}</p>` : nothing}
      ${
        c.reasonCodes && c.reasonCodes.length > 0
          ? html`<h4>${t(this.lang, 'policyWalkthrough')}</h4><ul class="walkthrough">${c.reasonCodes.map((r) => html`<li data-code=${r.code}>${reasonCodeText(this.lang, r)}</li>`)}</ul>`
          : nothing
      }
      ${c.hops && c.hops.length > 0 ? html`<ol class="hops" aria-label=${t(this.lang, 'path')} translate="no">${c.hops.map((h) => html`<li>${h.at}: ${h.action}</li>`)}</ol>` : nothing}
    </section>`;
  }

  /** The reason in the page's language, without the policy sentences the walkthrough lists below it. */
  private reasonRest(c: MatrixCell): string {
    let text = translateReason(this.lang, c.reason ?? '', c.reasonCodes);
    for (const r of c.reasonCodes ?? []) text = text.replace(reasonCodeText(this.lang, r), '');
    return text.replace(/^[；;\s]+|[；;\s]+$/g, '').replace(/(?:[；;]\s*){2,}/g, (m) => (m.includes('；') ? '；' : '; '));
  }

  private open(key: string): void {
    this.selected = this.selected === key ? undefined : key;
    this.focusKey = key;
  }

  /** Arrow keys move between squares (rows and columns), Home/End to the row's ends; Enter/Space open (buttons do). */
  private onKey(e: KeyboardEvent, m: ReachMatrix): void {
    const btn = e.composedPath()[0] as HTMLElement;
    if (btn.tagName !== 'BUTTON') return;
    let row = Number(btn.dataset.row);
    let col = Number(btn.dataset.col);
    const d = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[e.key];
    if (!d && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const find = (r: number, c: number) => this.renderRoot.querySelector<HTMLElement>(`button[data-row="${r}"][data-col="${c}"]`);
    let next: HTMLElement | null = null;
    if (e.key === 'Home' || e.key === 'End') {
      for (let c = e.key === 'Home' ? 0 : m.targets.length - 1; c >= 0 && c < m.targets.length && !next; c += e.key === 'Home' ? 1 : -1)
        next = find(row, c);
    } else if (d) {
      // Skip the grey self squares (no button).
      for (let i = 0; i < m.targets.length + m.sources.length && !next; i++) {
        row += d[0];
        col += d[1];
        if (row < 0 || col < 0 || row >= m.sources.length || col >= m.targets.length) break;
        next = find(row, col);
      }
    }
    if (!next) return;
    for (const b of this.renderRoot.querySelectorAll<HTMLElement>('td button')) b.tabIndex = -1;
    next.tabIndex = 0;
    this.focusKey = keyOf(
      next.dataset.from ?? '',
      next.dataset.to ?? '',
      m.targets[Number(next.dataset.col)].protocol,
      m.targets[Number(next.dataset.col)].port,
    );
    next.focus();
  }

  /** The observed outcome in words; a policy drop says so ("timed out, dropped by NetworkPolicy"). */
  private outcome(c: MatrixCell): string {
    const word = outcomeWord(this.lang, c.observed);
    return c.policyDrop ? `${word} (${t(this.lang, 'matrixPolicyDrop')})` : word;
  }

  private label(c: MatrixCell, changedNow: boolean): string {
    const verdict =
      c.expected === undefined
        ? t(this.lang, 'matrixNoExpectation')
        : c.agrees
          ? t(this.lang, 'matrixAgrees')
          : `${t(this.lang, 'matrixMismatch')} (${outcomeWord(this.lang, c.expected)})`;
    const target = targetLabel({ name: c.to, protocol: c.protocol, port: c.port });
    return `${c.from} → ${target}: ${t(this.lang, 'observed')} ${this.outcome(c)}; ${verdict}${changedNow ? `; ${t(this.lang, 'matrixChanged')}` : ''}`;
  }
}

function targetLabel(tg: Pick<Target, 'name' | 'protocol' | 'port'>): string {
  return tg.protocol === 'icmp' ? `${tg.name} icmp` : `${tg.name}:${tg.port ?? ''}${tg.protocol === 'udp' ? '/udp' : ''}`;
}

function classes(c: MatrixCell, changedNow: boolean): string {
  return [
    c.observed,
    c.policyDrop ? 'policy' : '',
    c.agrees === false ? 'mismatch' : '',
    c.agrees === true ? 'agrees' : '',
    changedNow ? 'changed' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

customElements.define('podlab-reach-matrix', PodlabReachMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-reach-matrix': PodlabReachMatrix;
  }
}
