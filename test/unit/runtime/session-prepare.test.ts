// Session.prepare: a lesson's cluster booted before the page asks for it, adopted by the first fresh open of the
// same lesson (the static page's Worker does this at page load) and never by an open it would not match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lesson } from '../../../src/core/lesson/model.ts';
import type { ClientMessage, ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { Session } from '../../../src/core/runtime/session.ts';
import { SimBackend } from '../../../src/core/sim/sim-backend.ts';
import { fakeLesson } from '../web/helpers.ts';

type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

/** A Session over the simulator that counts the backends it makes and the ones it stops. */
function session(lessons: Lesson[]) {
  const replies: ServerMessage[] = [];
  const made: SimBackend[] = [];
  const stopped: SimBackend[] = [];
  const s = new Session(
    't',
    {
      lesson: (id, lang) => lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang)),
      backend: () => {
        const b = new SimBackend();
        const stop = b.stop.bind(b);
        b.stop = async () => {
          stopped.push(b);
          await stop();
        };
        made.push(b);
        return b;
      },
    },
    (m) => replies.push(m),
  );
  let id = 0;
  const ask = async (m: Request): Promise<ServerMessage> => {
    const mine = ++id;
    await s.handle({ ...m, id: mine } as ClientMessage);
    const reply = replies.find((r) => r.type !== 'event' && r.id === mine);
    assert.ok(reply, `a reply to ${m.type}`);
    return reply;
  };
  return { s, ask, made, stopped };
}

async function firstOutcome(ask: (m: Request) => Promise<ServerMessage>, lesson: Lesson): Promise<string> {
  const cell = lesson.cells.find((c) => !c.hidden && c.kind === 'run');
  assert.ok(cell);
  const reply = await ask({ type: 'run-cell', cellId: cell.id });
  assert.equal(reply.type, 'cell-outcome', JSON.stringify(reply));
  return JSON.stringify((reply as Extract<ServerMessage, { type: 'cell-outcome' }>).outcome);
}

test('a prepared lesson is adopted by its open: one backend, and the same outcomes as an open without it', async () => {
  const lesson = fakeLesson();
  const warm = session([lesson]);
  await warm.s.prepare(lesson.id, lesson.lang);
  assert.equal(warm.made.length, 1, 'prepare boots a backend');
  const opened = await warm.ask({ type: 'open', lessonId: lesson.id, lang: lesson.lang });
  assert.equal(opened.type, 'opened');
  assert.equal(warm.made.length, 1, 'the open adopts it instead of booting another');
  assert.deepEqual(warm.stopped, []);

  const cold = session([lesson]);
  await cold.ask({ type: 'open', lessonId: lesson.id, lang: lesson.lang });
  assert.equal(await firstOutcome(warm.ask, lesson), await firstOutcome(cold.ask, lesson));
  await warm.s.dispose();
  await cold.s.dispose();
});

test('an open the prepared kernel does not match (another language, a seed) builds its own and stops the prepared one', async () => {
  const en = fakeLesson();
  const de: Lesson = { ...en, lang: 'de' };
  for (const open of [
    { type: 'open', lessonId: en.id, lang: 'de' },
    { type: 'open', lessonId: en.id, lang: 'en', seed: 7 },
  ] as const) {
    const { s, ask, made, stopped } = session([en, de]);
    await s.prepare(en.id, 'en');
    assert.equal((await ask(open)).type, 'opened');
    assert.equal(made.length, 2, `${JSON.stringify(open)}: a backend of its own`);
    assert.deepEqual(stopped, [made[0]], 'the prepared one is stopped');
    await s.dispose();
  }
});

test('prepare after an open, or of an unknown lesson, does nothing; a session disposed unopened stops what it prepared', async () => {
  const lesson = fakeLesson();
  const a = session([lesson]);
  await a.ask({ type: 'open', lessonId: lesson.id, lang: lesson.lang });
  await a.s.prepare(lesson.id, lesson.lang);
  await a.s.prepare('nope');
  assert.equal(a.made.length, 1);
  await a.s.dispose();

  const b = session([lesson]);
  await b.s.prepare(lesson.id, lesson.lang);
  await b.s.dispose();
  assert.deepEqual(b.stopped, b.made);
});
