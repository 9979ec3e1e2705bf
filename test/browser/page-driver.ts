// Driving the lesson page the way a learner does, and reading what it shows (terminals, checks, the picture).
import type { Page } from 'playwright-core';

/** Poll `probe` until it returns a value that is not undefined, or fail with `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Cells by status, as the page marks them (data-status on each cell element). */
export async function cellStatuses(page: Page): Promise<Record<string, number>> {
  const statuses = await page
    .locator('podlab-run-cell, podlab-file-cell')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
  const out: Record<string, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

/** Wait until the session is ready (the Run all button enabled). */
export async function waitReady(page: Page): Promise<void> {
  await page.locator('podlab-lesson-page header .status[data-status="ready"]').waitFor({ timeout: 30_000 });
}

/** Wait until no cell is pending and every cell ran. */
export async function waitAllRan(page: Page, timeoutMs = 60_000): Promise<Record<string, number>> {
  return until(
    'every cell to run',
    async () => {
      const s = await cellStatuses(page);
      return (s.initial ?? 0) === 0 && (s.pending ?? 0) === 0 && Object.keys(s).length > 0 ? s : undefined;
    },
    timeoutMs,
  );
}

/** Every run cell's terminal text, in page order. */
export async function terminalTexts(page: Page): Promise<string[]> {
  return page.locator('podlab-cell-terminal').evaluateAll((els) => els.map((e) => (e as HTMLElement & { text(): string }).text()));
}

/** Verdicts shown: passed and failed checks with their text. */
export async function verdicts(page: Page): Promise<{ passed: string[]; failed: { text: string; why: string }[] }> {
  const items = await page.locator('podlab-check-list li[data-passed]').evaluateAll((els) =>
    els.map((e) => ({
      passed: (e as HTMLElement).dataset.passed === 'true',
      text: e.querySelector('details.rule code')?.textContent ?? '',
      why: e.querySelector('.why')?.textContent ?? '',
    })),
  );
  return {
    passed: items.filter((i) => i.passed).map((i) => i.text),
    failed: items.filter((i) => !i.passed).map((i) => ({ text: i.text, why: i.why })),
  };
}

/** Type a line into the free terminal and wait for the next prompt after it; returns the terminal's text. */
export async function typeInFreeTerminal(page: Page, line: string, waitFor: RegExp): Promise<string> {
  await showPanelTab(page, 'terminal');
  const term = page.locator('podlab-free-terminal');
  await term.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  return until(`the free terminal to show ${waitFor}`, async () => {
    const text = await term.evaluate((e) => (e as HTMLElement & { text(): string }).text());
    return waitFor.test(text) ? text : undefined;
  });
}

/** Bring a tab of the side panel forward (and open the drawer on narrow screens). */
export async function showPanelTab(page: Page, tab: 'picture' | 'matrix' | 'terminal'): Promise<void> {
  const panel = page.locator('podlab-side-panel');
  if ((await panel.getAttribute('tab')) === tab && (await panel.getAttribute('open')) !== null) return;
  await panel.locator(`[role="tab"][data-tab="${tab}"]`).click();
  await page.locator(`podlab-side-panel[tab="${tab}"]`).waitFor();
}

/**
 * Elements that stick out of the viewport on the right (or left) and are not inside a box that scrolls or
 * clips them — what would make the page itself scroll sideways. Looks through shadow roots.
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    // The flat tree: a slotted element's parent is its slot.
    const parentOf = (el) => el.assignedSlot || el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
    const clipped = (el) => {
      for (let p = parentOf(el); p; p = parentOf(p)) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' && p !== document.documentElement && p !== document.body) {
          const r = p.getBoundingClientRect();
          return r.right <= vw + 1 && r.left >= -1;
        }
      }
      return false;
    };
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        // Entirely off to the left is the visually-hidden idiom: it does not make the page scroll.
        if (r.right <= 0) continue;
        if ((r.right > vw + 1 || r.left < -1) && !clipped(el) && getComputedStyle(el).position !== 'fixed') {
          out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
        }
      }
    };
    walk(document);
    if (document.documentElement.scrollWidth > vw + 1) out.push('document scrollWidth ' + document.documentElement.scrollWidth + ' > ' + vw);
    return out;
  })()`);
}

/** The pods the topology picture draws, from their labels ("pod NAME IP PHASE"). */
export async function picturePods(page: Page): Promise<string[]> {
  return page.locator('podlab-topology g.pod').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Everything the page shows as text, shadow roots and editors' contents included (to prove something is absent). */
export async function deepPageText(page: Page): Promise<string> {
  // A string, not a function: tsx would wrap a nested function in a helper the page does not have.
  return page.evaluate<string>(`(() => {
    const out = [];
    const walk = (root) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
        if (node instanceof HTMLTextAreaElement) out.push(node.value);
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    };
    walk(document);
    return out.join('\\n');
  })()`);
}

/** The verdicts shown under one cell (by its id). */
export async function cellVerdicts(page: Page, cellId: string): Promise<{ passed: boolean; text: string; why: string }[]> {
  return page.locator(`[data-cell-id="${cellId}"] podlab-check-list li[data-passed]`).evaluateAll((els) =>
    els.map((e) => ({
      passed: (e as HTMLElement).dataset.passed === 'true',
      text: e.querySelector('details.rule code')?.textContent ?? '',
      why: e.querySelector('.why')?.textContent ?? '',
    })),
  );
}

/** Wait until the cell's run ended (complete or error) and return its status. */
export async function waitCellDone(page: Page, cellId: string, timeoutMs = 30_000): Promise<string> {
  const cell = page.locator(`[data-cell-id="${cellId}"]`);
  return until(
    `cell ${cellId} to finish`,
    async () => {
      const s = await cell.getAttribute('data-status');
      return s === 'complete' || s === 'error' ? s : undefined;
    },
    timeoutMs,
  );
}

/** The focused element, looking through shadow roots: its tag, class, label or text, and the cell it is in. */
export interface Focused {
  tag: string;
  cls: string;
  label: string;
  cellId?: string;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(`(() => {
    let el = document.activeElement;
    let cellId;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      if (el.dataset && el.dataset.cellId) cellId = el.dataset.cellId;
      el = el.shadowRoot.activeElement;
    }
    if (el && el.dataset && el.dataset.cellId) cellId = el.dataset.cellId;
    const label = (el && (el.getAttribute('aria-label') || el.textContent || '') || '').trim().slice(0, 60);
    return { tag: el ? el.tagName.toLowerCase() : '', cls: el ? String(el.className || '') : '', label, cellId };
  })()`);
}

/** Press Tab until `wanted` says yes (at most `max` times); returns every element passed on the way. */
export async function tabUntil(page: Page, wanted: (f: Focused) => boolean, max = 40, key = 'Tab'): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    seen.push(f);
    if (wanted(f)) return seen;
  }
  throw new Error(`Tab never reached the element; passed: ${seen.map((f) => `${f.tag}.${f.cls}[${f.label}]`).join(' → ')}`);
}
