// <podlab-check-list>: a cell's checks — pending before it runs, then green or red with the reason and the hops.
import { LitElement, css, html, nothing } from 'lit';
import type { CheckResult, Expectation } from '../../src/core/page.ts';
import { t } from '../i18n/strings.ts';

export class PodlabCheckList extends LitElement {
  static override properties = { expectations: { attribute: false }, checks: { attribute: false }, lang: { type: String } };
  static override styles = css`
    :host { display: block; }
    ul.checks { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    ul.checks > li { border-radius: 6px; padding: 6px 10px; border: 1px solid var(--podlab-border, #d0d7de); background: #f6f8fa; }
    ul.checks > li.passed { border-color: #2da44e; background: #dafbe1; }
    ul.checks > li.failed { border-color: #cf222e; background: #ffebe9; }
    .mark { display: inline-block; width: 1.4em; font-weight: 700; }
    .passed .mark { color: #1a7f37; }
    .failed .mark { color: #cf222e; }
    .pending .mark { color: #6e7781; }
    code { font-family: var(--podlab-mono); font-size: 0.92em; }
    .why { margin: 4px 0 0 1.4em; color: #3d1d1f; font-size: 14px; line-height: 1.5; }
    .passed .why { color: #1f3d26; }
    ol.hops { margin: 4px 0 0 1.4em; padding-left: 1.2em; font-family: var(--podlab-mono); font-size: 12px; color: #57606a; }
    .state { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  declare expectations: readonly Expectation[];
  declare checks: readonly CheckResult[] | undefined;
  declare lang: string;

  constructor() {
    super();
    this.expectations = [];
    this.checks = undefined;
    this.lang = 'en';
  }

  override render() {
    const visible = this.expectations.filter((e) => !e.hidden);
    if (visible.length === 0 && !this.checks?.length) return nothing;
    const items = this.checks
      ? this.checks.filter((c) => !c.hidden).map((c) => this.renderCheck(c))
      : visible.map((e) => html`<li class="pending"><span class="mark" aria-hidden="true">○</span><code>${e.text}</code>
          <span class="state">${t(this.lang, 'checkPending')}</span></li>`);
    return html`<ul class="checks" aria-label=${t(this.lang, 'checks')}>${items}</ul>`;
  }

  private renderCheck(c: CheckResult) {
    const state = c.passed ? 'passed' : 'failed';
    const label = `${c.text}: ${t(this.lang, c.passed ? 'checkPassed' : 'checkFailed')}. ${c.passed ? '' : c.reason}`;
    return html`<li class=${state} data-check=${c.id} data-passed=${String(c.passed)} role="status" aria-label=${label}>
      <span class="mark" aria-hidden="true">${c.passed ? '✓' : '✗'}</span><code>${c.text}</code>
      ${c.passed
        ? nothing
        : html`<div class="why">${whyText(this.lang, c)}</div>`}
      ${!c.passed && c.hops.length > 0
        ? html`<ol class="hops" aria-label=${t(this.lang, 'path')}>${c.hops.map((h) => html`<li>${h.at}: ${h.action}</li>`)}</ol>`
        : nothing}
    </li>`;
  }
}

/** The sentence under a red check: the backend's reason; for reach checks also expected vs observed (output reasons already say it). */
function whyText(lang: string, c: CheckResult): string {
  const reason = c.reason.trim();
  const sentence = reason === '' || /[.!?。]$/.test(reason) ? reason : `${reason}.`;
  return c.kind === 'reach' ? `${sentence} ${t(lang, 'expected', { expected: c.expected, observed: c.observed })}`.trim() : sentence;
}

customElements.define('podlab-check-list', PodlabCheckList);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-check-list': PodlabCheckList;
  }
}
