// The matrix in chromium: Service columns, the refused :81 port the lesson probes, a square opened by keyboard
// with its reason and hops, squares that changed since the last cell marked.
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { focused, showPanelTab, until, waitAllRan, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('the reachability matrix', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site;
  before(async () => {
    [browser, site, served] = await Promise.all([
      launchChromium(),
      startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-matrix')),
      startServedSite(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await served?.close();
  });

  for (const which of ['static', 'served'] as const)
    test(
      `${which}: Services as columns, the probed :81 refused, a square opened by keyboard shows why and the path`,
      { timeout: 120_000 },
      async () => {
        const target = which === 'static' ? site : served;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${target.url}lesson/pod-networking/?lang=en`);
          await waitReady(page);
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          await showPanelTab(page, 'matrix');
          const m = page.locator('podlab-reach-matrix');
          await until('the matrix with Service columns', async () => ((await m.locator('th.service').count()) > 0 ? true : undefined));
          const heads = await m.locator('th[scope="col"]').allTextContents();
          assert.ok(heads.includes('web:80'), `a Service by name: ${heads.join(' | ')}`);
          assert.ok(
            heads.some((h) => /^10\.\d+\.\d+\.\d+:80$/.test(h)),
            'the Service by ClusterIP',
          );
          assert.ok(heads.includes('nginx-pod:81'), 'the port the lesson probes for refusal');
          assert.ok((await m.locator('button[data-to="nginx-pod"][data-observed="refused"]').count()) > 0, 'the refused :81 case appears');
          const legend = await m.locator('.legend li').allTextContents();
          assert.ok(legend.length >= 9 && legend.some((l) => /as the lesson expects/.test(l)), `a full legend: ${legend.join(' | ')}`);

          // Keyboard: Tab reaches one square (roving tabindex), arrows move, Enter opens it.
          await m.locator('button[tabindex="0"]').focus();
          const start = await focused(page);
          await page.keyboard.press('ArrowRight');
          const moved = await focused(page);
          assert.notEqual(moved.label, start.label, 'an arrow moves to the next square');
          await page.keyboard.press('Enter');
          const detail = m.locator('.detail');
          await detail.waitFor();
          assert.match((await detail.locator('h3').textContent()) ?? '', /→/);
          assert.ok(((await detail.locator('.reason').textContent()) ?? '').length > 10, 'the reason');
          assert.ok((await detail.locator('ol.hops li').count()) > 0, 'the hops');

          // A refused square explains itself.
          await m.locator('button[data-to="nginx-pod"][data-observed="refused"]').first().click();
          assert.match((await detail.locator('.reason').textContent()) ?? '', /nothing listens on/);
          await page.screenshot({ path: path.join(REPO_ROOT, `test-output/matrix-open-${which}.png`) });

          // Squares whose outcome changed since the previous matrix are marked (and only those): the element given
          // the page's matrix, then the same with one square's outcome changed.
          const marked = await page.evaluate<{ changed: string[]; total: number }>(`(async () => {
        const page = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page');
        const live = page.shadowRoot.querySelector('podlab-reach-matrix');
        const el = document.createElement('podlab-reach-matrix');
        document.body.append(el);
        const a = live.matrix;
        el.matrix = a;
        await el.updateComplete;
        const cells = a.cells.map((c, i) => (i === 1 ? { ...c, observed: c.observed === 'ok' ? 'timeout' : 'ok' } : c));
        el.matrix = { ...a, cells };
        await el.updateComplete;
        const changed = [...el.shadowRoot.querySelectorAll('button[data-changed]')].map((b) => b.dataset.from + '>' + b.dataset.to);
        el.remove();
        return { changed, total: a.cells.length, expect: a.cells[1].from + '>' + a.cells[1].to };
      })()`);
          assert.equal(marked.changed.length, 1, JSON.stringify(marked));
        } finally {
          await context.close();
        }
      },
    );
});
