// The shipped exercises graded on the real simulator in worker threads: each fixture scores exactly what it should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gradesCsv } from '../../../src/core/grade/csv.ts';
import { feedbackMarkdown } from '../../../src/core/grade/feedback.ts';
import type { GradeReport } from '../../../src/core/grade/types.ts';
import { main } from '../../../src/node/cli/main.ts';
import { runGrading } from '../../../src/node/grade/run-grading.ts';
import { gradesJson } from '../../../src/node/grade/write-grades.ts';
import { assertGolden } from '../../helpers/golden.ts';
import { captureIO } from './cli-io.ts';
import { withTempDir } from './temp-dir.ts';

/** Expected `score/max` per fixture student, and checks that must fail (the point of each wrong solution). */
const EXPECTED: Record<string, Record<string, { score: string; fails?: string[] }>> = {
  'service-basics': {
    reference: { score: '12/12' },
    'reference-md': { score: '12/12' },
    headless: { score: '9/12', fails: ['by-cluster-ip', 'cluster-ip-exit'] },
    'wrong-target-port': { score: '2/12', fails: ['by-name', 'by-cluster-ip', 'by-fqdn', 'survives-delete'] },
    'wrong-selector': { score: '1/12', fails: ['by-name', 'two-endpoints', 'survives-delete'] },
    'wrong-name': { score: '0/12', fails: ['created', 'by-name'] },
    'wrong-kind': { score: '0/12', fails: ['created'] },
    malformed: { score: '0/12', fails: ['created'] },
    'mangled-md': { score: '0/12' },
    binary: { score: '0/12' },
  },
  'sidecar-localhost': {
    reference: { score: '10/10' },
    'one-container': { score: '4/10', fails: ['sidecar-localhost', 'sidecar-container', 'both-running'] },
    'two-pods': { score: '4/10', fails: ['sidecar-localhost', 'sidecar-container', 'both-running'] },
    'sidecar-exits': { score: '5/10', fails: ['sidecar-localhost', 'both-running'] },
    'misnamed-containers': { score: '5/10', fails: ['sidecar-localhost', 'web-container', 'sidecar-container'] },
  },
  'cross-node': {
    'reference-md': { score: '11/11' },
    'same-node': { score: '10/11', fails: ['client-on-node-b'] },
    swapped: { score: '9/11', fails: ['server-on-node-a', 'client-on-node-b'] },
    'files-only': { score: '7/11', fails: ['ping-ok', 'page-ok'] },
    'ping-only': { score: '9/11', fails: ['page-ok'] },
    'wrong-port': { score: '9/11', fails: ['page-ok'] },
    sleepy: { score: '7/11', fails: ['ping-ok', 'page-ok'] },
    'endless-loop': { score: '7/11', fails: ['ping-ok', 'page-ok'] },
  },
};

const reports = new Map<string, GradeReport>();

for (const [exercise, students] of Object.entries(EXPECTED)) {
  test(`${exercise}: reference full marks, each wrong solution its score, feedback and gradebook as in the goldens`, async () => {
    const run = await runGrading({
      exercise: `lessons/exercises/${exercise}.md`,
      submissions: `test/fixtures/submissions/${exercise}`,
      jobs: 2,
    });
    reports.set(exercise, run.report);
    assert.equal(
      run.reference?.score,
      run.reference?.max,
      `the exercise's own solution: ${JSON.stringify(run.reference?.checks.filter((c) => !c.passed))}`,
    );
    const got = Object.fromEntries(run.report.students.map((s) => [s.student, `${s.score}/${s.max}`]));
    assert.deepEqual(got, Object.fromEntries(Object.entries(students).map(([k, v]) => [k, v.score])));
    for (const s of run.report.students) {
      assert.equal(s.status, 'graded', `${s.student}: ${s.error}`);
      for (const id of students[s.student].fails ?? [])
        assert.equal(s.checks.find((c) => c.id === id)?.passed, false, `${s.student} should fail ${id}`);
      assertGolden(feedbackMarkdown(run.report, s), `test/golden/grade/feedback/${exercise}/${s.student}.md`);
    }
    assertGolden(gradesCsv(run.report), `test/golden/grade/csv/${exercise}.csv`);
  });
}

test('service-basics: the feedback of a wrong selector names kube-proxy rejecting and the hops', () => {
  const r = reports.get('service-basics');
  if (!r) return assert.fail('service-basics was not graded');
  const s = r.students.find((x) => x.student === 'wrong-selector');
  const byName = s?.checks.find((c) => c.id === 'by-name');
  assert.equal(byName?.observed, 'no-endpoints');
  assert.ok((byName?.hops.length ?? 0) >= 2);
  const malformed = r.students.find((x) => x.student === 'malformed');
  assert.ok(
    malformed?.notes.some((n) => /^service\.yaml:\d+:\d+: error parsing service\.yaml: /.test(n)),
    malformed?.notes.join('\n'),
  );
});

test('podlab grade --json --jobs 1 gives the same report as two workers, and writes the files', async () => {
  const before = reports.get('sidecar-localhost');
  if (!before) return assert.fail('sidecar-localhost was not graded');
  await withTempDir(async (dir) => {
    const io = captureIO();
    const code = await main(
      [
        'grade',
        'lessons/exercises/sidecar-localhost.md',
        'test/fixtures/submissions/sidecar-localhost',
        '--out',
        dir,
        '--jobs',
        '1',
        '--json',
      ],
      io,
    );
    assert.equal(code, 0, io.stderr);
    assert.equal(io.stdout, gradesJson(before));
    assert.equal(await readFile(path.join(dir, 'grades.json'), 'utf8'), io.stdout);
    assert.equal(await readFile(path.join(dir, 'grades.csv'), 'utf8'), gradesCsv(before));
    assert.equal(
      await readFile(path.join(dir, 'feedback', 'two-pods.md'), 'utf8'),
      feedbackMarkdown(before, before.students.find((s) => s.student === 'two-pods') ?? before.students[0]),
    );
    assert.match(await readFile(path.join(dir, 'junit.xml'), 'utf8'), /<testsuite name="two-pods" tests="7" failures="3"/);
  });
});
