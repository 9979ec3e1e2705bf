// Lint rules: each with a lesson that trips it (at a stated line) and a close one that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, formatDiagnostic } from '../../../src/core/errors.ts';
import { LINT_RULES, lintLesson, parseLesson, type Lesson } from '../../../src/core/lesson/index.ts';
import { ALL_LINT_RULES } from '../../../src/core/sim/lint-cluster-model.ts';

/** A lesson with nodes n1 (control-plane) and n2, extra `cluster` lines, and `body`. Front matter is lines 1-8 (with one cluster line). */
function lesson(body: string, cluster = '  pins: []\n', setup = '') {
  const fm = `---\nid: t\ntitle: T\nlang: en\ncluster:\n  nodes: [ { name: n1, role: control-plane }, { name: n2, role: worker } ]\n${cluster}${setup}---\n`;
  return parseLesson(fm + body, 'l.md');
}

function codes(body: string, cluster?: string, setup?: string): string[] {
  return lintLesson(lesson(body, cluster, setup)).map((d) => `${d.pos.line}:${d.code}`);
}

const POD = '```yaml file=pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: { name: web }\n```\n\n';
const APPLY = '```sh run\nkubectl apply -f pod.yaml\n```\n\n';

interface Case {
  rule: string;
  failing: [body: string, cluster?: string, setup?: string];
  expected: string[];
  passing: [body: string, cluster?: string, setup?: string];
}

const CASES: Case[] = [
  {
    rule: 'unknown-name: an expectation names a pod nothing creates',
    failing: [POD + APPLY + '```sh run\nls\n```\n\n```expect\nweb -> ghost:80 ok\n```\n'],
    expected: ['24:lint-unknown-name'],
    passing: [POD + APPLY + '```sh run\nls\n```\n\n```expect\nweb -> web:80 ok\n```\n'],
  },
  {
    rule: 'unknown-name: a source must be a pod or node (a Service name is not)',
    failing: [
      '```sh run\nkubectl create deployment api --image=nginx\nkubectl expose deployment api --port=80 --name=api-svc\n```\n\n```expect\nfrontend -> api-svc:80 ok\n```\n',
    ],
    expected: ['15:lint-unknown-name'],
    passing: [
      '```sh run\nkubectl create deployment api --image=nginx\nkubectl expose deployment api --port=80 --name=api-svc\n```\n\n```expect\napi-5d8f7c-abcde -> api-svc:80 ok\nn2 -> api-svc.default.svc.cluster.local:80 ok\nn1 -> 10.96.0.1:443 ok\n```\n',
    ],
  },
  {
    rule: 'unknown-name: namespaces must match (kubectl run -n, ns/pod)',
    failing: ['```sh run\nkubectl run client -n tools --image=busybox\n```\n\n```expect\nclient -> n1 icmp ok\n```\n'],
    expected: ['14:lint-unknown-name'],
    passing: ['```sh run\nkubectl run client -n tools --image=busybox\n```\n\n```expect\ntools/client -> n1 icmp ok\n```\n'],
  },
  {
    rule: 'unknown-name: a run cell in= a pod nothing creates',
    failing: ['```sh run in=ghost\nls\n```\n'],
    expected: ['9:lint-unknown-name'],
    passing: [
      '```sh run in=setup-pod\nls\n```\n',
      undefined,
      'setup:\n  - manifests: |\n      { kind: Pod, apiVersion: v1, metadata: { name: setup-pod } }\n',
    ],
  },
  {
    rule: 'unused-file: a file cell no run cell mentions',
    failing: [POD + '```sh run\nkubectl get pods\n```\n'],
    expected: ['9:lint-unused-file'],
    passing: [POD + '```sh run\nkubectl apply -f . && kubectl get pods\n```\n'],
  },
  {
    rule: 'unused-file: a directory apply uses the files in it',
    failing: ['```yaml file=m/pod.yaml\nkind: Pod\nmetadata: { name: web }\n```\n\n```sh run\nkubectl apply -f other/\n```\n'],
    expected: ['9:lint-unused-file'],
    passing: ['```yaml file=m/pod.yaml\nkind: Pod\nmetadata: { name: web }\n```\n\n```sh run\nkubectl apply -f ./m/\n```\n'],
  },
  {
    rule: 'missing-expect: a network probe with no expect block',
    failing: ['```sh run\nkubectl get pods\n/usr/bin/curl -s 10.0.0.1\n```\n'],
    expected: ['9:lint-missing-expect'],
    passing: ['```sh run\nkubectl get pods\n/usr/bin/curl -s 10.0.0.1\n```\n\n```expect\nexit 0\n```\n'],
  },
  {
    rule: 'pin-unknown-pod: a pin naming a pod nothing creates',
    failing: [POD + APPLY, '  pins: [ { pod: webb, node: n2 } ]\n'],
    expected: ['7:lint-pin-unknown-pod'],
    passing: [POD + APPLY, '  pins: [ { pod: web, node: n2 } ]\n'],
  },
  {
    rule: 'workstation-node: the workstation is not a node',
    failing: ['', '  workstation: { node: n3 }\n'],
    expected: ['7:lint-workstation-node'],
    passing: ['', '  workstation: { node: n2 }\n'],
  },
  {
    rule: 'unknown-node: pins, faults and on= must name nodes',
    failing: [
      POD + APPLY + '```sh run on=n9\nls\n```\n',
      '  pins: [ { pod: web, node: n7 } ]\n  faults: [ { kind: drop-route, node: n1, to: n8 } ]\n',
    ],
    expected: ['7:lint-unknown-node', '8:lint-unknown-node', '20:lint-unknown-node'],
    passing: [
      POD + APPLY + '```sh run on=n2\nls\n```\n',
      '  pins: [ { pod: web, node: n2 } ]\n  faults: [ { kind: drop-route, node: n1, to: 10.9.0.0/24 } ]\n',
    ],
  },
  {
    rule: 'file-manifest: a YAML file cell that does not parse is a warning',
    failing: ['```yaml file=bad.yaml\nkind: [Pod\n```\n\n```sh run\nkubectl apply -f bad.yaml\n```\n'],
    expected: ['10:manifest-invalid'],
    passing: ['```text file=notes.txt\nkind: [Pod\n```\n\n```sh run\ncat notes.txt\n```\n'],
  },
  {
    rule: 'policy-selects-nothing: a NetworkPolicy whose podSelector matches no pod of its namespace',
    failing: [
      '```yaml file=pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: { name: web, labels: { app: web } }\n```\n\n' +
        '```yaml file=np.yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\nspec:\n  podSelector: { matchLabels: { app: wbe } }\n```\n\n' +
        '```sh run\nkubectl apply -f pod.yaml -f np.yaml\n```\n',
    ],
    expected: ['15:lint-policy-selects-nothing'],
    passing: [
      '```yaml file=pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: { name: web, labels: { app: web } }\n```\n\n' +
        '```yaml file=np.yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\nspec:\n  podSelector: { matchLabels: { app: web } }\n```\n\n' +
        '```sh run\nkubectl apply -f pod.yaml -f np.yaml\n```\n',
    ],
  },
  {
    rule: 'unterminated-fence: a fence never closed swallows the rest of the file (issue 9)',
    failing: ['```sh run\nls\n```\n\n```sh run\necho one\n\n## Next\n\n~~~\n'],
    expected: ['13:lint-unterminated-fence'],
    passing: ['```sh run\nls\n```\n\n````sh run\necho one\n```\n````\n\n~~~\nx\n~~~~\n'],
  },
  {
    rule: 'parse: parse diagnostics come first in the lint report',
    failing: ['```sh run tmeout=1s\nls\n```\n'],
    expected: ['9:cell-attribute'],
    passing: ['```sh run timeout=1s\nls\n```\n'],
  },
  {
    rule: 'unknown-name: a selector or workload that matches nothing the lesson creates',
    failing: [
      '```sh run\nkubectl create deployment api --image=nginx\n```\n\n```expect\nall app=web -> deploy/api:80 ok\nn1 -> deploy/web:80 ok\nn1 -> shop/app=api:80 ok\n```\n',
    ],
    expected: ['14:lint-unknown-name', '15:lint-unknown-name', '16:lint-unknown-name'],
    passing: [
      '```sh run\nkubectl create deployment api --image=nginx\nkubectl run box --image=busybox\n```\n\n```expect\nall app=api -> deploy/api:80 ok\nrun=box -> rs/api-5d8f7c:80 ok\nn1 -> kube-system/k8s-app=kube-dns:53 udp ok\nobject deploy/api ready 1\nobject svc/ghost absent\n```\n',
    ],
  },
  {
    rule: 'unknown-name: object checks and $VALUES name what the lesson creates or captures',
    failing: ['```sh run\nkubectl run box --image=busybox\n```\n\n```expect\nobject svc/ghost exists\nbox -> $IP icmp ok\n```\n'],
    expected: ['14:lint-unknown-name', '15:lint-unknown-name'],
    passing: [
      '```sh run\nkubectl run box --image=busybox\n```\n\n```expect\nobject pod/box exists\ncapture IP = pod/box .status.podIP\nbox -> $IP icmp ok\n```\n',
    ],
  },
  {
    rule: 'rerun-unsafe: output contains "… created" after kubectl apply',
    failing: [POD + '```sh run\nkubectl apply -f pod.yaml\n```\n\n```expect\noutput contains "pod/web created"\n```\n'],
    expected: ['20:lint-rerun-unsafe'],
    passing: [
      POD +
        '```sh run\nkubectl apply -f pod.yaml\n```\n\n```expect\napplied pod/web\n```\n\n```sh run\nkubectl create -f pod.yaml\n```\n\n```expect\noutput contains "pod/web created"\n```\n',
    ],
  },
  {
    rule: 'value-order: a cell uses $NAME before the cell that captures it',
    failing: ['```sh run\nkubectl run box --image=busybox\necho $IP\n```\n\n```expect\ncapture IP = pod/box .status.podIP\n```\n'],
    expected: ['9:lint-value-order'],
    passing: [
      '```sh run\nkubectl run box --image=busybox\necho $HOME\n```\n\n```expect\ncapture IP = pod/box .status.podIP\n```\n\n```sh run\nping -c1 $IP\n```\n\n```expect\nexit 0\n```\n',
    ],
  },
];

for (const c of CASES) {
  test(`lint ${c.rule}`, () => {
    assert.deepEqual(codes(...c.failing), c.expected, 'failing case');
    assert.deepEqual(lintLesson(lesson(...c.passing)).map(formatDiagnostic), [], 'passing case');
  });
}

test('every lint rule has a case above, and every lint code is a documented error code', () => {
  for (const rule of LINT_RULES)
    assert.ok(
      CASES.some((c) => c.rule.startsWith(`${rule.name}:`)),
      rule.name,
    );
  const all = CASES.flatMap((c) => c.expected.map((e) => e.split(':')[1]));
  for (const code of all) assert.ok(code in ERROR_CODES, code);
});

test('lint diagnostics carry file:line:column and severity', () => {
  const [d] = lintLesson(lesson(POD + '```sh run\nls\n```\n'));
  assert.equal(formatDiagnostic(d), "l.md:9:1: warning: file 'pod.yaml' is never used by a run cell [lint-unused-file]");
});

/** Every lesson of the repository (lessons/, test fixtures). */
function repositoryLessons(): Lesson[] {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const files = ['lessons', 'test/fixtures/lessons'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md') && !f.toLowerCase().endsWith('readme.md'))
      .map((f) => `${dir}/${f}`),
  );
  assert.ok(files.length > 10, 'the lessons are found');
  return files.map((f) => parseLesson(readFileSync(path.join(root, f), 'utf8'), f));
}

test("a lint for errors alone (podlab run's) is the full lint's errors in the same order; warnings-only rules warn only", () => {
  const lessons = [...CASES.flatMap((c) => [lesson(...c.failing), lesson(...c.passing)]), ...repositoryLessons()];
  let errors = 0;
  for (const l of lessons) {
    const full = lintLesson(l, ALL_LINT_RULES);
    const alone = lintLesson(l, ALL_LINT_RULES, { errorsOnly: true });
    assert.deepEqual(
      alone,
      full.filter((d) => d.severity === 'error'),
      l.file,
    );
    errors += alone.length;
    for (const rule of ALL_LINT_RULES.filter((r) => r.warningsOnly))
      for (const d of lintLesson(l, [rule])) assert.equal(d.severity, 'warning', `${rule.name} in ${l.file}`);
  }
  assert.ok(errors > 0, 'some lessons have errors');
});
