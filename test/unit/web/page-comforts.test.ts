// The page's comforts as plain logic: one live tab per lesson (TabClaim over a fake BroadcastChannel), the
// commands of a shell block to try, and the lesson score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import type { CheckResult } from '../../../src/core/check/types.ts';
import { shellLines } from '../../../web/components/shell-lines.ts';
import { CellRun } from '../../../web/state/cell-run.ts';
import { lessonScore } from '../../../web/state/lesson-score.ts';
import { TabClaim, type ClaimChannel, type TabRole } from '../../../web/state/tab-claim.ts';

/** A broadcast bus: every channel but the sender gets each message, asynchronously (as BroadcastChannel does). */
function bus(): () => ClaimChannel {
  const members = new Set<ClaimChannel>();
  return () => {
    const ch: ClaimChannel = {
      onmessage: null,
      postMessage(message) {
        for (const m of members) if (m !== ch) setTimeout(() => m.onmessage?.({ data: structuredClone(message) }), 1);
      },
      close() {
        members.delete(ch);
      },
    };
    members.add(ch);
    return ch;
  };
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

function tab(channel: () => ClaimChannel, storage = memoryStorage()) {
  const seen: [TabRole, boolean][] = [];
  const claim = new TabClaim({ key: 'l:en', waitMs: 20, channel: channel(), tabStorage: storage, onChange: (r, g) => seen.push([r, g]) });
  return { claim, seen, storage };
}

test('TabClaim: the first tab is live, a second one waits on standby; a take-over swaps them; a closed live tab is told', async () => {
  const channel = bus();
  const a = tab(channel);
  assert.equal(await a.claim.start(), 'live', 'nobody answered');
  const b = tab(channel);
  assert.equal(await b.claim.start(), 'standby', 'the live tab answered');
  assert.equal(a.claim.role, 'live', 'the first tab is untouched');

  // "Continue here" on b: marked, then (after its reload) a new TabClaim in the same tab storage claims at once.
  b.claim.markTakeOver();
  b.claim.dispose();
  const b2 = tab(channel, b.storage);
  assert.equal(await b2.claim.start(), 'live');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(a.claim.role, 'standby', 'the claim put the other tab on standby');
  assert.deepEqual(a.seen.at(-1), ['standby', false]);
  assert.equal(b.storage.getItem('podlab:take-over:l:en'), null, 'the mark is used once');

  b2.claim.dispose(); // the live tab closes
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(a.seen.at(-1), ['standby', true], 'the standby tab hears that the live one closed');
  a.claim.dispose();
});

test('shellLines: sh blocks as run cells split them, console blocks their prompt lines, other languages nothing', () => {
  assert.deepEqual(shellLines('sh', '# list\nkubectl get \\\n  nodes\n\necho hi\n'), ['kubectl get nodes', 'echo hi']);
  assert.deepEqual(shellLines('console', '$ echo a\na\n# hostname\nhenry001\n'), ['echo a', 'hostname']);
  assert.deepEqual(shellLines('yaml', 'a: b\n'), []);
  assert.deepEqual(shellLines('', 'ls\n'), []);
});

test('lessonScore: visible checks and points count once their cell ran; complete only when all passed', () => {
  const file = 'test/fixtures/web/comforts.en.md';
  const lesson = parseLesson(readFileSync(file, 'utf8'), file);
  const runs = new Map(lesson.cells.map((c) => [c.id, new CellRun(c.id)]));
  const before = lessonScore(lesson.cells, runs);
  assert.deepEqual([before.ran, before.cells, before.passed, before.checks, before.complete], [0, 1, 0, 1, false]);
  const cell = lesson.cells[0];
  const check = (passed: boolean) => ({ passed, hidden: false, points: 1 }) as unknown as CheckResult;
  const finish = (passed: boolean) => {
    const run = runs.get(cell.id) as CellRun;
    run.begin();
    run.finish({
      cellId: cell.id,
      section: cell.section,
      kind: 'run',
      input: 'echo hello',
      output: 'hello\n',
      exitCode: 0,
      durationMs: 1,
      timedOut: false,
      truncated: false,
      checks: [check(passed)],
    });
  };
  finish(false);
  const red = lessonScore(lesson.cells, runs);
  assert.deepEqual([red.ran, red.passed, red.failed, red.points, red.maxPoints, red.complete], [1, 0, 1, 0, 1, false]);
  finish(true);
  const green = lessonScore(lesson.cells, runs);
  assert.deepEqual([green.passed, green.failed, green.points, green.complete], [1, 0, 1, true]);
});
