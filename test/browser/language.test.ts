// The zh-CN page speaks Chinese: no English words outside code, terminal output and names — the page's
// own words, check sentences, reasons of failed checks and of matrix squares, legend, notes.
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { parseLesson } from '../../src/core/lesson/parse.ts';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { showPanelTab, until, waitAllRan, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const OUT = path.join(REPO_ROOT, 'test-output');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

/**
 * Text the page shows in its own words: every text node and label through shadow roots, except code, pre,
 * kbd, samp, editors, terminals and hop traces (tool output), and the lesson's own prose (the author's
 * words; its cells' components are walked). Returns the phrases with two or more English words in a row.
 */
async function englishPhrases(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const SKIP = new Set(['CODE', 'PRE', 'KBD', 'SAMP', 'TEXTAREA', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'PODLAB-CELL-TERMINAL', 'PODLAB-CODE-EDITOR']);
    // Names of the cluster's things (pods, nodes, Services, matrix targets) are names, whatever their letters.
    const names = new Set();
    const collect = (root) => { for (const el of root.querySelectorAll('*')) {
      for (const a of ['data-pod', 'data-node', 'data-service', 'data-from', 'data-to']) { const v = el.getAttribute(a); if (v) { names.add(v); names.add(v.split('/').pop()); } }
      if (el.shadowRoot) collect(el.shadowRoot);
    } };
    collect(document);
    const strip = (text) => { let out = text || ''; for (const n of [...names].sort((a, b) => b.length - a.length)) out = out.split(n).join(' '); return out; };
    const CELLS = new Set(['PODLAB-RUN-CELL', 'PODLAB-FILE-CELL', 'PODLAB-EXERCISE-CELL']);
    const found = [];
    const english = /[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9](?:[ ,']+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])+/g;
    const look = (text, where) => { for (const m of strip(text).matchAll(english)) found.push(m[0] + '  @' + where); };
    const visit = (node, authored) => {
      if (node.nodeType === Node.TEXT_NODE) { if (!authored) look(node.textContent, node.parentNode && (node.parentNode.nodeName || 'root')); return; }
      if (!(node instanceof Element) && !(node instanceof ShadowRoot) && !(node instanceof Document)) return;
      if (node instanceof Element) {
        // Parts in another language (a lesson only in English, in the list) are that language's.
        if (node.hasAttribute('lang') && !/^zh/i.test(node.getAttribute('lang'))) return;
        if (SKIP.has(node.tagName) || node.classList.contains('xterm') || node.classList.contains('hops') || node.getAttribute('translate') === 'no') return;
        for (const a of ['aria-label', 'title', 'placeholder']) if (node.hasAttribute(a) && !authored) look(node.getAttribute(a), node.tagName + '[' + a + ']');
        if (node.shadowRoot) visit(node.shadowRoot, node.tagName === 'PODLAB-LESSON-ARTICLE' ? 'article' : false);
      }
      for (const child of node.childNodes) {
        // Inside the article: only cell components (and their shadow roots) are the page's words.
        if (authored === 'article' && child instanceof Element && !CELLS.has(child.tagName)) { visitCellsUnder(child); continue; }
        visit(child, authored === 'article' ? false : authored);
      }
    };
    const visitCellsUnder = (el) => { for (const c of el.querySelectorAll('podlab-run-cell, podlab-file-cell, podlab-exercise-cell')) visit(c, false); };
    visit(document, false);
    return found;
  })()`);
}

/** Allowed: names of things and tools that stay as they are in Chinese text. */
const NAMES =
  /^(Service|ClusterIP|Pod|CoreDNS|kube-proxy|TCP|UDP|ICMP|ARP|TTL|DNS|IP|RST|podlab|Ctrl|Enter|Shift|Tab|Esc|English|Running|Pending|headless|ping)$/i;
function offending(phrases: string[]): string[] {
  return phrases.filter((p) => {
    const words = p
      .split('  @')[0]
      .split(/[ ,']+/)
      .filter((w) => w.length >= 2);
    return words.filter((w) => !NAMES.test(w)).length >= 2;
  });
}

describe("the page in the lesson's language", { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site;
  before(async () => {
    await mkdir(OUT, { recursive: true });
    [browser, site, served] = await Promise.all([
      launchChromium(),
      startStaticSite(undefined, path.join(OUT, 'static-language')),
      startServedSite(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await served?.close();
  });

  for (const which of ['static', 'served'] as const)
    test(
      `${which}: zh-CN lesson: no English outside code, terminal output and names — before and after Run all, matrix square open`,
      { timeout: 120_000 },
      async () => {
        const target = which === 'static' ? site : served;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${target.url}?lang=zh-CN`);
          await page.locator('podlab-lesson-list li').first().waitFor();
          assert.deepEqual(offending(await englishPhrases(page)), [], 'lesson list');
          await page.goto(`${target.url}lesson/pod-networking/?lang=zh-CN`);
          await waitReady(page);
          assert.deepEqual(offending(await englishPhrases(page)), [], 'before Run all');
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          // A check as a sentence, its rule on demand without tags.
          const sentences = await page.locator('podlab-check-list .sentence').allTextContents();
          assert.ok(
            sentences.some((s) => /能访问 .+ 的 \d+ 端口/.test(s)),
            `reach checks as sentences: ${sentences.slice(0, 3).join(' | ')}`,
          );
          const rules = await page.locator('podlab-check-list details.rule code').allTextContents();
          assert.ok(rules.length > 0 && rules.every((r) => !/\[(points|id|hidden|simulator)/.test(r)), 'rules without internal tags');
          assert.deepEqual(offending(await englishPhrases(page)), [], 'after Run all');
          // The refused square of the matrix, opened: its reason in Chinese.
          await showPanelTab(page, 'matrix');
          const refused = page.locator('podlab-reach-matrix button[data-observed="refused"]').first();
          await refused.click();
          const reason = await page.locator('podlab-reach-matrix .detail .reason').textContent();
          assert.match(reason ?? '', /没有进程在监听/, `the refused square's reason: ${reason}`);
          assert.deepEqual(offending(await englishPhrases(page)), [], 'matrix square open');
          await page.screenshot({ path: path.join(OUT, `lesson-zh-CN-matrix-${which}.png`) });
        } finally {
          await context.close();
        }
      },
    );

  for (const which of ['static', 'served'] as const)
    test(`${which}: zh-CN exercise: a wrong answer's red check says why in Chinese`, { timeout: 90_000 }, async () => {
      const file = path.join(REPO_ROOT, 'lessons/exercises/service-basics.zh-CN.md');
      const cell = parseLesson(await readFile(file, 'utf8'), file).cells.find((c) => c.id === 'service');
      assert.ok(cell?.kind === 'file');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(`${(which === 'static' ? site : served).url}lesson/service-basics/?lang=zh-CN`);
        await waitReady(page);
        await page.locator('podlab-exercise-cell[data-cell-id="service"] textarea').fill(cell.content.replace('app: web', 'app: nginx'));
        await page.locator('podlab-run-cell[data-cell-id="apply"] button.run').click();
        await waitCellDone(page, 'apply');
        const why = await until(
          'a red check',
          async () =>
            (await page
              .locator('[data-cell-id="apply"] podlab-check-list li[data-passed="false"] .why')
              .first()
              .textContent()
              .catch(() => null)) ?? undefined,
          10_000,
        );
        assert.match(why, /[\u4e00-\u9fff]/, `the reason in Chinese: ${why}`);
        assert.deepEqual(offending(await englishPhrases(page)), [], 'exercise with a red check');
        await page.locator('[data-cell-id="apply"]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, `exercise-zh-CN-red-${which}.png`) });
      } finally {
        await context.close();
      }
    });

  test('zh-CN: a second tab on standby and the summary speak Chinese', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const a = await context.newPage();
      await a.goto(`${site.url}lesson/pod-networking/?lang=zh-CN`);
      await waitReady(a);
      const b = await context.newPage();
      await b.goto(`${site.url}lesson/pod-networking/?lang=zh-CN`);
      await b.locator('podlab-lesson-page .standby').waitFor({ timeout: 10_000 });
      assert.match((await b.locator('podlab-lesson-page .standby').textContent()) ?? '', /[\u4e00-\u9fff]/);
      assert.deepEqual(offending(await englishPhrases(b)), [], 'the standby tab');
      assert.match((await a.locator('podlab-summary section').textContent()) ?? '', /已运行 0\/\d+ 个单元/);
      assert.deepEqual(offending(await englishPhrases(a)), [], 'the live tab with the other on standby');
    } finally {
      await context.close();
    }
  });
});
