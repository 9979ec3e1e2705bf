// Exercises in the page: an editor with the student copy's text (never the solution), the learner's answer runs, checks go green or red.
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { parseLesson } from '../../src/core/lesson/parse.ts';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { cellVerdicts, deepPageText, waitCellDone, waitReady } from './page-driver.ts';
import { startStaticSite, type Site } from './sites.ts';

const SHOTS = path.join(REPO_ROOT, 'test-output/browser');
const EXERCISE_FILE = path.join(REPO_ROOT, 'lessons/exercises/service-basics.md');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

/** The reference solution of the exercise's `service` cell, read from the lesson itself. */
async function referenceSolution(): Promise<string> {
  const lesson = parseLesson(await readFile(EXERCISE_FILE, 'utf8'), EXERCISE_FILE);
  const cell = lesson.cells.find((c) => c.id === 'service');
  assert.ok(cell?.kind === 'file' && cell.exercise, 'service-basics has the exercise file cell "service"');
  return cell.content;
}

/** Replace the editor's text by typing, as a learner does (select all, then type). */
async function typeAnswer(page: Page, cellId: string, text: string): Promise<void> {
  const area = page.locator(`podlab-exercise-cell[data-cell-id="${cellId}"] textarea`);
  await area.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

describe('exercises in the page', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    [browser, site] = await Promise.all([
      launchChromium(),
      startStaticSite([path.join(REPO_ROOT, 'lessons/exercises')], path.join(REPO_ROOT, 'test-output/static-exercises')),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test(
    'static: the editor starts empty of the solution; the typed solution turns the checks green; a wrong one red with the reason',
    { timeout: 90_000 },
    async () => {
      const solution = await referenceSolution();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`${site.url}lesson/service-basics/?lang=en`);
        await waitReady(page);
        const editor = page.locator('podlab-exercise-cell[data-cell-id="service"] textarea');
        assert.equal(
          await editor.inputValue(),
          '# TODO: write service.yaml here\n',
          'the student copy placeholder, as podlab release writes it',
        );
        const shown = await deepPageText(page);
        assert.ok(!shown.includes('targetPort: 80'), 'no line of the reference solution is on the page');
        assert.ok(!shown.includes('two-endpoints') && !shown.includes('survives-delete'), 'no hidden check is on the page');

        await typeAnswer(page, 'service', solution);
        assert.equal(await editor.inputValue(), solution);
        await page.locator('podlab-run-cell[data-cell-id="apply"] button.run').click();
        assert.equal(await waitCellDone(page, 'apply'), 'complete');
        const green = await cellVerdicts(page, 'apply');
        assert.deepEqual(
          green.map((v) => [v.text.replace(/ \[.*\]$/, ''), v.passed]),
          [
            ['applied service/web', true],
            ['busybox -> web:80 ok', true],
          ],
        );
        assert.equal(
          await page.locator('podlab-exercise-cell[data-cell-id="service"]').getAttribute('data-status'),
          'complete',
          'the exercise cell ran first',
        );
        await page.locator('podlab-exercise-cell[data-cell-id="service"]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, 'exercise-green.png') });

        // A wrong answer: the selector matches no Pod. Run all starts from a fresh cluster with the learner's text.
        await typeAnswer(page, 'service', solution.replace('app: web', 'app: nginx'));
        await page.reload();
        await waitReady(page);
        assert.match(await editor.inputValue(), /app: nginx/, 'the draft survived the reload (localStorage)');
        await page.getByRole('button', { name: /Run all/ }).click();
        await page.locator('podlab-run-cell[data-cell-id="replace"][data-status="complete"]').waitFor({ timeout: 30_000 });
        const red = await cellVerdicts(page, 'apply');
        assert.deepEqual(
          red.map((v) => v.passed),
          [true, false],
          JSON.stringify(red),
        );
        assert.match(red[1].text, /^busybox -> web:80 ok/);
        assert.match(red[1].why, /endpoint|refused|no route|timed out/i, `the reason: ${red[1].why}`);
        assert.match(red[1].why, /expected ok, observed \w+/);
        await page.locator('podlab-run-cell[data-cell-id="apply"]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, 'exercise-red.png') });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    },
  );
});
