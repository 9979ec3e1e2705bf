// Learner comforts in chromium: the list shows the main lesson first and marks exercises; a reload comes back
// to where the learner had scrolled.
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { until, waitAllRan, waitReady } from './page-driver.ts';
import { startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('learner comforts', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  before(async () => {
    [browser, site] = await Promise.all([
      launchChromium(),
      startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-comforts')),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('the list: the main lesson first, exercises after it and marked', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${site.url}?lang=en`);
      await page.locator('podlab-lesson-list li').first().waitFor();
      const ids = await page
        .locator('podlab-lesson-list li')
        .evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.lesson}${e.querySelector('.tag') ? ' (exercise)' : ''}`));
      assert.equal(ids[0], 'pod-networking', ids.join(', '));
      const firstExercise = ids.findIndex((i) => i.endsWith('(exercise)'));
      assert.ok(firstExercise > 0 && ids.slice(firstExercise).every((i) => i.endsWith('(exercise)')), ids.join(', '));
    } finally {
      await page.close();
    }
  });

  test('a reload comes back to the scroll position', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${site.url}lesson/pod-networking/?lang=en`);
      await waitReady(page);
      await page.locator('podlab-lesson-page header button.primary').click();
      await waitAllRan(page);
      await page.evaluate('window.scrollTo(0, 3000)');
      await until(
        'the position to be kept',
        async () =>
          (await page.evaluate<string | null>(`sessionStorage.getItem('podlab:scroll:pod-networking:en')`)) === '3000' ? true : undefined,
        5000,
      );
      await page.reload();
      await waitReady(page);
      const y = await until(
        'the page to scroll back',
        async () => {
          const now = await page.evaluate<number>('window.scrollY');
          return Math.abs(now - 3000) <= 2 ? now : undefined;
        },
        20_000,
      );
      assert.ok(Math.abs(y - 3000) <= 2);
    } finally {
      await page.close();
    }
  });
});
