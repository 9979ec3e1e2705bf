// Fuzzers for what authors write: whole lessons from Markdown pieces (fences, info strings, expect lines,
// headings) and front matter from YAML pieces (clusters with odd CIDRs, node lists, pins, faults).
// Invariants: parseLesson and lint never throw; every diagnostic has a file:line inside the lesson; lint = run
// (what the simulator's world building rejects is a lint error first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintLesson, parseLesson } from '../../../src/core/lesson/index.ts';
import { ALL_LINT_RULES } from '../../../src/core/sim/lint-cluster-model.ts';
import { resolveCluster } from '../../../src/core/sim/net/topology.ts';
import { Rng } from '../../../src/core/sim/rng.ts';
import { fuzzParams } from './fuzz-runs.ts';

const FRONT = '---\nid: f\ntitle: F\nlang: en\ncluster:\n  nodes: [ { name: n1, role: control-plane }, { name: n2, role: worker } ]\n---\n';

const mdPiece = fc.constantFrom(
  '# Title\n',
  '## 1. Section\n',
  'Some text.\n',
  '\n',
  '```sh run\n',
  '```\n',
  '~~~\n',
  '````\n',
  '```console run\n$ echo hi\nhi\n',
  '```expect\n',
  'output contains "hi"\n',
  'output matches /h(i)+/m\n',
  'output matches /(a+)+c/\n',
  'output matches /x(?=y)/\n',
  'busybox -> nginx-pod:80 ok\n',
  'exit 0\n',
  '[hidden] [points=2]\n',
  '```yaml file=pod.yaml\n',
  'kind: Pod\nmetadata: { name: web }\n',
  '```sh run on=n2 timeout=5s\n',
  '```sh run in=web\n',
  '```sh run on=nope\n',
  '```sh run tmeout=1s\n',
  'kubectl apply -f pod.yaml\n',
  '<!-- comment -->\n',
  '> quote\n',
  '- item\n',
  '    indented code\n',
  '```sh run id=a\n',
  '```sh run id=a\n',
  '\t\n',
  '\u0000',
  '\r\n',
);
const markdown = fc.array(fc.oneof(mdPiece, fc.string({ maxLength: 20 })), { maxLength: 25 }).map((p) => p.join(''));

function checkDiagnostics(source: string, file: string): void {
  const lesson = parseLesson(source, file);
  const lines = source.split('\n').length + 1;
  for (const d of lintLesson(lesson, ALL_LINT_RULES)) {
    assert.equal(d.pos.file, file);
    assert.ok(d.pos.line >= 1 && d.pos.line <= lines, `line ${d.pos.line} of ${lines}: ${d.message}`);
    assert.ok(d.severity === 'error' || d.severity === 'warning');
    assert.doesNotMatch(d.message, /\n\s+at |undefined|\[object Object\]/, d.message);
  }
}

test('fuzz: lessons from Markdown pieces parse and lint without throwing', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(fc.boolean(), markdown, (withFront, body) => checkDiagnostics(withFront ? FRONT + body : body, 'l.md')),
    fuzzParams(600),
  );
});

const cidr = fc.oneof(
  fc.constantFrom(
    '10.244.0.0/16',
    '0.0.0.0/0',
    '10.0.0.0/8',
    '192.168.0.0/16',
    '10.96.0.0/12',
    '10.244.0.0/30',
    '10.244.1.1/24',
    'nope',
    '300.1.1.1/8',
    '10.0.0.0/33',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }))
    .map(([a, b, p]) => `${a}.${b}.0.0/${p}`),
);
const nodeName = fc.constantFrom('n1', 'n2', 'n3', 'nope', 'N!', '');
const node = fc
  .tuple(nodeName, fc.constantFrom('control-plane', 'worker', 'boss'), fc.option(cidr, { nil: undefined }))
  .map(([n, r, c]) => `    - { name: ${JSON.stringify(n)}, role: ${r}${c ? `, podCIDR: ${JSON.stringify(c)}` : ''} }\n`);
const frontMatter = fc
  .record({
    cni: fc.constantFrom('calico', 'flannel', 'kindnet', 'weave', '42'),
    podCIDR: fc.option(cidr, { nil: undefined }),
    serviceCIDR: fc.option(cidr, { nil: undefined }),
    nodeCIDR: fc.option(cidr, { nil: undefined }),
    nodes: fc.oneof(
      fc.array(node, { minLength: 1, maxLength: 5 }),
      fc
        .integer({ min: 0, max: 400 })
        .map((n) => Array.from({ length: n }, (_, i) => `    - { name: m${i}, role: ${i ? 'worker' : 'control-plane'} }\n`)),
    ),
    pins: fc.array(fc.tuple(fc.constantFrom('web', 'db'), nodeName, fc.constantFrom('10.244.1.5', '192.168.1.1', 'x')), { maxLength: 2 }),
    faults: fc.array(fc.tuple(fc.constantFrom('drop-route', 'node-down', 'meteor'), nodeName, fc.constantFrom('n2', '10.0.0.0/24', 'zz')), {
      maxLength: 2,
    }),
    extra: fc.constantFrom(
      '',
      '  seed: 3\n',
      '  os: centos\n',
      '  setup: [ { manifests: "kind: [" } ]\n',
      '  workstation: { node: n9 }\n',
      'x: &a [*a]\n',
    ),
  })
  .map((f) => {
    let s = `---\nid: f\ntitle: F\nlang: en\ncluster:\n  cni: ${f.cni}\n`;
    for (const k of ['podCIDR', 'serviceCIDR', 'nodeCIDR'] as const) if (f[k]) s += `  ${k}: ${JSON.stringify(f[k])}\n`;
    s += `  nodes:\n${f.nodes.join('')}`;
    if (f.pins.length)
      s += `  pins:\n${f.pins.map(([p, n, ip]) => `    - { pod: ${p}, node: ${JSON.stringify(n)}, ip: ${ip} }\n`).join('')}`;
    if (f.faults.length)
      s += `  faults:\n${f.faults.map(([k, n, to]) => `    - { kind: ${k}, node: ${JSON.stringify(n)}, to: ${JSON.stringify(to)} }\n`).join('')}`;
    return `${s}${f.extra}---\n# T\n\n\`\`\`sh run\necho hi\n\`\`\`\n`;
  });

test('fuzz: front matter clusters: lint never throws, and whatever the simulator rejects lint rejects first', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(frontMatter, (source) => {
      checkDiagnostics(source, 'fm.md');
      const lesson = parseLesson(source, 'fm.md');
      const errors = lintLesson(lesson, ALL_LINT_RULES).filter((d) => d.severity === 'error');
      if (errors.length > 0) return;
      // A lesson lint passes must give a world: the same resolveCluster run uses may not throw.
      resolveCluster(lesson.cluster, new Rng(lesson.seed).fork('topology'));
    }),
    fuzzParams(400),
  );
});
