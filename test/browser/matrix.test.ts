// The matrix in chromium: Service columns, the refused :81 port the lesson probes, a square opened by keyboard
// with its reason and hops, squares that changed since the last cell marked.
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';
import { focused, showPanelTab, until, waitAllRan, waitCellDone, waitReady } from './page-driver.ts';
import { startServedSite, startStaticSite, type Site } from './sites.ts';

const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('the reachability matrix', { skip: missing }, () => {
  let browser: Browser;
  let site: Site;
  let served: Site;
  before(async () => {
    [browser, site, served] = await Promise.all([
      launchChromium(),
      startStaticSite(undefined, path.join(REPO_ROOT, 'test-output/static-matrix')),
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
      `${which}: a square that differs from the lesson is marked, with the expected outcome in its label`,
      { timeout: 60_000 },
      async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${(which === 'static' ? site : served).url}lesson/web-broken/?lang=en`);
          await waitReady(page);
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          await showPanelTab(page, 'matrix');
          const m = page.locator('podlab-reach-matrix');
          // The fixture expects wk1 -> web:8080 ok; nginx listens on 80, so the square is refused and differs.
          const wrong = m.locator('button[data-from="wk1"][data-to="web"].mismatch');
          await until('the mismatched square', async () => ((await wrong.count()) === 1 ? true : undefined));
          assert.equal(await wrong.getAttribute('data-observed'), 'refused');
          assert.match((await wrong.getAttribute('aria-label')) ?? '', /observed refused; differs from the lesson \(ok\)/);
          assert.equal(await m.locator('button.mismatch').count(), 1, 'only the square the lesson got wrong');
          assert.equal(await m.locator('button.agrees').count(), 0, 'the lesson states nothing else');
          await wrong.click();
          assert.match((await m.locator('.detail').textContent()) ?? '', /the lesson expects: ok \(differs from the lesson\)/);
          await page.screenshot({ path: path.join(REPO_ROOT, `test-output/matrix-mismatch-${which}.png`) });
        } finally {
          await context.close();
        }
      },
    );

  for (const which of ['static', 'served'] as const)
    test(
      `${which}: cell by cell, exactly the squares whose outcome changed since the previous matrix are marked`,
      { timeout: 240_000 },
      async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${(which === 'static' ? site : served).url}lesson/network-policy/?lang=en`);
          await waitReady(page);
          await showPanelTab(page, 'matrix');
          const ids = await page.locator('podlab-run-cell').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId ?? ''));
          let marked = 0;
          for (const id of ids) {
            await page.locator(`podlab-run-cell[data-cell-id="${id}"] button.run`).click();
            await waitCellDone(page, id, 60_000);
            // The refresh after the cell: the matrix object stays the same for a while and the page is idle.
            let last: unknown;
            await until(`the matrix after cell ${id}`, async () => {
              const now = await page.evaluate<string>(`(() => {
                const page = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page');
                const live = page.shadowRoot.querySelector('podlab-reach-matrix');
                const busy = page.shadowRoot.querySelector('header .status').dataset.status !== 'ready' || /Working/.test(page.shadowRoot.querySelector('header .status').textContent);
                if (window.__seen !== live.matrix) { window.__seen = live.matrix; window.__seenN = (window.__seenN || 0) + 1; }
                return busy ? 'busy' : String(window.__seenN);
              })()`);
              const settled = now !== 'busy' && now === last;
              last = now;
              await new Promise((r) => setTimeout(r, 300));
              return settled ? true : undefined;
            });
            const r = await page.evaluate<{ expected: string[]; rendered: string[] }>(`(async () => {
              const live = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page').shadowRoot.querySelector('podlab-reach-matrix');
              await live.updateComplete;
              const prev = live.previous; // the matrix shown before this one: key -> observed
              const m = live.matrix;
              const expected = [];
              if (m && prev) for (const c of m.cells) {
                const key = c.from + '\\u0000' + c.to + '\\u0000' + c.protocol + '\\u0000' + (c.port ?? '');
                if (prev.has(key) && prev.get(key) !== c.observed) expected.push(c.from + '>' + c.to + ':' + (c.port ?? c.protocol));
              }
              const rendered = [...live.shadowRoot.querySelectorAll('button[data-changed]')].map((b) => {
                const c = m.cells.find((x) => x.from === b.dataset.from && x.to === b.dataset.to && (m.targets[Number(b.dataset.col)].port ?? undefined) === x.port && m.targets[Number(b.dataset.col)].protocol === x.protocol);
                return b.dataset.from + '>' + b.dataset.to + ':' + (c ? (c.port ?? c.protocol) : '?');
              });
              return { expected: expected.sort(), rendered: rendered.sort() };
            })()`);
            assert.deepEqual(r.rendered, r.expected, `after cell ${id}`);
            marked += r.rendered.length;
          }
          assert.ok(marked > 0, 'some cell changed what reaches what, and the page marked it');
        } finally {
          await context.close();
        }
      },
    );

  for (const which of ['static', 'served'] as const)
    test(
      `${which}: Services as columns, the probed :81 refused, a square opened by keyboard shows why and the path`,
      { timeout: 120_000 },
      async () => {
        const target = which === 'static' ? site : served;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        try {
          await page.goto(`${target.url}lesson/pod-networking/?lang=en`);
          await waitReady(page);
          await page.locator('podlab-lesson-page header button.primary').click();
          await waitAllRan(page);
          await showPanelTab(page, 'matrix');
          const m = page.locator('podlab-reach-matrix');
          await until('the matrix with Service columns', async () => ((await m.locator('th.service').count()) > 0 ? true : undefined));
          const heads = await m.locator('th[scope="col"]').allTextContents();
          assert.ok(heads.includes('web:80'), `a Service by name: ${heads.join(' | ')}`);
          assert.ok(
            heads.some((h) => /^10\.\d+\.\d+\.\d+:80$/.test(h)),
            'the Service by ClusterIP',
          );
          assert.ok(heads.includes('nginx-pod:81'), 'the port the lesson probes for refusal');
          // The Deployment's pods declare no port (kubectl create deployment): probed where the Service web sends, not by ICMP.
          const deployment = heads.filter((h) => /^web-[a-z0-9]+-[a-z0-9]+/.test(h));
          assert.ok(deployment.length >= 2, `the Deployment's pods as columns: ${heads.join(' | ')}`);
          assert.ok(
            deployment.every((h) => /:80$/.test(h)),
            `portless pods on the Service's target port: ${deployment.join(' | ')}`,
          );
          assert.ok((await m.locator('button[data-to^="web-"][data-observed="ok"]').count()) > 0, 'and reached there');
          assert.ok((await m.locator('button[data-to="nginx-pod"][data-observed="refused"]').count()) > 0, 'the refused :81 case appears');
          const legend = await m.locator('.legend li').allTextContents();
          assert.ok(legend.length >= 9 && legend.some((l) => /as the lesson expects/.test(l)), `a full legend: ${legend.join(' | ')}`);
          // Every mark the grid can show has its entry (outcomes, the policy drop, mismatch, agreement, change, self).
          const marks = new Set(await m.locator('.legend li b').allTextContents());
          for (const mark of ['✓', 'R', '✗', '⊘', '?', '∅', '–', '…', '!', 'P'])
            assert.ok(marks.has(mark), `the legend explains ${mark}: ${legend.join(' | ')}`);
          for (const mark of new Set(await m.locator('td button').allTextContents()))
            assert.ok(marks.has(mark), `the grid's mark ${mark} is in the legend`);
          for (const cls of ['mismatch', 'agrees', 'changed'])
            assert.equal(await m.locator(`.legend li b.${cls}`).count(), 1, `the legend shows the ${cls} mark`);

          // Keyboard: Tab reaches one square (roving tabindex), arrows move, Enter opens it.
          await m.locator('button[tabindex="0"]').focus();
          const start = await focused(page);
          await page.keyboard.press('ArrowRight');
          const moved = await focused(page);
          assert.notEqual(moved.label, start.label, 'an arrow moves to the next square');
          await page.keyboard.press('Enter');
          const detail = m.locator('.detail');
          await detail.waitFor();
          assert.match((await detail.locator('h3').textContent()) ?? '', /→/);
          assert.ok(((await detail.locator('.reason').textContent()) ?? '').length > 10, 'the reason');
          assert.ok((await detail.locator('ol.hops li').count()) > 0, 'the hops');

          // A refused square explains itself.
          await m.locator('button[data-to="nginx-pod"][data-observed="refused"]').first().click();
          assert.match((await detail.locator('.reason').textContent()) ?? '', /nothing listens on/);
          await page.screenshot({ path: path.join(REPO_ROOT, `test-output/matrix-open-${which}.png`) });

          // Squares whose outcome changed since the previous matrix are marked (and only those): the element given
          // the page's matrix, then the same with one square's outcome changed.
          const marked = await page.evaluate<{ changed: string[]; total: number }>(`(async () => {
        const page = document.querySelector('podlab-app').shadowRoot.querySelector('podlab-lesson-page');
        const live = page.shadowRoot.querySelector('podlab-reach-matrix');
        const el = document.createElement('podlab-reach-matrix');
        document.body.append(el);
        const a = live.matrix;
        el.matrix = a;
        await el.updateComplete;
        const cells = a.cells.map((c, i) => (i === 1 ? { ...c, observed: c.observed === 'ok' ? 'timeout' : 'ok' } : c));
        el.matrix = { ...a, cells };
        await el.updateComplete;
        const changed = [...el.shadowRoot.querySelectorAll('button[data-changed]')].map((b) => b.dataset.from + '>' + b.dataset.to);
        el.remove();
        return { changed, total: a.cells.length, expect: a.cells[1].from + '>' + a.cells[1].to };
      })()`);
          assert.equal(marked.changed.length, 1, JSON.stringify(marked));
        } finally {
          await context.close();
        }
      },
    );
});
