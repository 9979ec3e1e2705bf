// Benchmark: from navigation to the first run cell's outcome, static build in headless chromium; median of N fresh page loads.
// Run: node --import tsx bench/web-first-run.ts [runs=7] [lesson=pod-networking]
import { chromiumMissing, launchChromium } from '../test/browser/chromium.ts';
import { waitReady } from '../test/browser/page-driver.ts';
import { startStaticSite } from '../test/browser/sites.ts';

const runs = Number(process.argv[2] ?? 7);
const lessonId = process.argv[3] ?? 'pod-networking';
const missing = chromiumMissing();
if (missing) {
  console.error(missing);
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const site = await startStaticSite();
const browser = await launchChromium();
const shown: number[] = [];
const ready: number[] = [];
const first: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${site.url}lesson/${lessonId}/?lang=en`);
    await page.locator('podlab-run-cell').first().waitFor();
    shown.push(performance.now() - t0);
    await waitReady(page);
    const t1 = performance.now();
    const cell = page.locator('podlab-run-cell').first();
    await cell.getByRole('button').click();
    await page.locator('podlab-run-cell[data-status="complete"], podlab-run-cell[data-status="error"]').first().waitFor();
    const t2 = performance.now();
    ready.push(t1 - t0);
    first.push(t2 - t0);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`lesson ${lessonId}, ${runs} fresh loads of the static build on localhost, headless chromium`);
console.log(`navigation → lesson shown:         ${fmt(shown)}`);
console.log(`navigation → session ready:        ${fmt(ready)}`);
console.log(`navigation → first cell's outcome: ${fmt(first)}`);
