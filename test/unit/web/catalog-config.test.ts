// The page's inputs: lessons.json narrowed, translations picked, the config block read, progress stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupCatalog, pickTranslation, preparedLesson, readCatalog } from '../../../web/catalog.ts';
import { parseConfig } from '../../../web/config.ts';
import { ProgressStore } from '../../../web/state/progress-store.ts';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { fakeLesson, memoryStorage } from './helpers.ts';

const src = (id: string, lang: string) => ({ id, lang, title: `${id} ${lang}`, file: `${id}.${lang}.md`, source: '# x' });

test('the server catalog is what the page reads back', () => {
  const json = JSON.parse(JSON.stringify(catalogOf([fakeLesson()]).json())) as unknown;
  const sources = readCatalog(json);
  assert.equal(sources.length, 1);
  assert.equal(sources[0].id, 'web-fake');
  assert.match(sources[0].source, /^---\nid: web-fake/);
});

test('readCatalog drops entries of the wrong shape and survives junk', () => {
  assert.deepEqual(readCatalog({ lessons: [src('a', 'en'), { id: 1 }, null, 'x'] }), [src('a', 'en')]);
  assert.deepEqual(readCatalog(null), []);
  assert.deepEqual(readCatalog({ lessons: 'no' }), []);
});

const pickCases = [
  { wanted: ['zh-CN'], got: 'zh-CN' },
  { wanted: ['zh'], got: 'zh-CN' },
  { wanted: ['fr', 'en-US'], got: 'en' },
  { wanted: ['fr'], got: 'en' },
];
for (const c of pickCases) {
  test(`pickTranslation ${c.wanted.join(',')} → ${c.got}`, () => {
    const [entry] = groupCatalog([src('l', 'en'), src('l', 'zh-CN')]);
    assert.equal(pickTranslation(entry, c.wanted).lang, c.got);
  });
}

test('groupCatalog keeps one entry per id in first-seen order', () => {
  const groups = groupCatalog([src('b', 'en'), src('a', 'en'), src('b', 'zh-CN')]);
  assert.deepEqual(
    groups.map((g) => [g.id, g.translations.length]),
    [
      ['b', 2],
      ['a', 1],
    ],
  );
});

test('parseConfig reads what the server writes and falls back on junk', () => {
  assert.deepEqual(parseConfig('{"mode":"served","root":"../../","lessonId":"x","shell":true,"backend":"simulator"}'), {
    mode: 'served',
    root: '../../',
    lessonId: 'x',
    shell: true,
    backend: 'simulator',
  });
  assert.deepEqual(parseConfig('not json'), { mode: 'static', root: './', lessonId: undefined, shell: false, backend: 'simulator' });
  assert.equal(parseConfig('{"shell":"yes"}').shell, false);
});

test('progress round-trips per lesson and language; corrupt entries read as none', () => {
  const storage = memoryStorage();
  const store = new ProgressStore(storage);
  store.save('l', 'en', { ran: ['a', 'b'], passed: 3, failed: 1, total: 9 });
  assert.deepEqual(store.load('l', 'en'), { ran: ['a', 'b'], passed: 3, failed: 1, total: 9 });
  assert.equal(store.load('l', 'zh-CN'), undefined);
  storage.setItem('podlab:progress:l:zh-CN', '{"ran":[1]}');
  assert.equal(store.load('l', 'zh-CN'), undefined);
  store.clear('l', 'en');
  assert.equal(store.load('l', 'en'), undefined);
  assert.equal(new ProgressStore(undefined).load('l', 'en'), undefined);
});

test('description and minutes from the front matter reach lessons.json and the page catalog', async () => {
  const { parseLesson } = await import('../../../src/core/lesson/parse.ts');
  const src = (extra: string) =>
    `---\nid: x\ntitle: X\nlang: en\n${extra}cluster:\n  nodes:\n    - { name: n1, role: control-plane, ip: 10.0.0.11 }\n---\n# X\n`;
  const withMeta = parseLesson(src('description: One line.\nminutes: 20\n'), 'x.md');
  assert.deepEqual(
    withMeta.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(withMeta.description, 'One line.');
  assert.equal(withMeta.minutes, 20);
  const [entry] = readCatalog(JSON.parse(JSON.stringify(catalogOf([withMeta]).json())));
  assert.equal(entry.description, 'One line.');
  assert.equal(entry.minutes, 20);
  const plain = parseLesson(src(''), 'x.md');
  assert.ok(!('description' in catalogOf([plain]).json().lessons[0]), 'absent when not set');
  const bad = parseLesson(src('minutes: 0\n'), 'x.md');
  assert.ok(
    bad.diagnostics.some((d) => d.severity === 'error' && d.pos.line === 5),
    'minutes below 1 is an error at its line',
  );
});

test("a lesson page's entries carry the lesson parsed and rendered exactly as the page would parse and render it", async () => {
  const { loadCatalog, pageEntries } = await import('../../../src/node/server/lesson-catalog.ts');
  const { learnerCatalog } = await import('../../../src/node/server/learner-copy.ts');
  const { createMarkdown, parseLesson } = await import('../../../src/core/page.ts');
  const catalog = learnerCatalog(await loadCatalog(['lessons']));
  assert.ok(catalog.ids.length >= 4);
  for (const id of catalog.ids) {
    // As the page gets them: JSON in the HTML, narrowed by readCatalog.
    const entries = readCatalog(JSON.parse(JSON.stringify({ lessons: pageEntries(catalog, id) })) as unknown);
    assert.ok(entries.length >= 1, id);
    for (const e of entries) {
      assert.ok(e.parsed && e.html, `${id} ${e.lang}: prepared`);
      assert.equal('source' in e.parsed, false, `${id} ${e.lang}: the source is sent once`);
      assert.deepEqual(
        preparedLesson(e, () => assert.fail('parsed again')),
        JSON.parse(JSON.stringify(parseLesson(e.source, e.file))),
        `${id} ${e.lang}: parsed`,
      );
      assert.equal(e.html, createMarkdown().render(e.source, { file: e.file }), `${id} ${e.lang}: html`);
    }
  }
  assert.equal(
    catalog.json().lessons.some((e) => 'parsed' in e || 'html' in e),
    false,
    'lessons.json stays sources only',
  );
});

test('readCatalog drops an entry whose prepared lesson is not its own', () => {
  const lesson = (id: string) => ({ id, lang: 'en', cells: [], sections: [], diagnostics: [], cluster: {} });
  const ok = { ...src('a', 'en'), parsed: lesson('a'), html: '<h1>x</h1>' };
  assert.equal(readCatalog({ lessons: [ok] }).length, 1);
  assert.equal(readCatalog({ lessons: [{ ...ok, parsed: lesson('b') }] }).length, 0, 'another lesson');
  assert.equal(readCatalog({ lessons: [{ ...ok, parsed: { ...lesson('a'), source: '# y' } }] }).length, 0, 'a source of its own');
  assert.equal(readCatalog({ lessons: [{ ...ok, parsed: { ...lesson('a'), cells: 'no' } }] }).length, 0, 'not a lesson');
  assert.equal(readCatalog({ lessons: [{ ...ok, html: 1 }] }).length, 0, 'html not text');
});
