// `podlab run` as a user runs it: transcripts (golden), --json, exit codes, unseen lessons.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { assertGolden } from '../../helpers/golden.ts';

for (const lang of ['zh-CN', 'en']) {
  test(`the pod-networking lesson (${lang}) passes every check; its transcript is stable`, async () => {
    const r = await runCli(['run', `lessons/pod-networking/lesson.${lang}.md`]);
    assert.equal(r.stderr, '');
    assert.equal(
      r.code,
      0,
      r.stdout
        .split('\n')
        .filter((l) => l.includes('✗'))
        .join('\n'),
    );
    assert.match(r.stdout, /\n\d+ passed, 0 failed\n$/);
    assertGolden(r.stdout, `test/golden/cli/pod-networking.${lang}.txt`);
  });
}

test('--json carries the lesson, every cell with its checks, the matrix and the summary', async () => {
  const r = await runCli(['run', 'lessons/pod-networking/lesson.en.md', '--json']);
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout);
  assert.equal(report.lesson.id, 'pod-networking');
  assert.equal(report.backend, 'simulator');
  assert.equal(report.seed, 1);
  const ping = report.cells.find((c: { input: string }) => c.input === 'ping -c 3 192.168.217.16');
  assert.ok(ping, 'the ping cell is there');
  assert.equal(ping.section, '2.2');
  assert.match(ping.output, /ttl=63/);
  const check = ping.checks[0];
  for (const key of ['expected', 'observed', 'passed', 'reason']) assert.ok(key in check, key);
  assert.ok(report.matrix.sources.includes('henry003'));
  assert.ok(
    report.matrix.cells.some(
      (c: { from: string; to: string; observed: string }) => c.from === 'busybox' && c.to === 'nginx-pod' && c.observed === 'ok',
    ),
  );
  assert.equal(report.summary.failed, 0);
  assert.ok(report.summary.passed > 20);
});

test('a failing check exits 1 and explains itself; a lesson error exits 2 with file:line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-run-'));
  const src = readFileSync('lessons/pod-networking/lesson.en.md', 'utf8');
  const broken = join(dir, 'broken.md');
  writeFileSync(broken, src.replace('busybox -> nginx-pod:81 refused', 'busybox -> nginx-pod:81 ok'));
  const r = await runCli(['run', broken]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ busybox -> nginx-pod:81 ok\n\s+expected ok, observed refused: nothing listens on 192\.168\.217\.16:81/);
  assert.match(r.stdout, /\n\d+ passed, 1 failed\n$/);

  const bad = join(dir, 'bad.md');
  writeFileSync(bad, src.replace('henry003 -> nginx-pod icmp ok', 'henry003 => nginx-pod icmp ok'));
  const e = await runCli(['run', bad]);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /bad\.md:\d+:\d+: error: /);
  assert.equal(e.stdout, '');
});

test('bad flags and missing files are usage errors, not stack traces', async () => {
  const a = await runCli(['run', 'lessons/pod-networking/lesson.en.md', '--seed', 'abc']);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /--seed takes a whole number/);
  const b = await runCli(['run', 'no/such/lesson.md']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /no such lesson file: no\/such\/lesson\.md/);
  const c = await runCli(['run', 'lessons/pod-networking/lesson.en.md', '--backend', 'nope']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /unknown backend "nope"/);
  const d = await runCli(['frobnicate']);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /unknown command 'frobnicate'/);
});

for (const file of ['flannel-four-nodes.md', 'kindnet-broken-route.md']) {
  test(`an unseen lesson with other names, CNI and topology runs green: ${file}`, async () => {
    const r = await runCli(['run', `test/fixtures/runtime/${file}`]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\n\d+ passed, 0 failed\n$/);
  });
}
