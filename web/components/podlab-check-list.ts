// <podlab-check-list>: a cell's checks — pending before it runs, then green or red with the reason and the hops.
import { LitElement, css, html, nothing } from 'lit';
import { checkSentenceParts, ruleText, translateReason, type CheckResult, type Expectation } from '../../src/core/page.ts';
import { outcomeWord, t } from '../i18n/strings.ts';

export class PodlabCheckList extends LitElement {
  static override properties = {
    expectations: { attribute: false },
    checks: { attribute: false },
    doubt: { type: Boolean },
    lang: { type: String },
  };
  static override styles = css`
    :host { display: block; }
    ul.checks { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    ul.checks > li { border-radius: 6px; padding: 6px 10px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bar, #f6f8fa); }
    ul.checks > li.passed { border-color: #2da44e; background: var(--podlab-success-bg, #dafbe1); }
    ul.checks > li.failed { border-color: #cf222e; background: var(--podlab-danger-bg, #ffebe9); }
    ul.checks > li.doubt { border-color: #d4a72c; background: var(--podlab-attention-bg, #fff8c5); }
    li.doubt .mark { color: var(--podlab-attention-fg, #7d4e00); }
    .mark { display: inline-block; width: 1.4em; font-weight: 700; }
    .passed .mark { color: var(--podlab-success, #1a7f37); }
    .failed .mark { color: var(--podlab-danger, #cf222e); }
    .pending .mark { color: var(--podlab-muted, #6e7781); }
    code { font-family: var(--podlab-mono); font-size: 0.92em; overflow-wrap: anywhere; }
    .why, ol.hops { overflow-wrap: anywhere; }
    .why { margin: 4px 0 0 1.4em; color: #3d1d1f; font-size: 14px; line-height: 1.5; }
    .passed .why { color: #1f3d26; }
    ol.hops { margin: 4px 0 0 1.4em; padding-left: 1.2em; font-family: var(--podlab-mono); font-size: 12px; color: var(--podlab-muted, #57606a); }
    details.rule { display: inline; margin-left: 8px; font-size: 12px; color: var(--podlab-muted, #57606a); }
    details.rule summary { display: inline; cursor: pointer; text-decoration: underline dotted; }
    details.rule summary:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
    details.rule[open] { display: block; margin: 4px 0 0 1.4em; }
    details.rule code { display: block; margin-top: 2px; }
    .state { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  declare expectations: readonly Expectation[];
  declare checks: readonly CheckResult[] | undefined;
  declare lang: string;
  /** The run started on a cluster earlier runs changed: failed checks are shown as doubtful, not red. */
  declare doubt: boolean;

  constructor() {
    super();
    this.expectations = [];
    this.checks = undefined;
    this.lang = 'en';
    this.doubt = false;
  }

  override render() {
    const visible = this.expectations.filter((e) => !e.hidden);
    if (visible.length === 0 && !this.checks?.length) return nothing;
    const items = this.checks
      ? this.checks.filter((c) => !c.hidden).map((c) => this.renderCheck(c))
      : visible.map(
          (e) => html`<li class="pending"><span class="mark" aria-hidden="true">○</span>${this.sentence(e, e.text)}
          <span class="state">${t(this.lang, 'checkPending')}</span>${this.rule(e.text)}</li>`,
        );
    return html`<ul class="checks" aria-label=${t(this.lang, 'checks')}>${items}</ul>`;
  }

  /** The check as a sentence in the page's language; the rule itself when the expectation is not at hand. */
  private sentence(exp: Expectation | undefined, text: string) {
    if (!exp) return html`<span class="sentence"><code>${ruleText(text)}</code></span>`;
    return html`<span class="sentence">${checkSentenceParts(this.lang, exp).map((p) => ('code' in p ? html`<code>${p.code}</code>` : p.text))}</span>`;
  }

  /** The rule as written (no internal [modifiers]), on demand. */
  private rule(text: string) {
    return html`<details class="rule"><summary>${t(this.lang, 'rule')}</summary><code>${ruleText(text)}</code></details>`;
  }

  private renderCheck(c: CheckResult) {
    const doubt = !c.passed && this.doubt;
    const state = c.passed ? 'passed' : doubt ? 'failed doubt' : 'failed';
    const exp = this.expectations.find((e) => e.text === c.text);
    return html`<li class=${state} data-check=${c.id} data-passed=${String(c.passed)} ?data-doubt=${doubt}>
      <span class="mark" aria-hidden="true">${c.passed ? '✓' : doubt ? '?' : '✗'}</span>${this.sentence(exp, c.text)}
      <span class="state">${t(this.lang, c.passed ? 'checkPassed' : doubt ? 'checkDoubt' : 'checkFailed')}</span>
      ${c.passed ? nothing : html`<div class="why">${whyText(this.lang, c)}</div>`}
      ${
        !c.passed && c.hops.length > 0
          ? html`<ol class="hops" aria-label=${t(this.lang, 'path')} translate="no">${c.hops.map((h) => html`<li>${h.at}: ${h.action}</li>`)}</ol>`
          : nothing
      }
      ${this.rule(c.text)}
    </li>`;
  }
}

/** The sentence under a red check: the backend's reason in the page's language; for reach checks also expected vs observed. */
function whyText(lang: string, c: CheckResult): string {
  const reason = translateReason(lang, c.reason.trim(), c.reasonCodes);
  const sentence = reason === '' || /[.!?。]$/.test(reason) ? reason : `${reason}${/[\u4e00-\u9fff）]$/.test(reason) ? '。' : '.'}`;
  return c.kind === 'reach'
    ? `${sentence} ${t(lang, 'expected', { expected: outcomeWord(lang, c.expected), observed: outcomeWord(lang, c.observed) })}`.trim()
    : sentence;
}

customElements.define('podlab-check-list', PodlabCheckList);

declare global {
  interface HTMLElementTagNameMap {
    'podlab-check-list': PodlabCheckList;
  }
}
