// podlab release: the student copy keeps prose, front matter and fences, empties exercises, drops hidden parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import { releaseExercise } from '../../../src/core/grade/release.ts';

const FRONT = `---
id: tiny
title: Tiny exercise
lang: en
cluster:
  cni: calico
  nodes:
    - { name: n1, role: control-plane }
    - { name: n2, role: worker }
  workstation: { node: n1, cwd: /root, user: root }
---
`;

const SOURCE = `${FRONT}
# Tiny exercise

## 1 Write a Service

Write \`svc.yaml\`:

\`\`\`yaml file=svc.yaml exercise
apiVersion: v1
kind: Service
metadata:
  name: web
\`\`\`

Apply it:

\`\`\`sh run id=apply
kubectl apply -f svc.yaml
\`\`\`

\`\`\`expect
output contains "service/web created" [points=2 id=created]
busybox -> web:80 ok [hidden points=3 id=secret-reach]
exit 0
\`\`\`

\`\`\`sh run hidden
kubectl get svc web
\`\`\`

\`\`\`expect
output contains "ClusterIP" [id=hidden-cell-check]
\`\`\`

Now the commands are yours:

- In a list:

  ~~~~sh run exercise id=mine
  kubectl get endpoints web
  ~~~~

\`\`\`expect hidden
output contains "web" [id=hidden-block]
\`\`\`

The end.
`;

test('release empties exercise cells, keeps their fences, and removes hidden cells and checks', () => {
  const r = releaseExercise(SOURCE, 'tiny.md');
  assert.deepEqual(r.stats, { exercises: 2, hiddenCells: 1, hiddenChecks: 3 });
  assert.ok(r.text.startsWith(FRONT), 'front matter kept byte for byte');
  assert.ok(r.text.includes('```yaml file=svc.yaml exercise id=1-1\n# TODO: write svc.yaml here\n```\n'), r.text);
  assert.ok(r.text.includes('  ~~~~sh run exercise id=mine\n  # TODO: write your commands here\n  ~~~~\n'), r.text);
  assert.ok(!r.text.includes('kind: Service'), 'the reference solution is gone');
  assert.ok(!r.text.includes('kubectl get endpoints'), 'the reference commands are gone');
  for (const secret of ['secret-reach', 'hidden-cell-check', 'hidden-block', 'kubectl get svc web', 'hidden']) {
    assert.ok(!r.text.includes(secret), `${secret} removed`);
  }
  assert.ok(r.text.includes('output contains "service/web created" [points=2 id=created]\nexit 0\n'));
  assert.ok(r.text.includes('Now the commands are yours:'));
  assert.ok(!/\n\n\n/.test(r.text), 'removed blocks leave no runs of blank lines');
});

test('the student copy is a valid lesson with the same exercise ids and only the visible checks', () => {
  const ref = parseLesson(SOURCE, 'tiny.md');
  const out = parseLesson(releaseExercise(SOURCE, 'tiny.md').text, 'release/tiny.md');
  assert.deepEqual(
    out.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.deepEqual(
    out.cells.filter((c) => c.exercise).map((c) => c.id),
    ref.cells.filter((c) => c.exercise).map((c) => c.id),
  );
  assert.ok(out.cells.every((c) => !c.hidden));
  assert.deepEqual(
    out.cells.flatMap((c) => c.expectations.map((e) => e.text)),
    ['output contains "service/web created" [points=2 id=created]', 'exit 0'],
  );
});

test('release keeps CRLF line endings and closes an exercise fence left open at the end', () => {
  const crlf = SOURCE.replace(/\n/g, '\r\n');
  const r = releaseExercise(crlf, 'tiny.md');
  assert.ok(r.text.includes('# TODO: write svc.yaml here\r\n```\r\n'));
  assert.ok(!/(^|[^\r])\n/.test(r.text), 'every line ends in CRLF');
  const open = `${FRONT}\n\`\`\`yaml file=a.yaml exercise id=a\nkind: Pod\n`;
  assert.equal(releaseExercise(open, 'x.md').text, `${FRONT}\n\`\`\`yaml file=a.yaml exercise id=a\n# TODO: write a.yaml here\n\`\`\`\n`);
});

test('a lesson without exercise or hidden parts comes out unchanged', () => {
  const plain = `${FRONT}\n# T\n\n\`\`\`sh run\nkubectl get pods\n\`\`\`\n\n\`\`\`expect\nexit 0\n\`\`\`\n`;
  assert.equal(releaseExercise(plain, 'p.md').text, plain);
});
