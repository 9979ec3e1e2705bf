// A cell's run state: INITIAL → PENDING → COMPLETE | ERROR, re-runs abort the older request, only the newest run completes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellOutcome } from '../../../src/core/runtime/types.ts';
import { CellRun } from '../../../web/state/cell-run.ts';

function outcome(output: string, error?: string): CellOutcome {
  return {
    cellId: 'c',
    section: '1',
    kind: 'run',
    input: 'ls',
    output,
    exitCode: 0,
    durationMs: 1,
    timedOut: false,
    truncated: false,
    checks: [],
    error,
  };
}

test('a run goes INITIAL → PENDING → COMPLETE with its output', () => {
  const r = new CellRun('c');
  let changes = 0;
  r.subscribe(() => changes++);
  assert.equal(r.status, 'initial');
  const signal = r.begin();
  assert.equal(r.status, 'pending');
  r.started();
  r.append('a\n');
  assert.equal(r.output, 'a\n');
  r.finish(outcome('a\nb\n'));
  assert.equal(r.status, 'complete');
  assert.equal(r.output, 'a\nb\n');
  assert.equal(signal.aborted, false);
  assert.equal(changes, 4, 'begin, started, append, finish');
});

test('a re-run aborts the older request; the cell stays pending until the newest run ends', () => {
  const r = new CellRun('c');
  const first = r.begin();
  const second = r.begin();
  assert.equal(first.aborted, true);
  assert.equal(second.aborted, false);
  r.started();
  r.finish(outcome('old'));
  assert.equal(r.status, 'pending', 'the newer run is still queued');
  r.started();
  assert.equal(r.output, '', 'a new run starts with a clean transcript');
  r.finish(outcome('new'));
  assert.equal(r.status, 'complete');
  assert.equal(r.output, 'new');
});

test('a failed request or a cell error ends in ERROR; clear goes back to INITIAL and aborts', () => {
  const r = new CellRun('c');
  r.begin();
  r.fail('connection lost');
  assert.equal(r.status, 'error');
  assert.equal(r.error, 'connection lost');
  r.begin();
  r.finish(outcome('', 'backend died'));
  assert.equal(r.status, 'error');
  const s = r.begin();
  r.clear();
  assert.equal(s.aborted, true);
  assert.equal(r.status, 'initial');
  assert.equal(r.outcome, undefined);
});
