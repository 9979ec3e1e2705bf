// A revealable solution (static and served): only a lesson whose author wrote `solution: reveal` carries its
// reference solution to the page, folded under the editor; "Put it in the editor" and Run turn the checks green.
// A graded exercise without it has no solution anywhere — not on the page, not in lessons.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { parseLesson } from '../../src/core/lesson/parse.ts';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { cellVerdicts, waitAllRan, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/web/reveal-exercise.en.md');
const PATHS = [path.join(REPO_ROOT, 'lessons/exercises/service-basics.md'), FIXTURE];
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

async function referenceSolution(): Promise<string> {
  const cell = parseLesson(await readFile(FIXTURE, 'utf8'), FIXTURE).cells.find((c) => c.id === 'service');
  assert.ok(cell?.kind === 'file');
  return cell.content;
}

describe('a revealable solution', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    browser = await launchChromium();
    sites.push(await startStaticSite(PATHS, path.join(REPO_ROOT, 'test-output/static-solution')), await startServedSite(PATHS));
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  for (const which of ['static', 'served'] as const) {
    test(`${which}: shown on request only where the author allows it`, { timeout: 90_000 }, async () => {
      const site = sites.find((s) => s.name === which);
      assert.ok(site);
      const solution = await referenceSolution();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        // lessons.json: the solution of the lesson that allows it, none of the graded exercise.
        const json = (await (await fetch(new URL('lessons.json', site.url))).json()) as {
          lessons: { id: string; source: string; solutions?: Record<string, string> }[];
        };
        const graded = json.lessons.find((l) => l.id === 'service-basics');
        assert.ok(graded && graded.solutions === undefined && !graded.source.includes('targetPort: 80'));
        assert.deepEqual(json.lessons.find((l) => l.id === 'web-reveal')?.solutions, { service: solution });

        await page.goto(`${site.url}lesson/service-basics/?lang=en`);
        await waitReady(page);
        assert.equal(await page.locator('podlab-exercise-cell details.solution').count(), 0, 'no solution in a graded exercise');

        await page.goto(`${site.url}lesson/web-reveal/?lang=en`);
        await waitReady(page);
        // A hint beside the exercise, folded until asked for (hints stay in the student copy).
        const hint = page.locator('podlab-lesson-article details.hint');
        assert.equal(await hint.count(), 1);
        assert.equal(await hint.getAttribute('open'), null);
        await hint.locator('summary').click();
        assert.match((await hint.locator('p').textContent()) ?? '', /selects Pods by label/);
        assert.ok(json.lessons.find((l) => l.id === 'web-reveal')?.source.includes('```hint'), 'the hint is in the learner copy');
        const details = page.locator('podlab-exercise-cell[data-cell-id="service"] details.solution');
        assert.equal(await details.getAttribute('open'), null, 'folded until asked for');
        assert.equal(await details.locator('pre').isVisible(), false);
        await details.locator('summary').click();
        assert.equal(await details.locator('pre').textContent(), solution);
        await details.locator('button.use').click();
        const editor = page.locator('podlab-exercise-cell[data-cell-id="service"] textarea');
        assert.equal(await editor.inputValue(), solution, 'the solution is in the editor');
        await page.locator('podlab-run-cell[data-cell-id="apply"] button.run').click();
        assert.equal(await waitCellDone(page, 'apply'), 'complete');
        const v = await cellVerdicts(page, 'apply');
        assert.ok(v.length > 0 && v.every((x) => x.passed), JSON.stringify(v));
        // Every cell run, every check green: the summary says the exercise is complete, with full points.
        await page.locator('podlab-lesson-page header button.primary').click();
        await waitAllRan(page);
        const summary = page.locator('podlab-summary section[data-complete]');
        await summary.waitFor({ timeout: 20_000 });
        assert.equal(await summary.getAttribute('data-points'), await summary.getAttribute('data-max-points'));
        assert.match((await summary.textContent()) ?? '', /score 3 of 3 points[\s\S]*Exercise complete: every check passed/);
        await page
          .locator('podlab-exercise-cell[data-cell-id="service"]')
          .screenshot({ path: path.join(REPO_ROOT, `test-output/solution-${which}.png`) });
      } finally {
        await page.close();
      }
    });
  }
});
