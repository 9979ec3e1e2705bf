// The exercise editor in chromium: line numbers beside the text, YAML errors marked at their line while typing,
// and Run on invalid YAML writes nothing (no "written", the status says why); fixed YAML runs.
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { until, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

const BAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n labels: {app: web}\nspec:\n  ports: [{port: 80}]\n';
const GOOD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';

describe('the exercise editor', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    const paths = [path.join(REPO_ROOT, 'lessons/exercises')];
    browser = await launchChromium();
    sites.push(await startStaticSite(paths, path.join(REPO_ROOT, 'test-output/static-editor')), await startServedSite(paths));
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  for (const which of ['static', 'served'] as const)
    test(`${which}: line numbers; a YAML error shown at its line and nothing written until it is fixed`, { timeout: 90_000 }, async () => {
      const site = sites.find((s) => s.name === which);
      assert.ok(site);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(`${site.url}lesson/service-basics/?lang=en`);
        await waitReady(page);
        // The intro's link to docs/grading.md (a file of the repository, not of the site) is its name, not a dead link.
        assert.equal(await page.locator('podlab-lesson-article a[href$=".md"]').count(), 0, 'no link to a Markdown file');
        const ref = page.locator('podlab-lesson-article .repo-file[data-href="../../docs/grading.md"]');
        assert.equal(await ref.textContent(), 'docs/grading.md');
        const cell = page.locator('podlab-exercise-cell[data-cell-id="service"]');
        const area = cell.locator('textarea');
        await area.fill(BAD);
        const gutter = cell.locator('podlab-code-editor .gutter div');
        const numbers = (await gutter.allTextContents()).filter((n) => n !== '');
        assert.deepEqual(numbers, ['1', '2', '3', '4', '5', '6', '7', '8'], 'a number per line');
        const errors = cell.locator('podlab-code-editor ul.errors li');
        await errors.first().waitFor();
        assert.equal(await errors.first().getAttribute('data-line'), '5', 'the error is at the mis-indented line');
        assert.match((await errors.first().textContent()) ?? '', /YAML error, line 5/);
        assert.equal(await cell.locator('podlab-code-editor .gutter div.bad').textContent(), '5');
        assert.equal(await area.getAttribute('aria-invalid'), 'true');

        await cell.locator('button.run').click();
        const status = cell.locator('.status');
        assert.match((await status.textContent()) ?? '', /Not written: fix the YAML error first/);
        assert.equal(await cell.getAttribute('data-status'), 'initial', 'nothing ran');
        assert.doesNotMatch((await status.textContent()) ?? '', /Written/);
        await page.screenshot({ path: path.join(REPO_ROOT, `test-output/editor-yaml-error-${which}.png`) });

        await area.fill(GOOD);
        assert.equal(await errors.count(), 0, 'the error goes once the YAML is fixed');
        assert.equal(await area.getAttribute('aria-invalid'), 'false');
        await cell.locator('button.run').click();
        await until('the fixed YAML to run', async () => ((await cell.getAttribute('data-status')) === 'complete' ? true : undefined));
      } finally {
        await context.close();
      }
    });
});
