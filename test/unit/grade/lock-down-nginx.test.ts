// The NetworkPolicy exercise graded on the real simulator, in both languages: the reference gets full marks and each
// classic mistake (AND/OR peers, forgotten DNS egress, a namespace label that does not exist) loses exactly its check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGrading } from '../../../src/node/grade/run-grading.ts';

const EXPECTED: Record<string, { score: string; fails: string[] }> = {
  reference: { score: '14/14', fails: [] },
  'and-or-trap': { score: '12/14', fails: ['debug-blocked'] },
  'no-dns': { score: '12/14', fails: ['by-service-name'] },
  'wrong-ns-label': { score: '12/14', fails: ['client-allowed'] },
};

for (const file of ['lock-down-nginx.md', 'lock-down-nginx.zh-CN.md']) {
  test(`${file}: reference full marks; the AND/OR trap, forgotten DNS and wrong namespace label score what they should`, async () => {
    const run = await runGrading({
      exercise: `lessons/exercises/${file}`,
      submissions: 'test/fixtures/submissions/lock-down-nginx',
      jobs: 2,
    });
    assert.equal(run.reference?.score, run.reference?.max, JSON.stringify(run.reference?.checks.filter((c) => !c.passed)));
    for (const s of run.report.students) {
      const want = EXPECTED[s.student];
      assert.ok(want, s.student);
      assert.equal(s.status, 'graded', `${s.student}: ${s.error}`);
      assert.equal(`${s.score}/${s.max}`, want.score, s.student);
      assert.deepEqual(
        s.checks.filter((c) => !c.passed).map((c) => c.id),
        want.fails,
        s.student,
      );
    }
    // The feedback says why: the policy and rule that let debug in, the egress policy that dropped DNS.
    const trap = run.report.students.find((s) => s.student === 'and-or-trap')?.checks.find((c) => c.id === 'debug-blocked');
    assert.match(
      trap?.reason ?? '',
      /allowed by NetworkPolicy default\/nginx-ingress, ingress rule #0, peer #1 \(namespaceSelector role=frontend\)/,
    );
    const dns = run.report.students.find((s) => s.student === 'no-dns')?.checks.find((c) => c.id === 'by-service-name');
    assert.match(dns?.reason ?? '', /egress from pod default\/busybox is isolated by NetworkPolicy default\/busybox-egress.* on 53\/UDP/);
  });
}
