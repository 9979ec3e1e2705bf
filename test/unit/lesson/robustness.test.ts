// Property tests: parseLesson, lintLesson and the line parsers never throw, and every position lies inside the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintLesson, parseExpectation, parseInfoString, parseLesson } from '../../../src/core/lesson/index.ts';
import { isCaptureLine, parseCapture } from '../../../src/core/lesson/expectation.ts';

const FRAGMENTS = [
  '---\n',
  'id: t\n',
  'title: T\n',
  'lang: en\n',
  'cluster:\n',
  '  nodes: [ { name: n1, role: control-plane } ]\n',
  'setup:\n  - manifests: |\n      kind: Pod\n',
  '  pins: [ { pod: p } ]\n',
  '# Title\n',
  '## 2.1 Sub\n',
  '```sh run\n',
  '```yaml file=a.yaml\n',
  '```expect\n',
  '```expect hidden\n',
  '```\n',
  'kubectl run p --image=x\n',
  'curl a \\\n',
  'p -> n1:80 ok [hidden]\n',
  'exit 0\n',
  'output matches /a[/\n',
  'output contains "x\n',
  '> ```sh run in=ns/p\n',
  '- ```sh run on=n1\n',
  '\t',
  '"',
  "'",
  '[',
  '{',
  '\\',
  '\n',
  '通',
];

const lessonText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

test('parseLesson and lintLesson never throw, and diagnostics point inside the file', () => {
  fc.assert(
    fc.property(lessonText, (source) => {
      const lesson = parseLesson(source, 'f.md');
      const lines = source.split(/\r\n?|\n/).length;
      for (const d of lintLesson(lesson)) {
        assert.equal(d.pos.file, 'f.md');
        assert.ok(d.pos.line >= 1 && d.pos.line <= lines, `${d.message} at line ${d.pos.line} of ${lines}`);
        assert.ok((d.pos.column ?? 1) >= 1);
      }
      for (const c of lesson.cells) assert.ok(c.pos.line >= 1 && c.pos.line <= lines);
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('parseInfoString never throws and its offsets index the info string', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (info) => {
      const r = parseInfoString(info);
      for (const a of r.attrs) assert.ok(info.startsWith(a.name, a.offset));
      for (const e of r.errors) assert.ok(e.offset >= 0 && e.offset <= info.length);
    }),
    { numRuns: 500, seed: 7 },
  );
});

test('parseExpectation never throws and error columns stay within the line', () => {
  const words = fc.constantFrom(
    'a',
    '->',
    'b:80',
    'icmp',
    'udp',
    'ok',
    'output',
    'contains',
    'matches',
    '"x"',
    '/y/',
    'exit',
    '0',
    '[hidden]',
    '[points=2',
    ' ',
    '"',
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(words, fc.string({ maxLength: 5 })), { maxLength: 8 }).map((w) => w.join(' ')),
      (line) => {
        const r = parseExpectation(line, { file: 'f.md', line: 3, column: 1 });
        if (!r.ok)
          assert.ok(
            (r.diagnostic.pos.column ?? 0) >= 1 && (r.diagnostic.pos.column ?? 0) <= line.length + 1,
            `${line}: ${r.diagnostic.message}`,
          );
      },
    ),
    { numRuns: 1000, seed: 11 },
  );
});

test('the new forms (applied, object, of N, selectors, capture) never throw; error columns stay within the line', () => {
  const words = fc.constantFrom(
    'applied',
    'object',
    'capture',
    'X',
    '=',
    'of',
    '2',
    'svc/web',
    'deploy/a',
    'app=a',
    'ns/app=a',
    'all',
    'any',
    '->',
    'b:80',
    'ready',
    'exists',
    'output',
    '/t=(\\d+)/',
    '.status.podIP',
    '$IP',
    ' ',
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(words, fc.string({ maxLength: 5 })), { maxLength: 8 }).map((w) => w.join(' ')),
      (line) => {
        const at = { file: 'f.md', line: 3, column: 1 };
        const r = isCaptureLine(line) ? parseCapture(line, at) : parseExpectation(line, at);
        if (!r.ok)
          assert.ok(
            (r.diagnostic.pos.column ?? 0) >= 1 && (r.diagnostic.pos.column ?? 0) <= line.length + 1,
            `${line}: ${r.diagnostic.message}`,
          );
      },
    ),
    { numRuns: 1000, seed: 13 },
  );
});
