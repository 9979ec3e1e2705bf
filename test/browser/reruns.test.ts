// Re-runs the learner can trust: a cell run twice, or after an earlier wrong attempt, says so, never turns a
// passing answer red, and "Reset and run to here" gives the verdict of a fresh cluster.
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { parseLesson } from '../../src/core/lesson/parse.ts';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { cellVerdicts, until, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, TEST_LESSON_PATHS, type Site } from './sites.ts';

const SHOTS = path.join(REPO_ROOT, 'test-output/browser');
const EXERCISES = path.join(REPO_ROOT, 'lessons/exercises');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

async function referenceSolution(): Promise<string> {
  const file = path.join(EXERCISES, 'service-basics.md');
  const cell = parseLesson(await readFile(file, 'utf8'), file).cells.find((c) => c.id === 'service');
  assert.ok(cell?.kind === 'file');
  return cell.content;
}

async function typeAnswer(page: Page, cellId: string, text: string): Promise<void> {
  await page.locator(`podlab-exercise-cell[data-cell-id="${cellId}"] textarea`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Click Run on a cell and wait until a run that started after the click ended; returns the cell's verdict and note. */
async function runAndRead(page: Page, cellId: string): Promise<{ verdict: string; context: string }> {
  const cell = page.locator(`[data-cell-id="${cellId}"]`);
  // The run has started once the cell's status changes after the click (however fast it then completes): a
  // MutationObserver installed before the click sees it, where polling for 'pending' could miss it and wait.
  await cell.evaluate((e) => {
    (e as HTMLElement & { started?: Promise<boolean> }).started = new Promise<boolean>((resolve) => {
      const mo = new MutationObserver(() => {
        mo.disconnect();
        resolve(true);
      });
      mo.observe(e, { attributes: true, attributeFilter: ['data-status'] });
      setTimeout(() => {
        mo.disconnect();
        resolve(false);
      }, 10_000);
    });
  });
  await cell.locator('button.run').click();
  await cell.evaluate((e) => (e as HTMLElement & { started?: Promise<boolean> }).started);
  await until(`cell ${cellId} to finish`, async () => ((await cell.getAttribute('data-status')) === 'complete' ? true : undefined));
  await until('the page to be idle', async () =>
    (await page.locator('podlab-lesson-page header .status[data-status="ready"]').textContent())?.match(/Ready|就绪/) ? true : undefined,
  );
  return read(page, cellId);
}

async function read(page: Page, cellId: string): Promise<{ verdict: string; context: string }> {
  const cell = page.locator(`[data-cell-id="${cellId}"]`);
  return {
    verdict: (await cell.getAttribute('data-verdict')) ?? '',
    context: await cell.evaluate((e) => e.shadowRoot?.querySelector<HTMLElement>('.context')?.dataset.context ?? ''),
  };
}

async function resetAndRunHere(page: Page, cellId: string): Promise<{ verdict: string; context: string }> {
  await page.locator(`[data-cell-id="${cellId}"] button.reset-to`).click();
  await until('the first cell to be cleared or rerun', async () => ((await read(page, cellId)).context === '' ? true : undefined));
  await until(`cell ${cellId} to finish on the fresh cluster`, async () =>
    (await page.locator(`[data-cell-id="${cellId}"]`).getAttribute('data-status')) === 'complete' ? true : undefined,
  );
  return read(page, cellId);
}

describe('re-runs in the page', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
    sites.push(
      await startStaticSite(TEST_LESSON_PATHS, path.join(REPO_ROOT, 'test-output/static-reruns')),
      await startServedSite(TEST_LESSON_PATHS),
    );
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  for (const which of ['static', 'served'] as const) {
    test(
      `${which}: running a passing answer twice never turns it red; a wrong then right answer says why and resets to a fresh verdict`,
      { timeout: 120_000 },
      async () => {
        const site = sites.find((s) => s.name === which);
        assert.ok(site);
        const solution = await referenceSolution();
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${site.url}lesson/service-basics/?lang=en`);
          await waitReady(page);
          await typeAnswer(page, 'service', solution);
          const first = await runAndRead(page, 'apply');
          assert.deepEqual(first, { verdict: 'pass', context: '' }, 'the first run on a fresh cluster: green, no note');

          const twice = await runAndRead(page, 'apply');
          assert.equal(twice.context, 'rerun', 'the page says the cell ran again');
          assert.notEqual(twice.verdict, 'fail', 'a passing answer is not red for being run twice');
          assert.ok((await cellVerdicts(page, 'apply')).length > 0);
          await page.locator('[data-cell-id="apply"]').scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `${which}-rerun-note.png`) });
          assert.deepEqual(
            await resetAndRunHere(page, 'apply'),
            { verdict: 'pass', context: '' },
            'Reset and run to here: green again, no note',
          );

          // A wrong answer on a fresh cluster is red; then the right one on the cluster the wrong one changed.
          await page.locator('podlab-lesson-page header button:not(.primary)').click();
          await until('the reset', async () =>
            (await page.locator('[data-cell-id="apply"]').getAttribute('data-status')) === 'initial' ? true : undefined,
          );
          await waitReady(page);
          await typeAnswer(page, 'service', solution.replace('app: web', 'app: nginx'));
          const wrong = await runAndRead(page, 'apply');
          assert.deepEqual(wrong, { verdict: 'fail', context: '' }, 'a wrong answer on a fresh cluster is red');
          await typeAnswer(page, 'service', solution);
          const right = await runAndRead(page, 'apply');
          assert.equal(right.context, 'rerun', 'the right answer applied over the wrong one: the page says so');
          assert.notEqual(right.verdict, 'fail');
          assert.deepEqual(await resetAndRunHere(page, 'apply'), { verdict: 'pass', context: '' });
        } finally {
          await context.close();
        }
      },
    );
  }

  for (const [which, lang] of [
    ['static', 'en'],
    ['served', 'en'],
    ['static', 'zh-CN'],
  ] as const)
    test(
      `${which} (${lang}): a lesson cell run twice, or after cells out of order, says so in the lesson's language`,
      { timeout: 120_000 },
      async () => {
        const site = sites.find((s) => s.name === which);
        assert.ok(site);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${site.url}lesson/pod-networking/?lang=${lang}`);
          await waitReady(page);
          const ids = await page.locator('podlab-run-cell').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId ?? ''));
          const [first, , third] = ids;
          assert.deepEqual(await runAndRead(page, first), { verdict: 'pass', context: '' }, 'the first cell on a fresh cluster');
          const again = await runAndRead(page, first);
          assert.equal(again.context, 'rerun', 'run twice: the page says so');
          assert.notEqual(again.verdict, 'fail', 'and never plain red for it');
          const note = page.locator(`[data-cell-id="${first}"] .context`);
          const text = (await note.textContent()) ?? '';
          if (lang === 'en') assert.match(text, /ran again/i);
          else {
            assert.match(text, /再次运行/);
            assert.doesNotMatch(text, /[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}/, `no English in the note: ${text}`);
          }
          assert.equal(await note.locator('button.reset-to').count(), 1, 'with Reset and run to here');
          // The third cell before the second: the cluster is not the one the lesson means there.
          const skipped = await runAndRead(page, third);
          assert.equal(skipped.context, 'earlier', 'cells out of order: the page says so');
          assert.notEqual(skipped.verdict, 'fail');
          await page.locator(`[data-cell-id="${third}"]`).scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `${which}-${lang}-earlier-note.png`) });
          assert.deepEqual(await resetAndRunHere(page, third), { verdict: 'pass', context: '' }, 'Reset and run to here: a fresh verdict');
        } finally {
          await context.close();
        }
      },
    );
});
