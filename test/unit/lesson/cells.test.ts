// Cells, sections and expect blocks: what parseLesson builds from fenced blocks and headings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson, splitRunLines, type Cell, type RunCell } from '../../../src/core/lesson/index.ts';

const FM = '---\nid: t\ntitle: T\nlang: en\ncluster: { nodes: [ { name: n1, role: control-plane } ] }\n---\n';

function parse(body: string) {
  const lesson = parseLesson(FM + body, 'c.md');
  return { lesson, errors: lesson.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

function runCell(c: Cell | undefined): RunCell {
  assert.ok(c && c.kind === 'run', 'expected a run cell');
  return c;
}

test('run cell targets: workstation, node, pod, namespaced pod with container', () => {
  const { lesson, errors } = parse(
    '```sh run\nls\n```\n\n```bash run on=n1\nls\n```\n\n```sh run in=mypod\nls\n```\n\n```shell run in=ns/p container=c\nls\n```\n',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(
    lesson.cells.map((c) => runCell(c).target),
    [
      { kind: 'workstation' },
      { kind: 'node', node: 'n1' },
      { kind: 'pod', pod: 'mypod', container: undefined },
      { kind: 'pod', pod: 'p', namespace: 'ns', container: 'c' },
    ],
  );
});

const LINES: [string, string, string[]][] = [
  ['sh', 'a\nb\n', ['a', 'b']],
  ['sh', '# comment\n\n  # indented comment\na\n\n', ['a']],
  ['sh', 'kubectl run x \\\n  --image=busybox \\\n  -- sleep 1\nls\n', ['kubectl run x --image=busybox -- sleep 1', 'ls']],
  ['sh', 'echo a\\\\\nls\n', ['echo a\\\\', 'ls']],
  ['sh', 'echo a\\\\\\\nb\n', ['echo a\\\\ b']],
  ['sh', 'echo "# not a comment"\n', ['echo "# not a comment"']],
  ['sh', 'a \\\n# kept: continuation\n', ['a # kept: continuation']],
  ['console', '$ kubectl get pods\n$ ls -l\n', ['kubectl get pods', 'ls -l']],
  ['sh', '$ ls\n', ['$ ls']],
];

for (const [lang, content, expected] of LINES) {
  test(`run lines (${lang}) ${JSON.stringify(content)}`, () => {
    assert.deepEqual(
      splitRunLines(content, lang).lines.map((l) => l.text),
      expected,
    );
  });
}

test('file cell: path, language and content as written', () => {
  const { lesson } = parse('```yaml file=dir/a.yaml\nkind: Pod\n  x: 1\n```\n');
  const c = lesson.cells[0];
  assert.ok(c.kind === 'file');
  assert.deepEqual([c.path, c.lang, c.content], ['dir/a.yaml', 'yaml', 'kind: Pod\n  x: 1\n']);
});

test('plain fences are prose, not cells', () => {
  const { lesson } = parse('```text\n$ curl x\n```\n\n```sh\nls\n```\n\n```\nno lang\n```\n\n    indented code\n');
  assert.deepEqual(lesson.cells, []);
  assert.deepEqual(lesson.diagnostics, []);
});

test('section numbers: own numbers, counted numbers, title heading, preamble section 0', () => {
  const body = [
    '```sh run\nls\n```',
    '# Lesson title',
    '```sh run\nls\n```',
    '## 1 同一个Pod中的容器通信',
    '## Unnumbered after 1',
    '### Sub',
    '```sh run\nls\n```',
    '```sh run\nls\n```',
    '### 2.1同一个集群中同一台机器',
    '```sh run\nls\n```',
    '### 2.2 Different nodes',
    '## 3 集群内通信-Service',
    '## 3D printing',
    '## 01. Leading zero',
  ].join('\n\n');
  const { lesson } = parse(body + '\n');
  assert.deepEqual(
    lesson.sections.map((s) => [s.number, s.title, s.level]),
    [
      ['0', 'Lesson title', 1],
      ['1', '同一个Pod中的容器通信', 2],
      ['2', 'Unnumbered after 1', 2],
      ['2.1', 'Sub', 3],
      ['2.1', '同一个集群中同一台机器', 3],
      ['2.2', 'Different nodes', 3],
      ['3', '集群内通信-Service', 2],
      ['4', '3D printing', 2],
      ['1', 'Leading zero', 2],
    ],
  );
  assert.deepEqual(
    lesson.cells.map((c) => [c.id, c.section]),
    [
      ['0-1', '0'],
      ['0-2', '0'],
      ['2.1-1', '2.1'],
      ['2.1-2', '2.1'],
      ['2.1-3', '2.1'],
    ],
  );
});

test('without a single leading h1, h1 headings are top sections', () => {
  const { lesson } = parse('# A\n\n## B\n\n# C\n');
  assert.deepEqual(
    lesson.sections.map((s) => s.number),
    ['1', '1.1', '2'],
  );
});

test('expect blocks attach to the nearest run cell before them in the section', () => {
  const { lesson, errors } = parse(
    '```sh run\nls\n```\n\nprose\n\n```expect\nexit 0\n```\n\n```expect hidden\n# a comment\noutput contains "x"\n```\n\n```sh run id=second\nls\n```\n\n```expect\nexit 1\n```\n',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(
    lesson.cells.map((c) => c.expectations.map((e) => [e.text, e.hidden])),
    [
      [
        ['exit 0', false],
        ['output contains "x"', true],
      ],
      [['exit 1', false]],
    ],
  );
});

test('hidden and exercise flags, explicit ids and timeouts', () => {
  const { lesson, errors } = parse(
    '```sh run hidden id=setup-x timeout=1m\nls\n```\n\n```yaml file=a.yaml exercise\na: 1\n```\n\n```sh run timeout=250ms\nls a.yaml\n```\n',
  );
  assert.deepEqual(errors, []);
  const [a, b, c] = lesson.cells;
  assert.deepEqual([a.id, a.hidden, a.exercise, runCell(a).timeoutMs], ['setup-x', true, false, 60_000]);
  assert.deepEqual([b.id, b.hidden, b.exercise], ['0-2', false, true]);
  assert.equal(runCell(c).timeoutMs, 250);
  assert.deepEqual(a.attrs, { run: '', hidden: '', id: 'setup-x', timeout: '1m' });
});

test('cell positions are the fence line and column', () => {
  const { lesson } = parse('\n- item\n\n  ```sh run\n  ls\n  ```\n');
  assert.deepEqual(lesson.cells[0].pos, { file: 'c.md', line: 10, column: 3 });
  assert.deepEqual(runCell(lesson.cells[0]).lines, ['ls']);
});

test('front matter defaults: seed 1, calico, workstation on the first control-plane node as root in /root', () => {
  const lesson = parseLesson(
    '---\nid: t\ntitle: T\nlang: en\ncluster:\n  nodes: [ { name: w, role: worker }, { name: cp, role: control-plane } ]\n---\n',
    'd.md',
  );
  assert.deepEqual(lesson.diagnostics, []);
  assert.equal(lesson.seed, 1);
  assert.equal(lesson.cluster.cni, 'calico');
  assert.deepEqual(lesson.cluster.workstation, { node: 'cp', cwd: '/root', user: 'root', pos: undefined });
  assert.deepEqual([lesson.cluster.pins, lesson.cluster.faults, lesson.cluster.setup], [[], [], []]);
});

test('setup step pos is the first line of its manifests, for block and quoted strings', () => {
  const lesson = parseLesson(
    '---\nid: t\ntitle: T\nlang: en\ncluster: { nodes: [ { name: n, role: control-plane } ] }\nsetup:\n  - after: 95m\n    manifests: |\n        kind: Namespace\n        metadata: { name: x }\n  - manifests: "{kind: Namespace, metadata: {name: y}}"\n---\n',
    's.md',
  );
  assert.deepEqual(lesson.diagnostics, []);
  assert.deepEqual(
    lesson.cluster.setup.map((s) => [s.after, s.pos]),
    [
      ['95m', { file: 's.md', line: 9, column: 9 }],
      [undefined, { file: 's.md', line: 11, column: 17 }],
    ],
  );
});

test('CRLF line ends and a leading BOM parse like plain LF', () => {
  const source = FM + '## 1 A\n\n```sh run\nls \\\n  -l\n```\n\n```expect\nexit 0\n```\n';
  const plain = parseLesson(source, 'n.md');
  for (const variant of [source.replace(/\n/g, '\r\n'), '\uFEFF' + source]) {
    const other = parseLesson(variant, 'n.md');
    assert.deepEqual({ ...other, source: '' }, { ...plain, source: '' });
  }
  assert.deepEqual(plain.diagnostics, []);
  assert.deepEqual(runCell(plain.cells[0]).lines, ['ls -l']);
});
