// `podlab lab` in a browser: the instructor's dashboard and two learners' pages, each in a context of its own (as
// three people on three machines). The dashboard follows the learners live; hints, section locks and transcripts
// reach the right pages.
import { mkdtemp, rm } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';
import { startLabProcess, type LabProcess } from '../unit/lab/lab-helpers.ts';
import { freshPgliteDir } from '../unit/lab/pglite-template.ts';
import { chromiumMissing, launchChromium, shoutSkip } from './chromium.ts';

const LESSON = path.join(REPO_ROOT, 'lessons/exercises/service-basics.md');
const missing = chromiumMissing();
if (missing) shoutSkip(missing);

describe('podlab lab in the browser: an instructor and two learners', { skip: missing }, () => {
  let browser: Browser;
  let lab: LabProcess;
  let dir: string;
  const children: ChildProcess[] = [];
  before(async () => {
    // A copy of a newly created PGlite directory: its initdb would cost seconds (see pglite-template.ts).
    dir = await freshPgliteDir(await mkdtemp(path.join(tmpdir(), 'podlab-lab-browser-')));
    [browser, lab] = await Promise.all([launchChromium(), startLabProcess(LESSON, ['--data', dir], children)]);
  });
  after(async () => {
    await browser?.close();
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  async function learnerPage(name: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${lab.base}lab/join?code=${lab.code}`);
    await page.fill('#name', name);
    await page.click('#join button');
    await page.waitForFunction((n) => document.getElementById('status')?.textContent === `joined as ${n}`, name);
    await page.waitForSelector('#cells button');
    return page;
  }

  /** The dashboard row of a learner, as text (name, then one cell per check, then the actions). */
  const row = (page: Page, name: string) =>
    page.evaluate((n) => [...document.querySelectorAll('#grid tr')].map((tr) => tr.textContent ?? '').find((t) => t.startsWith(n)), name);

  test('the dashboard follows learners live; hints, locks and transcripts reach the right pages', { timeout: 120_000 }, async () => {
    assert.ok(lab.instructor, 'the lab printed the instructor link');
    const teacher = await (await browser.newContext()).newPage();
    await teacher.goto(`${lab.base}lab/instructor#${lab.instructor}`);
    await teacher.waitForFunction(() => document.getElementById('code')?.textContent?.startsWith('code '));

    const ada = await learnerPage('Ada');
    const bob = await learnerPage('Bob');
    // Both appear on the dashboard without a reload, with no check run yet.
    await teacher.waitForFunction(() => document.querySelectorAll('#grid tr').length === 3);
    assert.match((await row(teacher, 'Ada')) ?? '', /^Ada—/);

    // Ada runs the lesson's cells one by one: her row fills in as the checks run (passed or failed, never blank).
    const cells = await ada.$$eval('#cells button', (bs) => bs.map((b) => (b as HTMLButtonElement).dataset.cell ?? ''));
    const transcriptLength = () => ada.evaluate(() => document.getElementById('transcript')?.textContent?.length ?? 0);
    for (const id of cells) {
      const before = await transcriptLength();
      await ada.click(`#cells button[data-cell="${id}"]`);
      // Each outcome appends at least a line: wait for it before the next cell (the server runs them in order anyway).
      await ada.waitForFunction((n) => (document.getElementById('transcript')?.textContent?.length ?? 0) > n, before);
    }
    assert.match((await ada.textContent('#transcript')) ?? '', /^(PASS|FAIL) /m, 'the checks of the cells are shown');
    await teacher.waitForFunction(() =>
      [...document.querySelectorAll('#grid tr')].some((tr) => tr.textContent?.startsWith('Ada') && /passed|failed/.test(tr.textContent)),
    );
    assert.match((await row(teacher, 'Bob')) ?? '', /^Bob(—)+/, 'Bob has run nothing: every check is —');

    // Bob types a line; the instructor opens his transcript by clicking his name.
    await bob.fill('#input', 'kubectl run bob-probe --image=nginx');
    await bob.press('#input', 'Enter');
    await bob.waitForFunction(() => document.getElementById('transcript')?.textContent?.includes('pod/bob-probe created'));
    await teacher.click('#grid tr:nth-child(3) td:first-child');
    await teacher.waitForFunction(() => document.getElementById('transcript')?.textContent?.includes('pod/bob-probe created'));
    assert.equal(await teacher.textContent('#who'), 'Bob');

    // A hint to everyone reaches both pages.
    await teacher.fill('#hintText', 'check the selector');
    await teacher.click('#hintAll');
    for (const p of [ada, bob]) await p.waitForFunction(() => document.getElementById('hint')?.textContent === 'Hint: check the selector');

    // Open the lesson through its first section: later cells' buttons turn disabled on both pages at once.
    const pick = teacher.locator('#locks select').first();
    const first = await pick.evaluate((s) => (s as HTMLSelectElement).options[1].value);
    await pick.selectOption(first);
    for (const p of [ada, bob]) await p.waitForSelector('#cells button:disabled');
    const states = await bob.$$eval('#cells button', (bs) => bs.map((b) => (b as HTMLButtonElement).disabled));
    assert.ok(states.includes(false) && states.includes(true), `some cells open, some locked: ${states.join(',')}`);
    await pick.selectOption('');
    await bob.waitForFunction(() => document.querySelectorAll('#cells button:disabled').length === 0);
  });
});
