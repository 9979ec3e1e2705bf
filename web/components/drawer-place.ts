// Phones: the side panel is a drawer over the bottom of the page. When it opens, the part of the article the
// learner works on — the cell last run or focused, or the shell block last sent to the terminal — is scrolled
// into the room left above it, so the terminal opens next to that cell rather than over it.
import { CELL_SELECTOR } from './cell-events.ts';

/** The part of the article an event (focus, click, run request) came from: a cell, or a shell block with its button bar. */
export function articlePartOf(e: Event): Element[] | undefined {
  for (const node of e.composedPath()) {
    if (!(node instanceof Element)) continue;
    if (node.matches(CELL_SELECTOR)) return [node];
    if (node.classList.contains('try')) {
      const pre = node.previousElementSibling;
      return pre ? [pre, node] : [node];
    }
  }
  return undefined;
}

/** The first cell whose lower part is below `top` (the header's bottom): the cell the reader is at. */
export function cellAtTop(root: ParentNode, top: number): Element | undefined {
  return [...root.querySelectorAll(CELL_SELECTOR)].find((c) => c.getBoundingClientRect().bottom > top + 40);
}

/**
 * Scroll the window so `part` sits in the room between the header and the drawer: its end just above the drawer
 * when it fits there, else its start just under the header. Returns how far the page scrolled.
 */
export function placeAboveDrawer(part: readonly Element[], headerBottom: number, drawerTop: number): number {
  const rects = part.filter((el) => el.isConnected).map((el) => el.getBoundingClientRect());
  if (rects.length === 0) return 0;
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const room = drawerTop - headerBottom - 16;
  const dy = Math.round(bottom - top <= room ? bottom - (drawerTop - 8) : top - (headerBottom + 8));
  if (dy !== 0) window.scrollBy({ top: dy, behavior: 'instant' });
  return dy;
}
