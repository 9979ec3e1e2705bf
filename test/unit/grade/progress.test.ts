// The progress line: redrawn in place, throttled, always drawn for the last submission, names made inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from '../../../src/node/grade/progress.ts';

test('progress draws a bar, count and rate, skips redraws within 100 ms, and always draws the end', () => {
  let now = 0;
  const out: string[] = [];
  const p = createProgress({ write: (t) => out.push(t) }, 4, () => now);
  now = 1000;
  p.tick('amy', true);
  now = 1050;
  p.tick('bob', false);
  now = 1060;
  p.tick('cy', true);
  now = 2000;
  p.tick('dee\x1b[2J', true);
  p.done();
  assert.deepEqual(out, [
    '\r\x1b[K[######..................] 1/4  1.0/s  amy',
    '\r\x1b[K[########################] 4/4  2.0/s  1 not graded  dee?[2J',
    '\r\x1b[K',
  ]);
});
