// What run cells and exercise cells share: the Run button's look and the words saying where commands run.
import { css } from 'lit';
import type { Cell } from '../../src/core/page.ts';

export const runButtonStyles = css`
  button.run { font: inherit; font-weight: 600; border: 1px solid #1f883d; background: #1f883d; color: #fff; border-radius: 6px; padding: 3px 12px; cursor: pointer; white-space: nowrap; }
  button.run:hover { background: #1a7f37; }
  button.run:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
  button.run[aria-busy='true'] { background: #8c959f; border-color: #8c959f; }
`;

/** Where a run cell's commands run, as the bar shows it ("$", "@ node", "@ pod ns/name (container)"). */
export function whereText(cell: Cell): string {
  if (cell.kind !== 'run') return '';
  const t = cell.target;
  if (t.kind === 'node') return `@ ${t.node}`;
  if (t.kind === 'pod') return `@ pod ${t.namespace ? `${t.namespace}/` : ''}${t.pod}${t.container ? ` (${t.container})` : ''}`;
  return '$';
}
