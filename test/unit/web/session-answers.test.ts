// The learner's answers in the protocol: run-cell content, run-all answers, answer drafts — exercise cells only, kept across resets and resumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cell, Lesson } from '../../../src/core/lesson/model.ts';
import { cellWithAnswer, MAX_ANSWER_CHARS } from '../../../src/core/runtime/answers.ts';
import { Kernel } from '../../../src/core/runtime/kernel.ts';
import type { ClientMessage, ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { Session } from '../../../src/core/runtime/session.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { exerciseLesson } from './helpers.ts';

type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

/** A Session over the fake backend, driven request by request. */
function session(lesson: Lesson = learnerLesson(exerciseLesson())) {
  const replies: ServerMessage[] = [];
  const s = new Session('t', { lesson: () => lesson, backend: () => new FakeBackend() }, (m) => replies.push(m));
  let id = 0;
  const ask = async (m: Request): Promise<ServerMessage> => {
    const mine = ++id;
    await s.handle({ ...m, id: mine } as ClientMessage);
    const reply = replies.find((r) => r.type !== 'event' && r.id === mine);
    assert.ok(reply, `a reply to ${m.type}`);
    return reply;
  };
  return { s, ask };
}

function outcomeOf(m: ServerMessage) {
  assert.equal(m.type, 'cell-outcome', JSON.stringify(m));
  return (m as Extract<ServerMessage, { type: 'cell-outcome' }>).outcome;
}

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;

test('cellWithAnswer: a file takes the text; run lines are split as the parser does (comments, blanks, continuations)', () => {
  const lesson = exerciseLesson();
  const file = lesson.cells.find((c) => c.id === 'pod') as Cell;
  const run = lesson.cells.find((c) => c.id === 'hello') as Cell;
  assert.equal((cellWithAnswer(file, 'x: 1\n') as { content: string }).content, 'x: 1\n');
  const r = cellWithAnswer(run, '# try\necho a \\\n  b\n\nexit 0\n');
  assert.deepEqual(r.kind === 'run' ? r.lines : undefined, ['echo a b', 'exit 0']);
  assert.deepEqual({ ...r, lines: [] }, { ...run, lines: [] }, 'only the lines change');
});

test("Kernel.setOverride replaces a cell from then on, refuses unknown ids, and leaves the caller's map alone", async () => {
  const lesson = exerciseLesson();
  const given = new Map<string, Cell>();
  const kernel = new Kernel(lesson, new FakeBackend(), { overrides: given });
  kernel.setOverride(cellWithAnswer(lesson.cells[2], 'echo hello there'));
  assert.equal(given.size, 0);
  assert.throws(() => kernel.setOverride({ ...lesson.cells[2], id: 'nope' }), /no cell with id nope/);
  const o = await kernel.runCell('hello');
  assert.match(o.output, /hello there/);
  assert.equal(o.checks[0].passed, true);
});

test("run-cell content runs the learner's text; cells the author wrote refuse it", async () => {
  const { ask } = session();
  await ask({ type: 'open', lessonId: 'web-exercise' });
  assert.equal(outcomeOf(await ask({ type: 'run-cell', cellId: 'pod', content: POD('mine') })).input, POD('mine'));
  assert.match(outcomeOf(await ask({ type: 'run-cell', cellId: 'apply' })).output, /pod\/mine created/);
  const refused = await ask({ type: 'run-cell', cellId: 'apply', content: 'echo nope' });
  assert.deepEqual([refused.type, (refused as { code?: string }).code], ['error', 'usage']);
  assert.match((refused as { message: string }).message, /not an exercise cell/);
  const big = await ask({ type: 'answer', cellId: 'pod', content: 'x'.repeat(MAX_ANSWER_CHARS + 1) });
  assert.equal((big as { code?: string }).code, 'input-limit');
  const odd = await ask({ type: 'run-cell', cellId: 'pod', content: 42 as unknown as string });
  assert.equal(odd.type, 'error', 'content must be text');
});

test('the learner copy in a session: an exercise run without an answer runs the placeholder, never the solution', async () => {
  const { ask } = session();
  await ask({ type: 'open', lessonId: 'web-exercise' });
  const pod = outcomeOf(await ask({ type: 'run-cell', cellId: 'pod' }));
  assert.equal(pod.input, '# TODO: write web.yaml here\n');
  const hello = outcomeOf(await ask({ type: 'run-cell', cellId: 'hello' }));
  assert.equal(hello.input, '', 'the placeholder is a comment: nothing runs');
  assert.doesNotMatch(JSON.stringify([pod, hello]), /solution/);
  const hidden = await ask({ type: 'run-cell', cellId: 'after' });
  assert.equal(hidden.type, 'error', 'the hidden cell does not exist for the page');
});

test('answers outlive a reset and come back on a resumed open; a fresh open forgets them', async () => {
  const { ask } = session();
  await ask({ type: 'open', lessonId: 'web-exercise' });
  assert.deepEqual(await ask({ type: 'answer', cellId: 'hello', content: 'echo hello again' }), {
    type: 'answer-saved',
    id: 2,
    cellId: 'hello',
  });
  await ask({ type: 'reset' });
  assert.match(outcomeOf(await ask({ type: 'run-cell', cellId: 'hello' })).output, /hello again/);
  const resumed = await ask({ type: 'open', lessonId: 'web-exercise', resume: true });
  assert.deepEqual((resumed as { answers?: unknown }).answers, { hello: 'echo hello again' });
  const fresh = await ask({ type: 'open', lessonId: 'web-exercise' });
  assert.equal((fresh as { answers?: unknown }).answers, undefined);
  assert.equal(outcomeOf(await ask({ type: 'run-cell', cellId: 'hello' })).input, '');
});

test('run-all applies every answer first, or none when one is refused', async () => {
  const { ask } = session();
  await ask({ type: 'open', lessonId: 'web-exercise' });
  const bad = await ask({ type: 'run-all', answers: { hello: 'echo hello', apply: 'echo x' } });
  assert.equal(bad.type, 'error');
  const resumed = await ask({ type: 'open', lessonId: 'web-exercise', resume: true });
  assert.deepEqual((resumed as { answers?: unknown }).answers, {}, 'the valid answer was not kept either');
  const all = await ask({ type: 'run-all', answers: { pod: POD('mine'), hello: 'echo hello' } });
  assert.equal(all.type, 'outcomes');
  const outcomes = (all as Extract<ServerMessage, { type: 'outcomes' }>).outcomes;
  assert.deepEqual(
    outcomes.map((o) => o.cellId),
    ['pod', 'apply', 'hello'],
  );
  assert.deepEqual(
    outcomes.flatMap((o) => o.checks.map((c) => [c.id, c.passed])),
    [
      ['created', true],
      ['says-hello', true],
    ],
  );
});
