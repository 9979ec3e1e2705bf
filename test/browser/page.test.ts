// The page in Debian's chromium, served by podlab and as a static build: a learner runs the lesson, types, reads the picture.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { picturePods, showPanelTab, terminalTexts, typeInFreeTerminal, until, verdicts, waitAllRan, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const SHOTS = path.join(REPO_ROOT, 'test-output/browser');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

/** Collect page errors: a page that throws fails the test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  return errors;
}

async function learnerRunsTheLesson(browser: Browser, site: Site): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${site.url}lesson/pod-networking/?lang=en`);
    await waitReady(page);
    await page.getByRole('button', { name: /Run all/ }).click();
    const statuses = await waitAllRan(page);

    // The page's own work first (transcripts, typing, picture), then the lesson's verdicts.
    const texts = await terminalTexts(page);
    assert.ok(
      texts.some((t) => t.includes('[root@henry001 network]# kubectl apply -f nginx_pod.yaml') && t.includes('pod/nginx-pod created')),
      'the apply transcript with its prompt',
    );

    const text = await typeInFreeTerminal(page, 'kubectl get pods -o wide', /kubectl get pods -o wide\n(.*\n)*nginx-pod .*\n(.*\n)*.*# $/);
    assert.match(text, /NAME\s+READY\s+STATUS/);
    assert.match(text, /busybox\s+1\/1\s+Running\s+0\s+\S+\s+192\.168\.254\.206\s+henry003/);

    const pods = await picturePods(page);
    assert.ok(
      pods.some((p) => p.startsWith('pod nginx-pod 192.168.217.16')),
      `picture pods: ${pods.join(' | ')}`,
    );
    assert.ok(
      pods.some((p) => p.startsWith('pod busybox 192.168.254.206')),
      'busybox with its IP in the picture',
    );
    // The matrix is computed only once its tab is shown (LessonSession.showMatrix).
    assert.equal(await page.locator('podlab-reach-matrix [data-from]').count(), 0, 'no matrix while its tab is hidden');
    await showPanelTab(page, 'matrix');
    await until('the matrix drawn once its tab is shown', async () =>
      (await page.locator('podlab-reach-matrix [data-from]').count()) > 0 ? true : undefined,
    );
    await showPanelTab(page, 'terminal');
    await page.screenshot({ path: path.join(SHOTS, `${site.name}-lesson.png`) });
    await page.locator('podlab-lesson-page').screenshot({ path: path.join(SHOTS, `${site.name}-lesson-full.png`) });

    const cellErrors = await page
      .locator('podlab-run-cell[data-status="error"]')
      .evaluateAll((els) =>
        els.map((e) => `${(e as HTMLElement).dataset.cellId}: ${e.shadowRoot?.querySelector('.error')?.textContent ?? ''}`),
      );
    assert.deepEqual(cellErrors, [], `cells in error (${JSON.stringify(statuses)})`);
    assert.ok(
      texts.some((t) => /64 bytes from 192\.168\.217\.16: icmp_seq=1 ttl=63/.test(t)),
      'the ping transcript',
    );
    const v = await verdicts(page);
    assert.deepEqual(v.failed, [], 'every check is green');
    assert.ok(v.passed.length >= 10, `checks shown: ${v.passed.length}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

describe('the lesson page in chromium', { skip: missing }, () => {
  let browser: Browser;
  const sites: Site[] = [];
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  test('served by podlab: run all, all green, type a command, see the pods', { timeout: 120_000 }, async () => {
    const site = await startServedSite();
    sites.push(site);
    await learnerRunsTheLesson(browser, site);
  });

  test('static build: the same with no podlab server; progress survives a reload', { timeout: 120_000 }, async () => {
    const site = await startStaticSite();
    sites.push(site);
    await learnerRunsTheLesson(browser, site);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}lesson/pod-networking/?lang=en`);
      await waitReady(page);
      await page.getByRole('button', { name: /Run all/ }).click();
      await waitAllRan(page);
      await page.reload();
      await waitReady(page);
      const statuses = await waitAllRan(page);
      assert.equal(statuses.initial ?? 0, 0, 'after a reload every cell shows as run again');
      await page.goto(site.url);
      const status = await page.locator('podlab-lesson-list li[data-lesson="pod-networking"] .status').textContent();
      assert.match(status ?? '', /\d+ of \d+ cells run · \d+ checks passed/);
      await page.screenshot({ path: path.join(SHOTS, 'static-list.png') });
      await page.goto(`${site.url}lesson/pod-networking/?lang=zh-CN`);
      await waitReady(page);
      await page.setViewportSize({ width: 420, height: 800 });
      await page.screenshot({ path: path.join(SHOTS, 'static-narrow-zh.png') });
    } finally {
      await context.close();
    }
  });

  test('a broken expectation shows red with its reason', { timeout: 60_000 }, async () => {
    const site = sites.find((s) => s.name === 'static') ?? (await startStaticSite());
    if (!sites.includes(site)) sites.push(site);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}lesson/web-broken/?lang=en`);
      await waitReady(page);
      await page.getByRole('button', { name: /Run all/ }).click();
      await waitAllRan(page);
      const v = await verdicts(page);
      assert.equal(v.failed.length, 1, JSON.stringify(v));
      assert.equal(v.failed[0].text, 'wk1 -> web:8080 ok');
      assert.match(v.failed[0].why, /refused/);
      assert.match(v.failed[0].why, /expected ok, observed refused/);
      await page.screenshot({ path: path.join(SHOTS, 'broken-expectation.png') });
    } finally {
      await context.close();
    }
  });
});
