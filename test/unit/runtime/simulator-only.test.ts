// `[simulator]` checks: evaluated on the simulator, reported as skipped (neither passed nor failed) elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Backend, Probe } from '../../../src/core/backend.ts';
import { evaluateCell } from '../../../src/core/check/evaluate.ts';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { summarize } from '../../../src/core/runtime/kernel.ts';
import type { CellOutcome } from '../../../src/core/runtime/types.ts';

const LESSON = `---
id: sim-only
title: Simulator-only checks
lang: en
cluster:
  nodes:
    - { name: cp, role: control-plane }
---

# Checks

\`\`\`sh run
ping -c 1 10.0.0.5
\`\`\`

\`\`\`expect
output contains "ttl=63" [simulator]
cp -> 10.0.0.5 icmp ok [simulator]
exit 0
\`\`\`
`;

function backendNamed(name: string, calls: string[]): Backend {
  const probe = async (): Promise<Probe> => {
    calls.push('probe');
    return {
      from: { kind: 'node', name: 'cp' },
      target: { host: '10.0.0.5', protocol: 'icmp' },
      outcome: 'timeout',
      reason: 'no reply',
      hops: [],
    };
  };
  return { name, probe } as unknown as Backend;
}

test('the [simulator] modifier parses onto the expectation and nothing else', () => {
  const lesson = parseLesson(LESSON, 'sim-only.md');
  assert.deepEqual(lesson.diagnostics, []);
  assert.deepEqual(
    lesson.cells[0].expectations.map((e) => e.simulatorOnly ?? false),
    [true, true, false],
  );
});

test('on another backend a [simulator] check is skipped without probing; on the simulator it is evaluated', async () => {
  const lesson = parseLesson(LESSON, 'sim-only.md');
  const cell = lesson.cells[0];
  const transcript = { output: 'PING 10.0.0.5 ... ttl=64', exitCode: 0 };
  const calls: string[] = [];
  const onKube = await evaluateCell(cell, transcript, backendNamed('kube', calls), lesson, false);
  assert.deepEqual(calls, []);
  assert.deepEqual(
    onKube.map((c) => [c.skipped ?? false, c.passed]),
    [
      [true, true],
      [true, true],
      [false, true],
    ],
  );
  assert.match(onKube[0].reason, /simulator only: not checked on the kube backend/);
  const onSim = await evaluateCell(cell, transcript, backendNamed('simulator', calls), lesson, false);
  assert.deepEqual(calls, ['probe']);
  assert.deepEqual(
    onSim.map((c) => [c.skipped ?? false, c.passed]),
    [
      [false, false],
      [false, false],
      [false, true],
    ],
  );
  const outcome = { checks: onKube, timedOut: false } as unknown as CellOutcome;
  assert.deepEqual(summarize([outcome]), { passed: 1, failed: 0, skipped: 2, cellErrors: 0 });
});
