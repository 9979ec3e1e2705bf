// Scoring: points per check, cells that did not finish, checks that never ran, submissions that could not run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedSubmission, gradeStudent, TRANSCRIPT_TAIL, transcriptTail } from '../../../src/core/grade/score.ts';
import { COLUMNS, outcome, result } from './fixtures.ts';

test('a passed check earns its points, a failed one none', () => {
  const g = gradeStudent('ana', COLUMNS, [
    outcome('apply', [result('applied', 'apply', true)]),
    outcome('probe', [result('by-ip', 'probe', true), result('by-dns', 'probe', false)]),
  ]);
  assert.equal(g.status, 'graded');
  assert.deepEqual(
    g.checks.map((c) => [c.id, c.points, c.max]),
    [
      ['applied', 1, 1],
      ['by-ip', 2, 2],
      ['by-dns', 0, 3],
    ],
  );
  assert.equal(g.score, 3);
  assert.equal(g.max, 6);
  assert.equal(g.checks[1].hidden, false);
  assert.equal(g.checks[2].hidden, true, 'hidden comes from the column, i.e. the exercise');
  assert.deepEqual(g.checks[2].hops, [{ at: 'pod/default/busybox', action: 'route default via 169.254.1.1 dev eth0' }]);
});

test('points come from the exercise columns, not from what the results claim', () => {
  const g = gradeStudent('ana', COLUMNS, [outcome('probe', [result('by-dns', 'probe', true, { points: 100 })])]);
  assert.equal(g.score, 3);
});

test('checks of a cell that timed out fail even if they saw success, and the student is told why', () => {
  const g = gradeStudent('bo', COLUMNS, [
    outcome('apply', [result('applied', 'apply', true)], { timedOut: true }),
    outcome('probe', [result('by-ip', 'probe', true), result('by-dns', 'probe', true)]),
  ]);
  assert.equal(g.checks[0].passed, false);
  assert.match(g.checks[0].reason, /cell apply was stopped: it ran past its time budget.*count as failed/);
  assert.equal(g.score, 5);
  assert.ok(g.notes.some((n) => n.includes('cell apply was stopped')));
});

test('a check whose cell never ran or errored fails with the cell as the reason', () => {
  const g = gradeStudent('cy', COLUMNS, [outcome('apply', [], { error: 'backend died' })]);
  assert.deepEqual(
    g.checks.map((c) => c.passed),
    [false, false, false],
  );
  assert.equal(g.checks[0].reason, 'cell apply could not run: backend died');
  assert.equal(g.checks[1].reason, 'not checked: cell probe did not run');
  assert.equal(g.checks[1].observed, 'not checked');
  assert.equal(g.score, 0);
});

test('a failed submission scores 0 with its error on every check', () => {
  const g = failedSubmission('dee', COLUMNS, 'service.yaml is 52428800 bytes', ['note']);
  assert.equal(g.status, 'failed');
  assert.equal(g.score, 0);
  assert.equal(g.max, 6);
  assert.ok(g.checks.every((c) => !c.passed && c.reason === 'not checked: service.yaml is 52428800 bytes'));
  assert.deepEqual(g.notes, ['note']);
});

test('a failed output check carries the end of its cell transcript; reach checks and passes do not', () => {
  const long = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const g = gradeStudent('eve', COLUMNS, [
    outcome('apply', [result('applied', 'apply', false, { kind: 'output' })], { output: long }),
    outcome('probe', [result('by-ip', 'probe', false), result('by-dns', 'probe', true)], { output: 'x\n' }),
  ]);
  const t = g.checks[0].transcript ?? '';
  assert.ok(t.startsWith('…\nline 20\n') && t.endsWith('line 49'), t);
  assert.equal(t.split('\n').length, 1 + TRANSCRIPT_TAIL.lines);
  assert.equal(g.checks[1].transcript, undefined);
  assert.equal(g.checks[2].transcript, undefined);
  assert.equal(transcriptTail('short\n'), 'short');
  assert.ok(transcriptTail('y'.repeat(5000)).length <= TRANSCRIPT_TAIL.chars + 2);
});
