// <podlab-reach-matrix>: who reaches whom, as a colored grid — observed outcome per pair, a mismatch with the lesson marked.
import { LitElement, css, html, nothing } from 'lit';
import type { MatrixCell, ReachMatrix } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';

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

export class PodlabReachMatrix extends LitElement {
  static override properties = { matrix: { attribute: false }, lang: { type: String } };
  static override styles = css`
    :host { display: block; font-size: 12px; }
    .scroll { overflow: auto; max-width: 100%; }
    table { border-collapse: separate; border-spacing: 2px; }
    .caption { color: #57606a; margin: 4px 0; }
    th { font-weight: 600; color: #24292f; white-space: nowrap; font-family: var(--podlab-mono); font-size: 11px; }
    th[scope='col'] { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; padding: 2px 0; }
    th[scope='row'] { text-align: right; padding-right: 4px; }
    td { width: 24px; height: 24px; text-align: center; border-radius: 4px; font-weight: 700; color: #fff; position: relative; }
    td.ok { background: #2da44e; }
    td.refused { background: #bf8700; }
    td.timeout, td.no-route, td.error { background: #cf222e; }
    td.nxdomain, td.no-endpoints, td.no-source, td.source-not-running { background: #8c959f; }
    td.self { background: #eaeef2; }
    td.mismatch { outline: 3px solid #1f2328; outline-offset: -1px; }
    td.mismatch::after { content: '!'; position: absolute; top: -6px; right: -4px; background: #1f2328; color: #fff; border-radius: 8px; font-size: 9px; line-height: 12px; width: 12px; }
    td.agrees::before { content: ''; position: absolute; bottom: 2px; right: 2px; width: 5px; height: 5px; border-radius: 3px; background: #fff; }
    .legend { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; color: #57606a; }
    .legend span b { display: inline-block; min-width: 14px; text-align: center; color: #fff; border-radius: 3px; margin-right: 3px; }
  `;

  declare matrix: ReachMatrix | undefined;
  declare lang: string;

  constructor() {
    super();
    this.lang = 'en';
  }

  override render() {
    const m = this.matrix;
    if (!m || m.targets.length === 0) return nothing;
    const index = new Map(m.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
    return html`<p class="caption" id="matrix-caption">${t(this.lang, 'matrixCaption')}</p>
      <div class="scroll"><table aria-labelledby="matrix-caption">
        <thead><tr><td></td>${m.targets.map((tg) => html`<th scope="col">${targetLabel(tg)}</th>`)}</tr></thead>
        <tbody>
          ${m.sources.map((from) => html`<tr><th scope="row">${from}</th>
            ${m.targets.map((tg) => {
              const cell = index.get(`${from}\u0000${tg.name}`);
              if (!cell) return html`<td class="self" aria-label=${`${from} → ${tg.name}`}></td>`;
              return html`<td class=${classes(cell)} data-from=${from} data-to=${tg.name} role="img"
                aria-label=${this.label(cell)} title=${this.label(cell)}>${MARKS[cell.observed] ?? '?'}</td>`;
            })}</tr>`)}
        </tbody>
      </table></div>
      <div class="legend" aria-hidden="true">
        ${['ok', 'refused', 'timeout', 'nxdomain'].map((o) => html`<span><b class=${o} style=${`background:${legendColor(o)}`}>${MARKS[o]}</b>${o}</span>`)}
        <span><b style="background:#1f2328">!</b>${t(this.lang, 'matrixMismatch')}</span>
      </div>`;
  }

  private label(c: MatrixCell): string {
    const target = `${c.to}${c.protocol === 'icmp' ? ' icmp' : `:${c.port ?? ''}`}`;
    const verdict = c.expected === undefined
      ? t(this.lang, 'matrixNoExpectation')
      : c.agrees
        ? t(this.lang, 'matrixAgrees')
        : `${t(this.lang, 'matrixMismatch')} (${c.expected})`;
    return `${c.from} → ${target}: ${t(this.lang, 'observed')} ${c.observed}; ${verdict}`;
  }
}

function targetLabel(tg: ReachMatrix['targets'][number]): string {
  return tg.protocol === 'icmp' ? `${tg.name} icmp` : `${tg.name}:${tg.port ?? ''}`;
}

function classes(c: MatrixCell): string {
  return [c.observed, c.agrees === false ? 'mismatch' : '', c.agrees === true ? 'agrees' : ''].filter(Boolean).join(' ');
}

function legendColor(o: string): string {
  return { ok: '#2da44e', refused: '#bf8700', timeout: '#cf222e' }[o] ?? '#8c959f';
}

customElements.define('podlab-reach-matrix', PodlabReachMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-reach-matrix': PodlabReachMatrix;
  }
}
