// The note under a cell that ran on a cluster earlier runs changed, with "Reset and run to here".
import { css, html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';

export const runContextStyles = css`
  .context { margin: 6px 8px 0; padding: 6px 10px; border: 1px solid #d4a72c; background: var(--podlab-attention-bg, #fff8c5); color: var(--podlab-attention-fg, #3b2300); border-radius: 6px; font-size: 14px; line-height: 1.5; }
  .context button { font: inherit; font-size: 13px; font-weight: 600; margin-top: 4px; border: 1px solid #9a6700; background: var(--podlab-bg, #fff); color: var(--podlab-attention-fg, #3b2300); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
  .context button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
`;

/** True when the run ended with a failed visible check on a cluster that earlier runs changed: not a plain red. */
export function inDoubt(run: CellRun | undefined): boolean {
  return run?.status === 'complete' && run.context !== undefined && (run.outcome?.checks ?? []).some((c) => !c.hidden && !c.passed);
}

/** The note, or nothing when the run started from the cluster the lesson means. */
export function runContextNote(host: HTMLElement, lang: string, run: CellRun | undefined, cellId: string): TemplateResult | typeof nothing {
  if (!run?.context || run.status !== 'complete') return nothing;
  const resetTo = () => host.dispatchEvent(new CustomEvent('podlab-reset-to', { detail: { cellId }, bubbles: true, composed: true }));
  return html`<div class="context" data-context=${run.context}>
    ${t(lang, run.context === 'rerun' ? 'contextRerun' : 'contextEarlier')}
    ${inDoubt(run) ? t(lang, 'contextDoubt') : nothing}
    <div><button class="reset-to" title=${t(lang, 'resetRunToHint')} @click=${resetTo}>${t(lang, 'resetRunTo')}</button></div>
  </div>`;
}
