// Issue 9, finding 6 and item 7: lint = run. Every lesson error `podlab run` raises, `podlab lint` raises first,
// at a file:line; run refuses such a lesson with exit 2 and runs nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'podlab-lint-run-'));

function lesson(name: string, cluster: string, body = '```sh run\necho hi\n```\n'): string {
  const file = join(dir, `${name}.md`);
  writeFileSync(file, `---\nid: t\ntitle: T\nlang: en\ncluster:\n  cni: kindnet\n${cluster}---\n# T\n\n${body}`);
  return file;
}

const TWO = '  nodes:\n    - { name: a, role: control-plane }\n    - { name: b, role: worker }\n';
const many = (n: number): string =>
  `  nodes:\n${Array.from({ length: n }, (_, i) => `    - { name: n${i}, role: ${i === 0 ? 'control-plane' : 'worker'} }\n`).join('')}`;

/** [what, lesson file, message lint and run both print]. */
const CASES: [string, string, RegExp][] = [
  [
    'a /0 pod CIDR',
    lesson('cidr0', `${TWO}  podCIDR: 0.0.0.0/0\n`),
    /cidr0\.md:10:1: error: cluster\.podCIDR 0\.0\.0\.0\/0 overlaps cluster\.serviceCIDR/,
  ],
  ['10,000 nodes', lesson('many', many(10_000)), /many\.md:7:1: error: cluster\.nodes has 10000 nodes; the simulator builds at most 256/],
  [
    '250 nodes in a /20 pod CIDR (no pod block left)',
    lesson('blocks', `${many(250)}  podCIDR: 10.244.0.0/20\n`),
    /blocks\.md:\d+:\d+: error: the cluster pod CIDR 10\.244\.0\.0\/20 has no free \/24 block left for node n16/,
  ],
  ['on= an unknown node', lesson('on', TWO, '```sh run on=nope\necho hi\n```\n'), /on\.md:13:1: error: cell names node 'nope'/],
];

for (const [what, file, message] of CASES) {
  test(`lint = run: ${what}`, async () => {
    const lint = await runCli(['lint', file]);
    assert.equal(lint.code, 1, lint.stdout);
    assert.match(lint.stdout, message);
    const run = await runCli(['run', file]);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /nothing was run/);
    assert.equal(run.stdout, '');
  });
}

test('an unterminated fence is warned by lint; the lesson still runs', async () => {
  const file = lesson('fence', TWO, '```sh run\necho hi\n```\n\n```sh run\necho never closed\n');
  const lint = await runCli(['lint', file]);
  assert.equal(lint.code, 0);
  assert.match(lint.stdout, /fence\.md:17:1: warning: code fence ``` opened here is never closed/);
});
