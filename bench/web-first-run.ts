// Benchmark: from navigation to the first run cell's outcome, static build in headless chromium; median of N fresh page
// loads, and what those loads downloaded before the outcome (gzip -9 of each file, each distinct file once).
// Run: node --import tsx bench/web-first-run.ts [runs=7] [lesson=pod-networking] [built-site-dir...]
// With folders (`podlab build` outputs, e.g. of two commits), it serves each and alternates them load by load, so
// their figures are measured under the same machine load; without, it builds the site from this checkout.
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../test/browser/chromium.ts';
import { waitReady } from '../test/browser/page-driver.ts';
import { startStaticSite, type Site } from '../test/browser/sites.ts';
import { serveFolder } from '../test/browser/static-server.ts';

const runs = Number(process.argv[2] ?? 7);
const lessonId = process.argv[3] ?? 'pod-networking';
const dirs = process.argv.slice(4);
const missing = chromiumMissing();
if (missing) {
  console.error(missing);
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Figures {
  name: string;
  url: string;
  shown: number[];
  ready: number[];
  first: number[];
  /** Distinct files fetched before the first outcome: path → gzip -9 bytes. */
  files: Map<string, number>;
  /** Fetches of a file already fetched in the same load (a Worker's own copy of a chunk the page has). */
  refetched: Map<string, number>;
}

const sites: (Site | { name: string; url: string; close(): Promise<void> })[] = [];
if (dirs.length === 0) sites.push(await startStaticSite());
for (const d of dirs) sites.push({ name: d, ...(await serveFolder(d)) });
const figures: Figures[] = sites.map((s) => ({
  name: s.name,
  url: s.url,
  shown: [],
  ready: [],
  first: [],
  files: new Map(),
  refetched: new Map(),
}));
const browser = await launchChromium();
try {
  for (let i = 0; i < runs; i++) {
    for (const f of figures) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const seen = new Set<string>();
      const bodies: Promise<void>[] = [];
      let counting = true;
      const onResponse = (r: Response) => {
        if (!counting || !r.url().startsWith(f.url)) return;
        const file = new URL(r.url()).pathname;
        const again = seen.has(file);
        seen.add(file);
        bodies.push(
          r.body().then(
            (b) => void (again ? f.refetched : f.files).set(file, gzipSync(b, { level: 9 }).length),
            () => undefined,
          ),
        );
      };
      context.on('response', onResponse);
      const t0 = performance.now();
      await page.goto(`${f.url}lesson/${lessonId}/?lang=en`);
      await page.locator('podlab-run-cell').first().waitFor();
      f.shown.push(performance.now() - t0);
      await waitReady(page);
      const t1 = performance.now();
      const cell = page.locator('podlab-run-cell').first();
      await cell.getByRole('button').click();
      await page.locator('podlab-run-cell[data-status="complete"], podlab-run-cell[data-status="error"]').first().waitFor();
      const t2 = performance.now();
      counting = false;
      await Promise.all(bodies);
      f.ready.push(t1 - t0);
      f.first.push(t2 - t0);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of sites) await s.close();
}
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
for (const f of figures) {
  if (figures.length > 1) console.log(`\n== ${f.name}`);
  console.log(`lesson ${lessonId}, ${runs} fresh loads of the static build on localhost, headless chromium`);
  console.log(`navigation → lesson shown:         ${fmt(f.shown)}`);
  console.log(`navigation → session ready:        ${fmt(f.ready)}`);
  console.log(`navigation → first cell's outcome: ${fmt(f.first)}`);
  const total = [...f.files.values()].reduce((a, b) => a + b, 0);
  const again = [...f.refetched.values()].reduce((a, b) => a + b, 0);
  console.log(`downloaded before the outcome:     ${kib(total)} gzip -9 in ${f.files.size} files (${[...f.files.keys()].join(' ')})`);
  if (again > 0)
    console.log(
      `  fetched a second time (the Worker's own module fetch; an HTTP cache may serve it): ${kib(again)} (${[...f.refetched.keys()].join(' ')})`,
    );
}
