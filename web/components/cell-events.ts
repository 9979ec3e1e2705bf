// Events cells send up to the lesson page, and keyboard moves between cells.

/** A cell asks to run; the lesson page's session does it. Bubbles out of shadow roots. */
export function requestRun(from: HTMLElement, cellId: string): void {
  from.dispatchEvent(new CustomEvent('podlab-run', { detail: { cellId }, bubbles: true, composed: true }));
}

/** The cellId of a podlab-run event. */
export function runRequestOf(e: Event): string | undefined {
  const detail = (e as CustomEvent<{ cellId?: unknown }>).detail;
  return typeof detail?.cellId === 'string' ? detail.cellId : undefined;
}

/** Every kind of cell element in the article. */
export const CELL_SELECTOR = 'podlab-run-cell, podlab-file-cell, podlab-exercise-cell';

/** Move focus to the next cell after `from` in the same document or shadow root (Shift+Enter, as in notebooks). */
export function focusNextCell(from: HTMLElement): void {
  const root = from.getRootNode() as ParentNode;
  const cells = [...root.querySelectorAll<HTMLElement>(CELL_SELECTOR)];
  const next = cells[cells.indexOf(from) + 1];
  next?.focus();
}

/** Handle Shift+Enter on a cell: run it and move on. */
export function onCellKey(e: KeyboardEvent, host: HTMLElement, cellId: string): void {
  if (e.key !== 'Enter' || !e.shiftKey) return;
  e.preventDefault();
  requestRun(host, cellId);
  focusNextCell(host);
}
