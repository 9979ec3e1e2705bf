// Rendering with createMarkdown(): cells carry data attributes, hidden blocks and lines vanish, front matter is not shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdown, parseLesson } from '../../../src/core/lesson/index.ts';

const FM = '---\nid: t\ntitle: T\nlang: en\ncluster: { nodes: [ { name: n1, role: control-plane } ] }\n---\n';
const BODY = [
  '```sh run id=look',
  'kubectl get pods',
  '```',
  '',
  '```expect',
  'exit 0',
  'n1 -> 10.0.0.1 icmp ok [hidden]',
  '```',
  '',
  '```sh run hidden',
  'secret',
  '```',
  '',
  '```expect',
  'output contains "also secret"',
  '```',
  '',
  '```expect hidden',
  'exit 0',
  '```',
  '',
  '```yaml file=a.yaml exercise',
  'a: "<b>"',
  '```',
  '',
].join('\n');

test('cells render with data attributes; hidden ones do not render at all', () => {
  const html = createMarkdown().render(FM + BODY, { file: 'r.md' });
  assert.ok(!html.includes('id: t'), 'front matter is not rendered');
  assert.ok(!html.includes('<hr>'), 'front matter fences are not horizontal rules');
  assert.ok(html.includes('<div class="podlab-cell" data-cell-id="look" data-cell-kind="run">'));
  assert.ok(html.includes('<div class="podlab-expect" data-expect-for="look">'));
  assert.ok(html.includes('<code class="language-expect">exit 0\n</code>'), 'hidden expectation lines are removed');
  assert.ok(!html.includes('secret'), 'a hidden cell and the expect block after it are not rendered');
  assert.equal(html.match(/podlab-expect/g)?.length, 1, 'the hidden expect block is not rendered');
  assert.ok(html.includes('data-cell-id="0-3" data-cell-kind="file" data-exercise'));
  assert.ok(html.includes('a: &quot;&lt;b&gt;&quot;'), 'content is escaped');
});

test('rendering does not change what parseLesson sees, and the same ids are used', () => {
  const md = createMarkdown();
  md.render(FM + BODY, { file: 'r.md' });
  const lesson = parseLesson(FM + BODY, 'r.md');
  assert.deepEqual(
    lesson.cells.map((c) => c.id),
    ['look', '0-2', '0-3'],
  );
  assert.equal(lesson.cells[0].expectations.length, 2);
  assert.deepEqual(
    lesson.cells[1].expectations.map((e) => e.hidden),
    [true, true],
    "a hidden cell's expectations are hidden",
  );
});

test('raw HTML is escaped by default', () => {
  assert.ok(
    createMarkdown()
      .render(FM + '<script>x</script>\n')
      .includes('&lt;script&gt;'),
  );
});
