// The NetworkPolicy lesson in both languages: every check passes on the simulator, the two versions run the same
// cells and checks, and the reasons name the policies, rules and interfaces the prose quotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lessonFrom, runLesson } from '../../helpers/lessons.ts';

const EN = 'lessons/network-policy/lesson.en.md';
const ZH = 'lessons/network-policy/lesson.zh-CN.md';

for (const file of [EN, ZH]) {
  test(`${file}: every check passes`, async () => {
    const lesson = lessonFrom(file);
    assert.deepEqual(
      lesson.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const report = await runLesson(lesson);
    const checks = report.cells.flatMap((c) => c.checks);
    assert.deepEqual(
      checks.filter((c) => !c.passed).map((c) => `${c.text}: ${c.reason}`),
      [],
    );
    assert.equal(report.summary.cellErrors, 0);
    // The sentences the prose quotes are the probes' own.
    const reasons = checks.map((c) => c.reason).join('\n');
    const quotes = [...readFileSync(file, 'utf8').matchAll(/\*((?:ingress|egress)\s+(?:to|from|of)\s+pod\s[^*]+)\*/g)];
    assert.ok(quotes.length >= 3, 'the prose quotes the reasons');
    for (const quoted of quotes) {
      const sentence = quoted[1].replace(/\s+/g, ' ');
      assert.ok(reasons.includes(sentence), `quoted reason not observed: ${sentence}`);
    }
  });
}

test('the Chinese lesson has the same cells and checks as the English one', () => {
  const shape = (f: string) =>
    lessonFrom(f).cells.map((c) => ({
      info: c.info,
      body: c.kind === 'file' ? c.content : c.lines,
      checks: c.expectations.map((e) => e.text),
    }));
  assert.deepEqual(shape(ZH), shape(EN));
});

test('reach checks carry the policy reason codes, and each has a Chinese sentence', async () => {
  const { reasonText } = await import('../../../src/core/sim/net/policy/explain.ts');
  const report = await runLesson(lessonFrom(ZH));
  const coded = report.cells.flatMap((c) => c.checks).filter((c) => c.reasonCodes?.length);
  assert.ok(coded.length >= 10);
  const kinds = new Set(coded.flatMap((c) => (c.reasonCodes ?? []).map((r) => r.code)));
  assert.deepEqual([...kinds].sort(), ['policy-allowed', 'policy-denied-egress', 'policy-denied-ingress']);
  for (const c of coded) {
    for (const r of c.reasonCodes ?? []) {
      const code = r as Parameters<typeof reasonText>[0];
      assert.ok(c.reason.includes(reasonText(code, 'en')), `${c.text}: the English sentence is the reason's`);
      assert.match(reasonText(code, 'zh-CN'), /[\u4e00-\u9fff]/);
    }
  }
});

test('the reachability matrix marks policy drops apart from other timeouts', async () => {
  const report = await runLesson(lessonFrom(EN));
  const cells = report.matrix?.cells ?? [];
  const dropped = cells.filter((c) => c.policyDrop);
  assert.ok(dropped.length > 0);
  for (const c of dropped) assert.equal(c.observed, 'timeout');
  assert.ok(cells.some((c) => c.observed === 'ok' && !c.policyDrop));
});

test('the cluster view marks the pods policies isolate, per direction', async () => {
  const { SimBackend } = await import('../../../src/core/sim/sim-backend.ts');
  const { Kernel } = await import('../../../src/core/runtime/kernel.ts');
  const kernel = new Kernel(lessonFrom(EN), new SimBackend());
  try {
    await kernel.runAll();
    const view = await kernel.backend.view();
    const busybox = view.pods.find((p) => p.namespace === 'default' && p.name === 'busybox');
    assert.deepEqual(busybox?.isolation, { ingress: ['default/default-deny-ingress'], egress: ['default/busybox-egress'] });
    assert.equal(view.pods.find((p) => p.namespace === 'tools' && p.name === 'client')?.isolation, undefined);
  } finally {
    await kernel.stop();
  }
});
