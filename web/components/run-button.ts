// What run cells and exercise cells share: the Run button's look and the words saying where commands run.
import { css, html, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.ts';
import type { Cell } from '../../src/core/page.ts';

export const runButtonStyles = css`
  button.run { font: inherit; font-weight: 600; border: 1px solid #1f883d; background: #1f883d; color: #fff; border-radius: 6px; padding: 3px 12px; cursor: pointer; white-space: nowrap; }
  button.run:hover { background: #1a7f37; }
  button.run:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
  button.run[aria-busy='true'] { background: #6e7781; border-color: #6e7781; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * The Run button's content: its visible word, then (for screen readers only) which cell. The accessible name
 * thus starts with the visible text ("Run again, cell 1-2"), as WCAG 2.5.3 (label in name) asks.
 */
export function runButtonContent(lang: string, rerun: boolean, cellId: string): TemplateResult {
  return html`<span aria-hidden="true">▶ </span>${t(lang, rerun ? 'rerun' : 'run')}<span class="sr-only">, ${t(lang, 'cellRef', { id: cellId })}</span>`;
}

/** Where a run cell's commands run, as the bar shows it ("$", "@ node", "@ pod ns/name (container)"). */
export function whereText(cell: Cell): string {
  if (cell.kind !== 'run') return '';
  const t = cell.target;
  if (t.kind === 'node') return `@ ${t.node}`;
  if (t.kind === 'pod') return `@ pod ${t.namespace ? `${t.namespace}/` : ''}${t.pod}${t.container ? ` (${t.container})` : ''}`;
  return '$';
}
