// Learner comforts in chromium: the list shows the main lesson first and marks exercises; a reload comes back
// to where the learner had scrolled; "Run in terminal" on plain shell blocks; the end-of-lesson summary; the
// terminal's history and the last cell after a reload (static and served).
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { focused, showPanelTab, until, waitAllRan, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, TEST_LESSON_PATHS, type Site } from './sites.ts';

const PATHS = [...TEST_LESSON_PATHS, path.join(REPO_ROOT, 'test/fixtures/web/comforts.en.md')];

async function freeTerminalText(page: Page): Promise<string> {
  return page.locator('podlab-free-terminal').evaluate((e) => (e as HTMLElement & { text(): string }).text());
}

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('learner comforts', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site;
  before(async () => {
    [browser, site, served] = await Promise.all([
      launchChromium(),
      startStaticSite(PATHS, path.join(REPO_ROOT, 'test-output/static-comforts')),
      startServedSite(PATHS),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await served?.close();
  });

  for (const which of ['static', 'served'] as const) {
    test(
      `${which}: Run in terminal on shell blocks; a folded hint; the summary once every check passes; history and the last cell after a reload`,
      { timeout: 90_000 },
      async () => {
        const url = `${(which === 'static' ? site : served).url}lesson/web-comforts/?lang=en`;
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(url);
          await waitReady(page);
          const tries = page.locator('podlab-lesson-article .try button');
          assert.equal(await tries.count(), 2, 'one button under the sh block and one under the console block, none under YAML or cells');
          await tries.nth(0).click();
          assert.equal(await page.locator('podlab-side-panel').getAttribute('tab'), 'terminal', 'the terminal comes forward');
          await until('the joined command to run', async () =>
            /# kubectl get nodes\nNAME\s+STATUS(.*\n)*ctl\s/.test(await freeTerminalText(page)) ? true : undefined,
          );
          await tries.nth(1).click();
          await until('the console line to run without its prompt', async () =>
            /# echo tried-from-console\ntried-from-console\n/.test(await freeTerminalText(page)) ? true : undefined,
          );

          // A hint: folded until the learner opens it.
          const hint = page.locator('podlab-lesson-article details.hint');
          assert.equal(await hint.count(), 1);
          assert.equal(await hint.getAttribute('open'), null, 'folded at first');
          assert.equal(await hint.locator('p').isVisible(), false);
          await hint.locator('summary').click();
          assert.match((await hint.locator('p').textContent()) ?? '', /echo writes its arguments/);
          assert.equal(await hint.locator('p').isVisible(), true);

          const summary = page.locator('podlab-summary section');
          assert.match((await summary.textContent()) ?? '', /0 of 1 cells run · 0 of 1 checks passed/);
          assert.equal(await summary.getAttribute('data-complete'), null);
          const cell = await page.locator('podlab-run-cell').first().getAttribute('data-cell-id');
          assert.ok(cell);
          await page.locator(`podlab-run-cell[data-cell-id="${cell}"] button.run`).click();
          assert.equal(await waitCellDone(page, cell), 'complete');
          await page.locator('podlab-summary section[data-complete]').waitFor({ timeout: 10_000 });
          assert.match((await summary.textContent()) ?? '', /1 of 1 cells run · 1 of 1 checks passed[\s\S]*Lesson complete/);
          await page.locator('podlab-summary').screenshot({ path: path.join(REPO_ROOT, `test-output/summary-${which}.png`) });

          // A reload: the last cell that ran has focus again, and ↑ in the terminal brings back the last line typed.
          await page.reload();
          await waitReady(page);
          assert.equal(await waitCellDone(page, cell), 'complete');
          const f = await until('the last cell to take focus', async () => {
            const now = await focused(page);
            return now.cellId === cell ? now : undefined;
          });
          assert.equal(f.cellId, cell);
          await showPanelTab(page, 'terminal');
          await page.locator('podlab-free-terminal .xterm').click();
          await page.keyboard.press('ArrowUp');
          await until('the history to come back', async () =>
            /# echo tried-from-console$/.test((await freeTerminalText(page)).trimEnd()) ? true : undefined,
          );
        } finally {
          await page.close();
        }
      },
    );
  }

  test('an exercise shows its score in points', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${site.url}lesson/service-basics/?lang=en`);
      await waitReady(page);
      const summary = page.locator('podlab-summary section');
      assert.ok(Number(await summary.getAttribute('data-max-points')) > 0);
      assert.match((await summary.textContent()) ?? '', /score 0 of \d+ points/);
    } finally {
      await page.close();
    }
  });

  for (const which of ['static', 'served'] as const)
    for (const lang of ['en', 'zh-CN'] as const)
      test(
        `${which} list (${lang}): the main lesson first, exercises after it and marked; lessons with a description and time`,
        { timeout: 60_000 },
        async () => {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          try {
            await page.goto(`${(which === 'static' ? site : served).url}?lang=${lang}`);
            await page.locator('podlab-lesson-list li').first().waitFor();
            const items = await page.locator('podlab-lesson-list li').evaluateAll((els) =>
              els.map((e) => ({
                id: (e as HTMLElement).dataset.lesson ?? '',
                exercise: e.querySelector('.tag') !== null,
                description: e.querySelector('.description')?.textContent ?? '',
                minutes: e.querySelector('.minutes')?.textContent ?? '',
              })),
            );
            const ids = items.map((i) => `${i.id}${i.exercise ? ' (exercise)' : ''}`);
            assert.equal(ids[0], 'pod-networking', ids.join(', '));
            const firstExercise = ids.findIndex((i) => i.endsWith('(exercise)'));
            assert.ok(firstExercise > 0 && ids.slice(firstExercise).every((i) => i.endsWith('(exercise)')), ids.join(', '));
            // Every lesson of lessons/ (the articles and the exercises; not the page fixtures) has its one-line
            // description and estimated time from front matter.
            const time = lang === 'en' ? /^~\d+ min$/ : /^约 \d+ 分钟$/;
            const shipped = ['pod-networking', 'network-policy', 'cross-node', 'lock-down-nginx', 'service-basics', 'sidecar-localhost'];
            assert.deepEqual(
              shipped.filter((id) => !items.some((i) => i.id === id)),
              [],
              'every shipped lesson is listed',
            );
            for (const item of items.filter((i) => shipped.includes(i.id))) {
              assert.ok(item.description.length > 20, `${item.id}: a description (${item.description})`);
              if (lang === 'zh-CN') assert.match(item.description, /[\u4e00-\u9fff]/, `${item.id}: the description in Chinese`);
              assert.match(item.minutes, time, `${item.id}: an estimated time`);
            }
            assert.equal(items.find((i) => i.id === 'pod-networking')?.minutes, lang === 'en' ? '~60 min' : '约 60 分钟');
          } finally {
            await page.close();
          }
        },
      );

  for (const which of ['static', 'served'] as const)
    test(`${which}: a reload comes back to the scroll position`, { timeout: 90_000 }, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(`${(which === 'static' ? site : served).url}lesson/pod-networking/?lang=en`);
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

  test('phone: Run in terminal opens the drawer and the block it came from stays in view above it', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}lesson/web-comforts/?lang=en`);
      await waitReady(page);
      const button = page.locator('podlab-lesson-article .try button').first();
      await button.click();
      await until('the joined command to run', async () =>
        /# kubectl get nodes\nNAME\s+STATUS/.test(await freeTerminalText(page)) ? true : undefined,
      );
      assert.equal(await page.locator('podlab-side-panel').getAttribute('open'), '', 'the drawer is open');
      const [block, bar, header, drawer] = await Promise.all([
        page.locator('podlab-lesson-article pre').first().boundingBox(),
        button.boundingBox(),
        page.locator('podlab-lesson-page header').boundingBox(),
        page.locator('podlab-lesson-page aside').boundingBox(),
      ]);
      assert.ok(block && bar && header && drawer);
      const room = { top: header.y + header.height, bottom: drawer.y };
      assert.ok(block.y >= room.top - 1, `the block is below the header: ${JSON.stringify({ block, room })}`);
      assert.ok(bar.y + bar.height <= room.bottom + 1, `its button is above the drawer: ${JSON.stringify({ bar, room })}`);
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-output/lesson-390x844-try-drawer.png') });
    } finally {
      await context.close();
    }
  });
});
