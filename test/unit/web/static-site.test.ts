// `podlab build`'s output: pages with relative roots, lessons.json, both bundles — nothing that needs a podlab server.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticImports } from '../../../src/node/server/bundle.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { buildStaticSite } from '../../../src/node/server/static-site.ts';
import { lessonsInPage } from '../../../web/catalog.ts';
import { fakeLesson } from './helpers.ts';

const BUNDLE = new Map([
  ['app.js', '/*app*/'],
  ['worker.js', '/*worker*/'],
]);

test('the static site: list page, one page per lesson id, lessons.json, app.js and worker.js', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'podlab-site-'));
  try {
    const site = await buildStaticSite(catalogOf([fakeLesson()]), out, BUNDLE);
    assert.deepEqual(site.files.map((f) => f.path).sort(), [
      'app.js',
      'index.html',
      'lesson/web-fake/index.html',
      'lessons.json',
      'worker.js',
    ]);
    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /"mode":"static","root":".\/"/);
    assert.match(index, /<script type="module" src=".\/app.js">/);
    const lesson = await readFile(path.join(out, 'lesson/web-fake/index.html'), 'utf8');
    assert.match(lesson, /"root":"..\/..\/","lessonId":"web-fake"/);
    assert.match(lesson, /src="..\/..\/app.js"/);
    assert.doesNotMatch(lesson, /(src|href)="(https?:)?\/\//, 'no absolute URL: nothing from elsewhere');
    const json = JSON.parse(await readFile(path.join(out, 'lessons.json'), 'utf8')) as { lessons: { id: string }[] };
    assert.deepEqual(
      json.lessons.map((l) => l.id),
      ['web-fake'],
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("a static lesson page carries its lesson's translations and starts the Worker from its HTML, booting that lesson", async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'podlab-site-'));
  try {
    const other = { ...fakeLesson(), id: 'web-other', title: 'Another' };
    await buildStaticSite(catalogOf([fakeLesson(), other]), out, BUNDLE);
    const lesson = await readFile(path.join(out, 'lesson/web-fake/index.html'), 'utf8');
    const inline = /<script type="application\/json" id="podlab-lessons">(.*?)<\/script>/.exec(lesson);
    assert.ok(inline);
    assert.deepEqual(
      (JSON.parse(inline[1]) as { lessons: { id: string }[] }).lessons.map((l) => l.id),
      ['web-fake'],
      'only its own lesson',
    );
    assert.match(lesson, /new Worker\("..\/..\/worker.js" \+ '#' \+ boot, \{ type: 'module'/);
    assert.match(lesson, /new URLSearchParams\(\{ lesson: "web-fake", langs:/, 'the fragment names the lesson to boot');
    assert.doesNotMatch(lesson, /JSON\.parse|postMessage/, 'the boot script leaves parsing and messages to others');
    assert.ok(lesson.indexOf('new Worker(') < lesson.indexOf('id="podlab-lessons"'), 'the Worker starts before the entries are read');
    // What the Worker reads from this page (web/worker.ts selfStart): the page's entries, exactly.
    assert.deepEqual(lessonsInPage(lesson), JSON.parse(inline[1]).lessons);
    assert.deepEqual(lessonsInPage('<html>no lessons</html>'), []);
    assert.match(lesson, /window\.podlabWorker = w/, 'where web/session/connect.ts takes it (BOOT_WORKER_GLOBAL)');
    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    assert.doesNotMatch(index, /new Worker|podlab-lessons/, 'the list starts no Worker and reads lessons.json');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('staticImports: the chunks a bundled file imports at once, through other chunks too, not its dynamic imports', () => {
  const bundle = new Map([
    ['app.js', 'import{a as b}from"./chunk-A.js";import"./chunk-B.js";var x=()=>import("./chunk-LAZY.js");import("./chunk-C.js");'],
    ['chunk-A.js', 'import{c}from"./chunk-C.js";export{c as a};'],
    ['chunk-B.js', 'console.log(1);import"./chunk-D.js";'],
    ['chunk-C.js', 'export var c=1;'],
    ['chunk-LAZY.js', 'export var l=1;'],
  ]);
  assert.deepEqual(staticImports(bundle, 'app.js'), ['chunk-A.js', 'chunk-C.js', 'chunk-B.js']);
});

test('a lesson id that is not a safe folder name is refused', async () => {
  const lesson = { ...fakeLesson(), id: '../escape' };
  await assert.rejects(buildStaticSite(catalogOf([lesson]), path.join(tmpdir(), 'never'), BUNDLE), /cannot be a folder name/);
});

test('the config block cannot be closed early by lesson text', async () => {
  const { pageHtml } = await import('../../../src/node/server/page-html.ts');
  const html = pageHtml({ mode: 'static', root: './', lessonId: '</script><script>alert(1)</script>', shell: false, backend: 'simulator' });
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real closing tags');
});
