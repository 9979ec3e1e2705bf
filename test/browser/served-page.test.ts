// The served page for keyboard and screen-reader users, drafts kept by the server's session, and a page that outlives a server restart.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { focused, showPanelTab, tabUntil, until, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, TEST_LESSON_PATHS, type Site } from './sites.ts';

const SHOTS = path.join(REPO_ROOT, 'test-output/browser');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('the served page', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  const contexts: BrowserContext[] = [];
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    [browser, site] = await Promise.all([launchChromium(), startServedSite()]);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await site?.close();
  });

  async function openPage(lesson: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.url}lesson/${lesson}/?lang=en`);
    await waitReady(page);
    return page;
  }

  test(
    "keyboard only: Tab passes the header's controls to a Run button, Enter runs it; the terminal lets Tab go after Escape",
    { timeout: 60_000 },
    async () => {
      const page = await openPage('pod-networking');
      const passed = await tabUntil(page, (f) => f.tag === 'button' && f.cls.includes('run'));
      const labels = passed.map((f) => f.label);
      for (const want of [/All lessons/, /^English$/, /简体中文/, /Run all/, /Reset/])
        assert.ok(
          labels.some((l) => want.test(l)),
          `Tab reaches ${want}: ${labels.join(' | ')}`,
        );
      const cellId = passed.at(-1)?.cellId;
      assert.ok(cellId, 'the button is in a cell');
      await page.keyboard.press('Enter');
      assert.equal(await waitCellDone(page, cellId), 'complete');

      // The free terminal: Tab completes there; Escape then Tab moves on; its screen-reader tree holds the prompt.
      await showPanelTab(page, 'terminal');
      await page.locator('podlab-free-terminal .xterm').click();
      await page.keyboard.press('Tab');
      assert.match((await focused(page)).cls, /xterm-helper-textarea/, 'Tab alone stays in the terminal (completion)');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.doesNotMatch((await focused(page)).cls, /xterm-helper-textarea/, 'Escape, Tab leaves it');
      const tree = await until(
        "the terminal's accessibility tree",
        async () => {
          const text = await page
            .locator('podlab-free-terminal .xterm-accessibility-tree')
            .textContent()
            .catch(() => null);
          return text && /# /.test(text) ? text : undefined;
        },
        10_000,
      );
      assert.match(tree, /\[root@henry001 network\]#/);
      await page.screenshot({ path: path.join(SHOTS, 'served-keyboard.png') });
    },
  );

  test(
    'exercise by keyboard: Tab into the editor, Tab indents, Ctrl+Enter runs; the draft lives in the server session',
    { timeout: 60_000 },
    async () => {
      const page = await openPage('service-basics');
      await tabUntil(page, (f) => f.tag === 'textarea' && f.cellId === 'service');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('kind: Service\nspec:');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('type: ClusterIP\n');
      const editor = page.locator('podlab-exercise-cell[data-cell-id="service"] textarea');
      assert.equal(await editor.inputValue(), 'kind: Service\nspec:\n  type: ClusterIP\n', 'Tab put two spaces');
      await page.keyboard.press('Control+Enter');
      assert.equal(await waitCellDone(page, 'service'), 'complete', 'Ctrl+Enter ran the exercise cell');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.notEqual((await focused(page)).tag, 'textarea', 'Escape, Tab leaves the editor');

      // Without this browser's storage, the reloaded page gets the draft back from the server's session.
      await page.waitForTimeout(700);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitReady(page);
      assert.equal(await editor.inputValue(), 'kind: Service\nspec:\n  type: ClusterIP\n');
      assert.equal(
        await page.locator('podlab-exercise-cell[data-cell-id="service"]').getAttribute('data-status'),
        'complete',
        'the resumed session kept the run',
      );
    },
  );

  test('a restarted server: the page says it is reconnecting, comes back by itself and replays what ran', { timeout: 60_000 }, async () => {
    const page = await openPage('pod-networking');
    const first = await page.locator('podlab-run-cell').first().getAttribute('data-cell-id');
    assert.ok(first);
    await page.locator(`podlab-run-cell[data-cell-id="${first}"] button.run`).click();
    assert.equal(await waitCellDone(page, first), 'complete');

    const port = Number(new URL(site.url).port);
    await site.close();
    const status = page.locator('podlab-lesson-page header .status');
    await page.locator('podlab-lesson-page header .status[data-status="reconnecting"]').waitFor({ timeout: 10_000 });
    assert.match((await status.textContent()) ?? '', /reconnecting in \d+ s \(attempt \d+\)/);
    assert.equal(await page.getByRole('button', { name: /Run all/ }).isDisabled(), true);
    await page.screenshot({ path: path.join(SHOTS, 'served-reconnecting.png') });

    site = await startServedSite(TEST_LESSON_PATHS, undefined, port);
    await page.locator('podlab-lesson-page header .status[data-status="ready"][data-reconnected]').waitFor({ timeout: 20_000 });
    assert.equal(await waitCellDone(page, first), 'complete', 'the cell ran again on the new server');
    assert.match((await status.textContent()) ?? '', /Reconnected/, 'said for a few seconds after');
    const text = await page
      .locator(`podlab-run-cell[data-cell-id="${first}"] podlab-cell-terminal`)
      .evaluate((e) => (e as HTMLElement & { text(): string }).text());
    assert.match(text, /# /);
    await page.screenshot({ path: path.join(SHOTS, 'served-reconnected.png') });
  });
});
