// NetworkPolicy on the page (issue 11 item 7), in chromium on the network-policy lesson: a policy drop is shown
// apart from refused and timeout in the matrix, with a legend entry; an opened square shows the policy
// walkthrough; the picture marks isolated pods; the zh-CN page says the policy reasons in Chinese.
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { showPanelTab, until, waitAllRan, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

async function runAll(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitReady(page);
  await page.locator('podlab-lesson-page header button.primary').click();
  await waitAllRan(page);
}

describe('NetworkPolicy on the page', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site | undefined;
  before(async () => {
    [browser, site] = await Promise.all([launchChromium(), startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-netpol'))]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await served?.close();
  });

  test('the matrix shows policy drops apart, with a legend and a walkthrough; isolated pods are marked', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await runAll(page, `${site.url}lesson/network-policy/?lang=en`);
      await showPanelTab(page, 'matrix');
      const m = page.locator('podlab-reach-matrix');
      const drops = m.locator('button[data-policy-drop]');
      await until('a policy drop in the matrix', async () => ((await drops.count()) > 0 ? true : undefined));
      // Distinct from a plain timeout and from refused: its own class and mark.
      const first = drops.first();
      assert.equal(await first.getAttribute('data-observed'), 'timeout', 'a policy drop is a timeout underneath');
      assert.match((await first.getAttribute('class')) ?? '', /\bpolicy\b/);
      const plain = await m
        .locator('button[data-observed="timeout"]:not([data-policy-drop]), button[data-observed="refused"]')
        .allTextContents();
      assert.ok(!plain.includes((await first.textContent()) ?? ''), 'the mark differs from timeout and refused');
      assert.match((await first.getAttribute('aria-label')) ?? '', /dropped by NetworkPolicy/);
      assert.match((await m.locator('.legend li[data-legend="policy"]').textContent()) ?? '', /dropped by NetworkPolicy/);

      // Opened by keyboard: the walkthrough names the policy that isolates and says no rule allows the peer.
      await first.focus();
      await page.keyboard.press('Enter');
      const detail = m.locator('.detail');
      await detail.waitFor();
      const walk = detail.locator('ul.walkthrough li[data-code^="policy-denied"]');
      assert.ok((await walk.count()) > 0, 'the walkthrough');
      assert.match(
        (await walk.first().textContent()) ?? '',
        /is isolated by NetworkPolicy \S+, and no (ingress|egress) rule of (it|theirs) allows/,
      );
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-output/matrix-policy-drop.png') });

      // The picture: pods isolated by a policy carry the mark and say so to screen readers.
      await showPanelTab(page, 'picture');
      const isolated = page.locator('podlab-topology g.pod[data-isolated-ingress], podlab-topology g.pod[data-isolated-egress]');
      await until('an isolated pod in the picture', async () => ((await isolated.count()) > 0 ? true : undefined));
      assert.match((await isolated.first().getAttribute('aria-label')) ?? '', /isolated for (ingress|egress) by \S+\/\S+/);
      assert.ok((await page.locator('podlab-topology [data-legend="isolation"]').count()) === 1, 'the picture explains the mark');
    } finally {
      await context.close();
    }
  });

  for (const which of ['static', 'served'] as const)
    test(
      `${which}: lesson list: description and time from front matter; table of contents with progress per section`,
      { timeout: 120_000 },
      async () => {
        if (which === 'served' && !served) served = await startServedSite();
        const target = which === 'static' ? site : served;
        assert.ok(target);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${target.url}?lang=en`);
          const item = page.locator('podlab-lesson-list li[data-lesson="network-policy"]');
          await item.waitFor();
          assert.match((await item.locator('.description').textContent()) ?? '', /Default deny/);
          assert.equal(await item.locator('.minutes').textContent(), '~45 min');

          await page.goto(`${target.url}lesson/network-policy/?lang=en`);
          await waitReady(page);
          const toc = page.locator('podlab-toc');
          const counts = async () => toc.locator('li[data-section] .count').allTextContents();
          const before = await counts();
          assert.ok(before.length >= 3 && before.every((c) => /^0\/\d+ done$/.test(c)), before.join(' | '));
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          const doneNow = await until('section progress after Run all', async () => {
            const n = await toc.locator('li[data-done]').count();
            return n > 0 ? n : undefined;
          });
          assert.ok(doneNow >= 3, `sections done: ${(await counts()).join(' | ')}`);
          // A link scrolls to its heading.
          const second = toc.locator('li[data-section] a').nth(2);
          const title = ((await second.textContent()) ?? '').trim();
          await second.click();
          const top = await page.evaluate<number>(`(() => {
        const article = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page').shadowRoot.querySelector('podlab-lesson-article');
        const h = [...article.renderRoot.querySelectorAll('h1, h2, h3')].find((x) => x.textContent.trim().endsWith(${JSON.stringify(title)}));
        return h ? h.getBoundingClientRect().top : -9999;
      })()`);
          assert.ok(top > -5 && top < 200, `the heading "${title}" is at the top: ${top}`);
        } finally {
          await context.close();
        }
      },
    );

  test('the zh-CN page says NetworkPolicy reasons in Chinese', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await runAll(page, `${site.url}lesson/network-policy/?lang=zh-CN`);
      await showPanelTab(page, 'matrix');
      const m = page.locator('podlab-reach-matrix');
      const drops = m.locator('button[data-policy-drop]');
      await until('a policy drop in the matrix', async () => ((await drops.count()) > 0 ? true : undefined));
      await drops.first().click();
      const detail = m.locator('.detail');
      await detail.waitFor();
      const text = (await detail.textContent()) ?? '';
      assert.match(text, /被 NetworkPolicy \S+ 隔离/);
      assert.doesNotMatch(text, /is isolated by NetworkPolicy|dropped the packet/);
      assert.match((await m.locator('.legend li[data-legend="policy"]').textContent()) ?? '', /被 NetworkPolicy 丢弃/);
      // Checks whose reasons came from policy: none left in English.
      const whys = await page.locator('podlab-check-list .why').allTextContents();
      assert.ok(
        !whys.some((w) => /NetworkPolicy .* (allows|dropped|selects)/.test(w)),
        whys.filter((w) => /NetworkPolicy/.test(w)).join('\n'),
      );
    } finally {
      await context.close();
    }
  });
});
