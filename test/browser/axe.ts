// axe-core injected into a page (the axe-core package's own source; @axe-core/playwright is not a dependency).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
// axe-core's CommonJS entry exports `source`: its whole script, to run inside the page.
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Run axe on the whole page (open shadow roots included) and return its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate<AxeViolation[]>(`(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact || '', help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)) }));
  })()`);
}

/** The serious and critical ones, one line each (for an assertion message). */
export function seriousOnes(violations: readonly AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}
