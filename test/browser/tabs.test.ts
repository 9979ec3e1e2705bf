// Two tabs of one lesson (static and served): the first stays live, the second opens on standby and says so
// (it never touches the first one's session or progress); "Continue here" makes it live with the shared progress
// and puts the other on standby, which can take it back. The served second tab is a duplicate (same session id).
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { until, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

const STANDBY = 'podlab-lesson-page .standby';

async function isStandby(page: Page): Promise<boolean> {
  return (await page.locator(STANDBY).count()) > 0;
}

async function waitStandby(page: Page): Promise<string> {
  await page.locator(STANDBY).waitFor({ timeout: 10_000 });
  return (await page.locator(STANDBY).textContent()) ?? '';
}

describe('two tabs of one lesson', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    browser = await launchChromium();
    sites.push(await startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-tabs')), await startServedSite());
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  for (const which of ['static', 'served'] as const) {
    test(
      `${which}: the second tab waits on standby, takes over with the shared progress, and the first can take back`,
      { timeout: 120_000 },
      async () => {
        const site = sites.find((s) => s.name === which);
        assert.ok(site);
        const url = `${site.url}lesson/pod-networking/?lang=en`;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          const a = await context.newPage();
          await a.goto(url);
          await waitReady(a);
          const first = await a.locator('podlab-run-cell').first().getAttribute('data-cell-id');
          assert.ok(first);
          await a.locator(`podlab-run-cell[data-cell-id="${first}"] button.run`).click();
          assert.equal(await waitCellDone(a, first), 'complete');

          const b = await context.newPage();
          if (which === 'served') {
            // A duplicated tab: the browser copies sessionStorage, so it holds the first tab's session id.
            const id = await a.evaluate(() => sessionStorage.getItem('podlab:session'));
            assert.ok(id, 'the served tab stored its session id');
            await b.addInitScript(
              `if (!sessionStorage.getItem('dup')) { sessionStorage.setItem('dup', '1'); sessionStorage.setItem('podlab:session', ${JSON.stringify(id)}); }`,
            );
          }
          await b.goto(url);
          assert.match(await waitStandby(b), /open in another tab, which is the live one/);
          assert.equal(await b.locator('podlab-lesson-page header button.primary:not(.take-over)').count(), 0, 'no Run all on standby');
          assert.equal(await b.locator('podlab-lesson-page .layout[inert]').count(), 1, 'the lesson is inert on standby');
          assert.equal(await b.locator('podlab-lesson-page header .status').getAttribute('data-status'), 'standby');

          // The first tab is untouched: still live, its cell still there, and it runs on.
          await a.waitForTimeout(300);
          assert.equal(await isStandby(a), false);
          assert.equal(await a.locator('podlab-lesson-page header .status').getAttribute('data-status'), 'ready');
          const second = await a.locator('podlab-run-cell').nth(1).getAttribute('data-cell-id');
          assert.ok(second);
          await a.locator(`podlab-run-cell[data-cell-id="${second}"] button.run`).click();
          assert.equal(await waitCellDone(a, second), 'complete', 'the live tab still runs cells');
          await b.screenshot({ path: path.join(REPO_ROOT, `test-output/tabs-${which}-standby.png`) });

          // Continue here: the second tab becomes live with the progress the first one made; the first pauses.
          await b.locator('podlab-lesson-page button.take-over').click();
          await waitReady(b);
          assert.equal(await waitCellDone(b, first), 'complete', 'the shared progress is replayed');
          assert.equal(await waitCellDone(b, second), 'complete');
          assert.match(await waitStandby(a), /open in another tab/);
          assert.equal(await isStandby(b), false);

          // The first tab takes back; closing it afterwards tells the standby one.
          await a.locator('podlab-lesson-page button.take-over').click();
          await waitReady(a);
          assert.equal(await waitCellDone(a, second), 'complete');
          await waitStandby(b);
          await a.close();
          await until('the standby tab to hear that the live one closed', async () =>
            /has closed/.test((await b.locator(STANDBY).textContent()) ?? '') ? true : undefined,
          );
        } finally {
          await context.close();
        }
      },
    );
  }
});
