// The clock's timer heap fires timers by due time, ties in scheduling order, as the linear scan it replaced did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Clock } from '../../../src/core/sim/clock.ts';

test('property: timers fire in (due time, scheduling order), also those scheduled while firing', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ delay: fc.integer({ min: 0, max: 50 }), spawn: fc.option(fc.integer({ min: 0, max: 30 })) }), { maxLength: 80 }),
      fc.integer({ min: 0, max: 120 }),
      (timers, span) => {
        const clock = new Clock(0);
        const fired: { at: number; id: number }[] = [];
        const expected: { at: number; seq: number; id: number }[] = [];
        let seq = 0;
        const schedule = (delay: number, id: number, spawn: number | null): void => {
          const at = clock.now() + delay;
          expected.push({ at, seq: seq++, id });
          clock.schedule(delay, () => {
            fired.push({ at: clock.now(), id });
            if (spawn !== null) schedule(spawn, id + 1000, null);
          });
        };
        timers.forEach((t, i) => schedule(t.delay, i, t.spawn));
        clock.advance(span);
        // Every timer due by the end fired once, at its time, in (time, scheduling order).
        const due = expected.filter((e) => e.at <= span).sort((a, b) => a.at - b.at || a.seq - b.seq);
        assert.deepEqual(
          fired,
          due.map((e) => ({ at: e.at, id: e.id })),
        );
        assert.equal(clock.now(), span);
        const next = expected.filter((e) => e.at > span).map((e) => e.at);
        assert.equal(clock.nextAt(), next.length ? Math.min(...next) : undefined);
      },
    ),
    { numRuns: 400 },
  );
});
