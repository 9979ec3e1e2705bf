// Accessibility in chromium: axe-core on the lesson list, a lesson before and after Run all, and an exercise; the keyboard is never trapped.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { axeViolations, seriousOnes } from './axe.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { focused, tabUntil, waitAllRan, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

/**
 * The focused element (through shadow roots) and its ring: its outline (style and width) or box-shadow when one
 * is drawn, else ''. The free terminal's hidden input counts as ringed when the terminal around it is.
 */
const RING_OF_FOCUSED = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return { where: 'body', ring: '' };
  const ringOf = (e) => {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) return 'outline ' + s.outlineWidth;
    if (s.boxShadow && s.boxShadow !== 'none') return 'shadow';
    return '';
  };
  let ring = ringOf(el);
  if (!ring && el.classList.contains('xterm-helper-textarea')) ring = ringOf(el.closest('.xterm') || el);
  const where = el.tagName.toLowerCase() + ' ' + (el.getAttribute('role') ? 'role=' + el.getAttribute('role') + ' ' : '') + String(el.className || '').slice(0, 30) + ' ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
  return { where, ring };
})()`;

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('accessibility of the page', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site;
  before(async () => {
    await mkdir(path.join(REPO_ROOT, 'test-output/browser'), { recursive: true });
    [browser, site, served] = await Promise.all([
      launchChromium(),
      startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-a11y')),
      startServedSite(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await served?.close();
  });

  for (const [lang, colorScheme, which] of [
    ['en', 'light', 'static'],
    ['zh-CN', 'light', 'static'],
    ['en', 'dark', 'static'],
    ['zh-CN', 'light', 'served'],
    ['en', 'dark', 'served'],
  ] as const) {
    test(
      `axe (${which}, ${lang}, ${colorScheme}): no serious or critical violation on the list, the lesson before and after Run all, an exercise`,
      { timeout: 120_000 },
      async () => {
        const target = which === 'static' ? site : served;
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          colorScheme,
          // The served page's CSP forbids inline scripts; axe is injected as one.
          bypassCSP: which === 'served',
        });
        const page = await context.newPage();
        try {
          await page.goto(`${target.url}?lang=${lang}`);
          await page.locator('podlab-lesson-list li').first().waitFor();
          assert.deepEqual(seriousOnes(await axeViolations(page)), [], 'lesson list');
          const list = await axeViolations(page);
          assert.ok(!list.some((v) => v.id === 'landmark-one-main' || v.id === 'region'), 'the list has a main landmark');

          await page.goto(`${target.url}lesson/pod-networking/?lang=${lang}`);
          await waitReady(page);
          assert.deepEqual(seriousOnes(await axeViolations(page)), [], 'lesson before Run all');
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          const afterRun = await axeViolations(page);
          assert.deepEqual(seriousOnes(afterRun), [], 'lesson after Run all');
          assert.deepEqual(
            afterRun
              .filter((v) => ['aria-hidden-focus', 'label-content-name-mismatch', 'list', 'aria-allowed-role'].includes(v.id))
              .map((v) => v.id),
            [],
            'the violations the issue reported are gone, whatever their impact',
          );

          await page.goto(`${target.url}lesson/service-basics/?lang=${lang}`);
          await waitReady(page);
          assert.deepEqual(seriousOnes(await axeViolations(page)), [], 'exercise');
          if (colorScheme === 'dark') {
            // The page follows prefers-color-scheme: a dark background, light text.
            const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            assert.equal(bg, 'rgb(13, 17, 23)', 'the dark background');
            await page.screenshot({ path: `test-output/lesson-dark${which === 'served' ? '-served' : ''}.png` });
          }
        } finally {
          await context.close();
        }
      },
    );
  }

  for (const which of ['static', 'served'] as const)
    test(
      `keyboard (${which}): Tab goes from a ran cell's Run button past its output to the next cell, and back with Shift+Tab; every stop has a visible ring`,
      { timeout: 120_000 },
      async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${(which === 'static' ? site : served).url}lesson/pod-networking/?lang=en`);
          await waitReady(page);
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          const cells = await page.locator('podlab-run-cell').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId ?? ''));
          const [first, second] = cells;
          await page.locator(`podlab-run-cell[data-cell-id="${first}"] button.run`).focus();
          const f0 = await focused(page);
          assert.equal(f0.tag, 'button');
          assert.match(f0.label, /Run again/, "the button's text is in its name");
          // Forward: the output (a scrollable text region) may take focus once, then the next cell does.
          const forward = await tabUntil(page, (f) => f.cellId === second, 6);
          assert.ok(
            forward.every((f) => f.tag !== 'textarea'),
            `no hidden terminal input on the way: ${JSON.stringify(forward)}`,
          );
          const back = await tabUntil(page, (f) => f.cellId === first && f.tag === 'button', 6, 'Shift+Tab');
          assert.ok(back.length <= 6);

          // A visible ring everywhere: from the top of the page through the header, the contents and the first
          // cells, then from the last cell through the summary, the splitter, the panel's tabs and the picture.
          const stops: { where: string; ring: string }[] = [];
          const walk = async (n: number) => {
            for (let i = 0; i < n; i++) {
              await page.keyboard.press('Tab');
              const stop = await page.evaluate<{ where: string; ring: string }>(RING_OF_FOCUSED);
              if (stop.where === 'body') break; // past the page's last stop: focus went to the browser
              stops.push(stop);
            }
          };
          await page.evaluate('window.scrollTo(0, 0)');
          await page.locator('podlab-lesson-page header a.back').focus();
          await walk(30);
          await page.locator(`podlab-run-cell[data-cell-id="${cells.at(-1)}"] button.run`).focus();
          await walk(14);
          const kinds = new Set(stops.map((s) => s.where.split(' ')[0]));
          for (const want of ['a', 'button', 'summary']) assert.ok(kinds.has(want), `the walk reached a ${want}: ${[...kinds].join(', ')}`);
          assert.ok(
            stops.some((s) => /role=tab/.test(s.where)) && stops.some((s) => /separator/.test(s.where)),
            `the walk reached the splitter and the panel's tabs: ${stops.map((s) => s.where).join(' | ')}`,
          );
          const bare = stops.filter((s) => s.ring === '');
          assert.deepEqual(bare, [], 'every focused element is outlined');
        } finally {
          await context.close();
        }
      },
    );
});
