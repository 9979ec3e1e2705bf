// Layout in chromium: a side panel with tabs and a splitter at 1280×800 (an 80-column terminal), a phone at
// 390×844 with nothing sticking out sideways; screenshots in test-output/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { horizontalOverflow, showPanelTab, typeInFreeTerminal, until, waitAllRan, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const OUT = path.join(REPO_ROOT, 'test-output');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

async function terminalSize(page: Page): Promise<{ cols: number; rows: number }> {
  return page.locator('podlab-free-terminal').evaluate((e) => (e as HTMLElement & { size: { cols: number; rows: number } }).size);
}

async function runAll(page: Page): Promise<void> {
  await page.locator('podlab-lesson-page header button.primary').click();
  await waitAllRan(page);
}

describe('layout of the page', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await launchChromium();
    sites.push(await startStaticSite(undefined, path.join(OUT, 'static-layout')));
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  for (const which of ['static', 'served'] as const)
    test(
      `1280×800 (${which}): tabs for picture, matrix, terminal; labels in their boxes; the terminal has at least 80 columns and follows the splitter; nothing overflows`,
      { timeout: 120_000 },
      async () => {
        if (which === 'served' && !sites.some((s) => s.name === 'served')) sites.push(await startServedSite());
        const site = sites.find((s) => s.name === which);
        assert.ok(site);
        const shot = which === 'static' ? '' : '-served';
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${site.url}lesson/pod-networking/?lang=en`);
          await waitReady(page);
          await runAll(page);
          assert.deepEqual(await horizontalOverflow(page), [], 'nothing sticks out sideways (picture tab)');
          // The picture: every label inside its own box (node, pod, Service), no arrowhead on a label.
          const picture = await page.evaluate<{ outside: string[]; covered: string[]; boxes: number; crossed: string[] }>(`(() => {
          const el = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page').shadowRoot.querySelector('podlab-topology');
          const svg = el.shadowRoot.querySelector('svg');
          const within = (a, b) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
          const outside = [];
          let boxes = 0;
          for (const g of svg.querySelectorAll('g.node, g.pod, g.svc')) {
            const rect = g.querySelector(':scope > rect.frame, :scope > rect.box, :scope > rect:not(.iso-tag)');
            if (!rect) continue;
            boxes++;
            const box = rect.getBBox();
            for (const text of g.querySelectorAll(':scope > text')) {
              if (text.textContent.trim() && !within(text.getBBox(), box)) outside.push(g.getAttribute('aria-label') + ': ' + text.textContent);
            }
          }
          const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => [t, t.getBBox()]);
          const covered = [];
          for (const path of svg.querySelectorAll('path.ep')) {
            const end = path.getPointAtLength(path.getTotalLength());
            for (const [t, b] of texts)
              if (end.x >= b.x - 3 && end.x <= b.x + b.width + 3 && end.y >= b.y - 3 && end.y <= b.y + b.height + 3) covered.push(t.textContent);
          }
          // Arrows avoid text: no point along a Service's arrow or a probe's path lies on a label.
          const crossed = [];
          for (const path of svg.querySelectorAll('path.ep, path.hop')) {
            const len = path.getTotalLength();
            for (let d = 0; d <= len; d += 2) {
              const p = path.getPointAtLength(d);
              for (const [t, b] of texts)
                if (p.x > b.x + 1 && p.x < b.x + b.width - 1 && p.y > b.y + 1 && p.y < b.y + b.height - 1) {
                  crossed.push(path.getAttribute('class') + ' over "' + t.textContent + '"');
                  d = len + 1;
                  break;
                }
            }
          }
          return { outside, covered, boxes, crossed };
        })()`);
          assert.ok(picture.boxes >= 5, `boxes drawn: ${picture.boxes}`);
          assert.deepEqual(picture.outside, [], 'labels inside their boxes');
          assert.deepEqual(picture.covered, [], 'no arrowhead ends on a label');
          assert.deepEqual(picture.crossed, [], 'no arrow runs over a label');
          await page.screenshot({ path: path.join(OUT, `lesson-1280x800${shot}.png`) });

          await showPanelTab(page, 'matrix');
          assert.ok(await page.locator('podlab-reach-matrix').isVisible(), 'the matrix tab shows the matrix');
          assert.ok(!(await page.locator('podlab-topology').isVisible()), 'and hides the picture');
          assert.deepEqual(await horizontalOverflow(page), [], 'matrix tab');

          const text = await typeInFreeTerminal(
            page,
            'kubectl get pods -o wide',
            /kubectl get pods -o wide\n(.*\n)*nginx-pod .*\n(.*\n)*.*# $/,
          );
          const size = await terminalSize(page);
          assert.ok(size.cols >= 80, `the free terminal has ${size.cols} columns`);
          assert.ok(size.rows >= 20, `and ${size.rows} rows (the panel's full height)`);
          assert.match(text, /busybox\s+1\/1\s+Running\s+0\s+\S+\s+192\.168\.254\.206\s+henry003/, 'the wide listing, IPs whole');
          assert.deepEqual(await horizontalOverflow(page), [], 'terminal tab');
          await page.screenshot({ path: path.join(OUT, `lesson-1280x800${shot}-terminal.png`) });

          // The splitter: keyboard arrows widen the panel, the terminal gets more columns.
          await page.locator('podlab-lesson-page .splitter').focus();
          for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
          const wider = await until(
            'the terminal to widen',
            async () => {
              const s = await terminalSize(page);
              return s.cols > size.cols ? s : undefined;
            },
            5000,
          );
          assert.ok(wider.cols > size.cols);
          // Dragged with the pointer: 120 px to the right narrows the panel again.
          const bar = await page.locator('podlab-lesson-page .splitter').boundingBox();
          assert.ok(bar);
          await page.mouse.move(bar.x + bar.width / 2, bar.y + 200);
          await page.mouse.down();
          await page.mouse.move(bar.x + bar.width / 2 + 60, bar.y + 200);
          await page.mouse.move(bar.x + bar.width / 2 + 120, bar.y + 200);
          await page.mouse.up();
          const dragged = await until(
            'the terminal to narrow',
            async () => {
              const s = await terminalSize(page);
              return s.cols < wider.cols ? s : undefined;
            },
            5000,
          );
          assert.ok(dragged.cols >= 60, `still a usable terminal: ${dragged.cols}`);
          // The chosen tab and width survive a reload.
          await page.reload();
          await waitReady(page);
          assert.equal(await page.locator('podlab-side-panel').getAttribute('tab'), 'terminal');
          const again = await until(
            'the terminal to fit',
            async () => {
              const s = await terminalSize(page);
              return s.cols === dragged.cols ? s : undefined;
            },
            5000,
          );
          assert.equal(again.cols, dragged.cols);
        } finally {
          await context.close();
        }
      },
    );

  for (const [lang, which] of [
    ['en', 'static'],
    ['zh-CN', 'static'],
    ['en', 'served'],
  ] as const) {
    test(
      `390×844 phone (${which}, ${lang}): commands and checks wrap, nothing overflows sideways, the terminal drawer opens and types`,
      { timeout: 120_000 },
      async () => {
        if (which === 'served' && !sites.some((s) => s.name === 'served')) sites.push(await startServedSite());
        const site = sites.find((s) => s.name === which);
        assert.ok(site);
        const shot = which === 'static' ? lang : `${lang}-served`;
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          deviceScaleFactor: 2,
        });
        const page = await context.newPage();
        try {
          await page.goto(`${site.url}?lang=${lang}`);
          await page.locator('podlab-lesson-list li').first().waitFor();
          assert.deepEqual(await horizontalOverflow(page), [], 'lesson list');
          await page.goto(`${site.url}lesson/pod-networking/?lang=${lang}`);
          await waitReady(page);
          assert.deepEqual(await horizontalOverflow(page), [], 'before Run all');
          await runAll(page);
          assert.deepEqual(await horizontalOverflow(page), [], 'after Run all');
          // The drawer is folded: only its tabs show, at the bottom edge.
          assert.equal(await page.locator('podlab-side-panel').getAttribute('open'), null);
          await page.screenshot({ path: path.join(OUT, `lesson-390x844-${shot}.png`) });
          await page.locator('podlab-lesson-page').screenshot({ path: path.join(OUT, `lesson-390x844-${shot}-full.png`) });
          // Commands and checks wrap: no command scrolls sideways inside its box, no check item is wider than the screen.
          const wraps = await page.evaluate<{ commands: string[]; checks: string[]; counted: number[] }>(`(() => {
            const vw = document.documentElement.clientWidth;
            const commands = [], checks = [], counted = [0, 0];
            const walk = (root) => { for (const el of root.querySelectorAll('*')) {
              if (el.shadowRoot) walk(el.shadowRoot);
              if (el.tagName === 'PRE' && el.parentElement && el.parentElement.tagName === 'PODLAB-RUN-CELL') {
                counted[0]++;
                const s = getComputedStyle(el);
                if (!/pre-wrap|break-spaces/.test(s.whiteSpace) || el.scrollWidth > el.clientWidth + 1) commands.push(el.textContent.slice(0, 40) + ' ' + s.whiteSpace + ' ' + el.scrollWidth + '>' + el.clientWidth);
              }
              if (el.tagName === 'LI' && el.hasAttribute('data-passed')) {
                counted[1]++;
                const r = el.getBoundingClientRect();
                if (r.width > vw || el.scrollWidth > el.clientWidth + 1) checks.push(el.textContent.trim().slice(0, 40) + ' ' + Math.round(r.width));
              }
            } };
            walk(document);
            return { commands, checks, counted };
          })()`);
          assert.ok(wraps.counted[0] > 5 && wraps.counted[1] > 5, `commands and checks measured: ${wraps.counted}`);
          assert.deepEqual(wraps.commands, [], 'every command wraps inside its box');
          assert.deepEqual(wraps.checks, [], 'every check fits the screen');

          // The terminal drawer opens next to the current cell: a cell run low on the screen, where the drawer will
          // cover it, is moved into the room above the drawer when the terminal opens.
          const cellId = await page.locator('podlab-run-cell').nth(4).getAttribute('data-cell-id');
          assert.ok(cellId);
          const cell = page.locator(`podlab-run-cell[data-cell-id="${cellId}"]`);
          await cell.locator('button.run').click();
          assert.equal(await waitCellDone(page, cellId), 'complete');
          await until('the page to be idle', async () =>
            (await page.locator('podlab-lesson-page header .status').getAttribute('data-status')) === 'ready' ? true : undefined,
          );
          const low = await cell.boundingBox();
          assert.ok(low);
          await page.evaluate(`window.scrollBy(0, ${Math.round(low.y - 700)})`);
          const before = await cell.boundingBox();
          assert.ok(before && before.y > 600, `the cell starts low on the screen: ${before?.y}`);
          await showPanelTab(page, 'terminal');
          const placed = await until(
            'the cell to sit above the drawer',
            async () => {
              const [c, run, header, drawer] = await Promise.all([
                cell.boundingBox(),
                cell.locator('button.run').boundingBox(),
                page.locator('podlab-lesson-page header').boundingBox(),
                page.locator('podlab-lesson-page aside').boundingBox(),
              ]);
              if (!c || !run || !header || !drawer) return undefined;
              const room = { top: header.y + header.height, bottom: drawer.y };
              return c.y >= room.top - 1 && run.y + run.height <= room.bottom && c.y < room.bottom ? { c, room } : undefined;
            },
            5000,
          );
          assert.ok(placed.c.y + Math.min(placed.c.height, 100) <= placed.room.bottom + 1, JSON.stringify(placed));
          await page.screenshot({ path: path.join(OUT, `lesson-390x844-${shot}-drawer-beside-cell.png`) });
          await page.keyboard.press('Escape');
          await until(
            'the drawer to fold',
            async () => ((await page.locator('podlab-side-panel').getAttribute('open')) === null ? true : undefined),
            5000,
          );
          const text = await typeInFreeTerminal(page, 'kubectl get pods', /kubectl get pods\n(.*\n)*.*# $/);
          assert.match(text, /NAME\s+READY/);
          assert.deepEqual(await horizontalOverflow(page), [], 'with the terminal drawer open');
          await page.screenshot({ path: path.join(OUT, `lesson-390x844-${shot}-terminal.png`) });
          await page.keyboard.press('Escape');
          await until(
            'the drawer to fold',
            async () => ((await page.locator('podlab-side-panel').getAttribute('open')) === null ? true : undefined),
            5000,
          );

          await page.goto(`${site.url}lesson/service-basics/?lang=${lang}`);
          await waitReady(page);
          assert.deepEqual(await horizontalOverflow(page), [], 'exercise');
        } finally {
          await context.close();
        }
      },
    );
  }
});
