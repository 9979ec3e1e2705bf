// Manifest parsing: documents, Lists, JSON, positions, kubectl-worded errors, and the input limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MANIFEST_MAX_BYTES, MANIFEST_MAX_OBJECTS, parseManifests } from '../../../../src/core/sim/api/manifest.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx-pod
  labels:
    app: nginx
spec:
  containers:
  - name: nginx-container
    image: nginx
    ports:
    - containerPort: 80
`;

test('one document: the object and where it starts', () => {
  const r = parseManifests(POD, 'nginx_pod.yaml');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.objects.length, 1);
  assert.equal(r.objects[0].spec.containers[0].ports[0].containerPort, 80);
  assert.deepEqual(r.positions, [{ file: 'nginx_pod.yaml', line: 1, column: 1 }]);
});

test('several documents, empty and comment-only ones skipped, positions per object', () => {
  const text = `# leading comment\n---\n${POD}---\n# nothing here\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n`;
  const r = parseManifests(text, 'all.yaml');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.objects.map((o) => o.kind),
    ['Pod', 'Service'],
  );
  assert.deepEqual(
    r.positions.map((p) => p.line),
    [3, 18],
  );
});

test('kind: List is expanded into its items, each with its own position', () => {
  const text =
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n';
  const r = parseManifests(text, 'list.yaml');
  assert.deepEqual(
    r.objects.map((o) => o.metadata.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    r.positions.map((p) => [p.line, p.column]),
    [
      [4, 3],
      [7, 3],
    ],
  );
});

test('JSON is accepted', () => {
  const r = parseManifests('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"}\n}\n', 'pod.json');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.objects[0].metadata.name, 'j');
});

const ERRORS: { title: string; text: string; message: string; line: number }[] = [
  {
    title: 'a colon inside a value',
    text: POD.replace('image: nginx', 'image: nginx: latest'),
    message: 'error parsing f.yaml: error converting YAML to JSON: yaml: line 10: mapping values are not allowed in this context',
    line: 10,
  },
  {
    title: 'a tab used for indentation',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
    message: 'error parsing f.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token',
    line: 4,
  },
  {
    title: 'a document without kind',
    text: 'apiVersion: v1\nmetadata:\n  name: x\n',
    message:
      'error validating "f.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    line: 1,
  },
  {
    title: 'a document without apiVersion and kind',
    text: 'metadata:\n  name: x\n',
    message:
      'error validating "f.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    line: 1,
  },
  {
    title: 'a document that is a plain string',
    text: 'hello\n',
    message:
      'error parsing f.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}',
    line: 1,
  },
];

for (const e of ERRORS) {
  test(`error: ${e.title}`, () => {
    const r = parseManifests(e.text, 'f.yaml');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].message, e.message);
    assert.equal(r.diagnostics[0].pos.line, e.line);
    assert.equal(r.diagnostics[0].severity, 'error');
  });
}

// Limits: each must end in one clear diagnostic, quickly (the test runner's timeout guards against hangs).

test('limit: an alias bomb (billion laughs) is refused', { timeout: 5000 }, () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const r = parseManifests(
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`,
    'bomb.yaml',
  );
  assert.deepEqual(r.objects, []);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].code, 'input-limit');
  assert.equal(
    r.diagnostics[0].message,
    'error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
  );
});

test('limit: text over 4 MiB is refused', { timeout: 5000 }, () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  blob: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
  const r = parseManifests(big, 'big.yaml');
  assert.deepEqual(r.objects, []);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.message]),
    [['input-limit', `error reading big.yaml: the manifest is larger than ${MANIFEST_MAX_BYTES / 1048576} MiB`]],
  );
});

test('limit: 10,000 objects are refused (as documents and as a List)', { timeout: 10000 }, () => {
  const doc = (i: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;
  const docs = Array.from({ length: 10_000 }, (_, i) => doc(i)).join('---\n');
  const items = `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: 10_000 }, (_, i) => `- {apiVersion: v1, kind: ConfigMap, metadata: {name: c${i}}}`).join('\n')}\n`;
  for (const text of [docs, items]) {
    const r = parseManifests(text, 'many.yaml');
    assert.deepEqual(r.objects, []);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.message]),
      [['input-limit', `error parsing many.yaml: more than ${MANIFEST_MAX_OBJECTS} objects in one manifest`]],
    );
  }
});

test('limit: deep nesting is refused, in flow and block style', { timeout: 5000 }, () => {
  const flow = `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`;
  let block = '';
  for (let i = 0; i < 150; i++) block += `${' '.repeat(i)}k${i}:\n`;
  for (const text of [flow, block]) {
    const r = parseManifests(text, 'deep.yaml');
    assert.deepEqual(r.objects, []);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].code, 'input-limit');
    assert.match(r.diagnostics[0].message, /nested deeper than 100 levels/);
  }
});

test('under the limits a large but sane manifest parses', { timeout: 10000 }, () => {
  const docs = Array.from({ length: 2000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('---\n');
  const r = parseManifests(docs, 'ok.yaml');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.objects.length, 2000);
});
