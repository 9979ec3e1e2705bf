// The authoring forms on the simulator: applied and object checks, checks bound to one command, selector targets,
// named values. Every check of the fixture passes; each form also fails where it should, with a clear reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonFrom, runLesson } from '../../helpers/lessons.ts';
import { assertGolden } from '../../helpers/golden.ts';
import { Kernel } from '../../../src/core/runtime/kernel.ts';
import { SimBackend } from '../../../src/core/sim/sim-backend.ts';
import type { RunReport } from '../../../src/core/runtime/types.ts';

const FORMS = 'test/fixtures/lessons/authoring-forms.md';

function checks(report: RunReport) {
  return report.cells.flatMap((c) => c.checks);
}

function byText(report: RunReport, text: string) {
  const c = checks(report).find((k) => k.text === text);
  assert.ok(c, `no check '${text}'`);
  return c;
}

test('every check of the authoring fixture passes; checks and transcripts match the golden file', async () => {
  const report = await runLesson(lessonFrom(FORMS));
  const failed = checks(report).filter((c) => !c.passed);
  assert.deepEqual(failed, []);
  assert.deepEqual(
    report.cells.filter((c) => c.error),
    [],
  );
  const text = report.cells
    .map((c) =>
      [
        `## cell ${c.cellId}`,
        c.output.trimEnd(),
        ...c.checks.map((k) => `${k.passed ? 'PASS' : 'FAIL'} ${k.text}\n     ${k.expected} | ${k.observed} | ${k.reason}`),
      ].join('\n'),
    )
    .join('\n\n');
  assertGolden(text + '\n', 'test/golden/lesson/authoring-forms.run.txt');
});

test('applied: a re-run of the same apply passes (kubectl says unchanged); output contains "… created" does not', async () => {
  const lesson = lessonFrom(FORMS, (s) =>
    s.replace('applied deploy/web\napplied service/web', 'applied deploy/web\noutput contains "service/web created"'),
  );
  const report = await runLesson(lesson);
  assert.equal(byText(report, 'applied deploy/web').passed, true);
  const created = byText(report, 'output contains "service/web created"');
  assert.equal(created.passed, false);
  assert.match(created.observed, /service\/web unchanged/);
});

test('applied names the object: another name fails, and says what kubectl printed', async () => {
  const report = await runLesson(lessonFrom(FORMS, (s) => s.replace('applied of 1 svc/web', 'applied of 1 svc/webs')));
  const c = byText(report, 'applied of 1 svc/webs');
  assert.equal(c.passed, false);
  assert.equal(
    c.reason,
    'expected command 1: svc/webs created, configured or unchanged, but got deployment.apps/web created service/web created',
  );
});

test('object checks ask the cluster: a wrong count and a missing object fail with what the cluster has', async () => {
  const report = await runLesson(
    lessonFrom(FORMS, (s) =>
      s.replace('object deploy/web ready 2', 'object deploy/web ready 3').replace('object svc/web exists', 'object svc/nothere exists'),
    ),
  );
  const ready = byText(report, 'object deploy/web ready 3');
  assert.deepEqual([ready.passed, ready.observed, ready.reason], [false, 'ready 2', 'deployment/web: 2/2 replicas ready']);
  const missing = byText(report, 'object svc/nothere exists');
  assert.deepEqual([missing.passed, missing.observed, missing.reason], [false, 'absent', 'service/nothere does not exist']);
});

test('output of N sees only that command: ttl of the first ping, not of the whole cell', async () => {
  const lesson = lessonFrom(FORMS, (s) =>
    s.replace('output of 2 contains "$WEB"', 'output of 2 contains "ttl="\noutput of 1 contains "ttl="'),
  );
  const report = await runLesson(lesson);
  const c = byText(report, 'output of 2 contains "ttl="');
  assert.equal(c.passed, false, 'ttl= is in the output of command 1 only');
  assert.match(c.reason, /^expected command 2: output contains "ttl=", but got web-/);
  assert.equal(byText(report, 'output of 1 contains "ttl="').passed, true);
});

test('a selector that selects nothing fails with a clear reason, whatever the verdict', async () => {
  const lesson = lessonFrom(FORMS, (s) =>
    s.replace('busybox -> $IP icmp ok', 'all rs/nothere-1 -> web:80 blocked\nbusybox -> app=nope:80 blocked'),
  );
  const report = await runLesson(lesson);
  const src = byText(report, 'all rs/nothere-1 -> web:80 blocked');
  assert.deepEqual(
    [src.passed, src.observed, src.reason],
    [false, 'no-source', 'there is no replicaset nothere-1 in namespace default; a selector must select at least one pod'],
  );
  const dst = byText(report, 'busybox -> app=nope:80 blocked');
  assert.deepEqual(
    [dst.passed, dst.observed, dst.reason],
    [false, 'error', 'app=nope selects no pods; a selector must select at least one pod'],
  );
});

test('any and all differ: one selected pod that refuses fails `all`, not `any`', async () => {
  // busybox joins app=web: three pods, and busybox listens on no port 80
  const lesson = lessonFrom(FORMS, (s) =>
    s
      .replace('kubectl get pods -l app=web\n', 'kubectl label pod busybox app=web\n')
      .replace('all busybox -> app=web:80 ok', 'all busybox -> app=web:80 ok [id=all]\nany busybox -> app=web:80 ok [id=any]'),
  );
  const report = await runLesson(lesson);
  const all = checks(report).find((c) => c.id === 'all');
  assert.equal(all?.passed, false);
  assert.match(all?.reason ?? '', /^all busybox -> app=web:80: 2 of 3 pairs ok; busybox -> busybox: /);
  assert.equal(all?.observed, 'refused');
  assert.equal(checks(report).find((c) => c.id === 'any')?.passed, true);
});

test('named values: $IP is typed as its value, a failed capture is a cell error, a re-run keeps working', async () => {
  const kernel = new Kernel(lessonFrom(FORMS), new SimBackend());
  try {
    await kernel.runAll();
    const ip = kernel.values.get('IP');
    assert.match(ip ?? '', /^192\.168\.\d+\.\d+$/);
    const webIp = kernel.values.get('WEBIP');
    assert.match(webIp ?? '', /^192\.168\.\d+\.\d+$/);
    assert.equal(kernel.outcomes.get('4-1')?.input.split('\n')[0], `ping -c 1 ${webIp}`);
    assert.match(kernel.values.get('TTL') ?? '', /^6[34]$/);
    assert.match(kernel.values.get('WEB') ?? '', /^web-[a-z0-9]+-[a-z0-9]+$/);
    // the apply cells again, against the same cluster: still passing
    for (const id of ['1-2', '2-1'])
      assert.ok(
        (await kernel.runCell(id)).checks.every((c) => c.passed),
        id,
      );
  } finally {
    await kernel.stop();
  }
  const broken = await runLesson(
    lessonFrom(FORMS, (s) => s.replace('capture IP = pod/busybox .status.podIP', 'capture IP = pod/nobody .status.podIP')),
  );
  assert.equal(broken.cells.find((c) => c.cellId === '3-1')?.error, 'capture IP: pod/nobody does not exist');
});
