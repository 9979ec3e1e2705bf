// A page that loses its runner: backoff delays, requests in flight fail at once, and the lesson is opened again when the link is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientMessage, ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../web/session/backoff.ts';
import { SessionClient, SessionError } from '../../../web/session/session-client.ts';
import type { LinkState, Transport } from '../../../web/session/transport.ts';
import { LessonSession } from '../../../web/state/lesson-session.ts';
import { ProgressStore } from '../../../web/state/progress-store.ts';
import { fakeHost, fakeLesson, inMemoryTransport, memoryStorage } from './helpers.ts';

test('backoff: doubles from 0.5 s to at most 10 s, spread by ±20%', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, 0.5)),
    [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000],
  );
  assert.equal(backoffDelay(1, 0), 400);
  assert.equal(backoffDelay(6, 0.999_999), Math.round(10_000 * (1 + DEFAULT_BACKOFF.jitter * (2 * 0.999_999 - 1))));
});

/** The in-memory runner behind a link the test can cut and restore; while cut, nothing gets through. */
function cuttable() {
  const inner = inMemoryTransport();
  let link: (s: LinkState) => void = () => undefined;
  let up = true;
  let receiver: (m: ServerMessage) => void = () => undefined;
  inner.onMessage((m) => (up ? receiver(m) : undefined));
  const transport: Transport & { sent: ClientMessage[] } = {
    sent: inner.sent,
    send: (m) => (up ? inner.send(m) : undefined),
    onMessage: (r) => (receiver = r),
    onClose: () => undefined,
    onLink: (l) => (link = l),
    dispose: () => inner.dispose(),
  };
  return {
    transport,
    cut: () => {
      up = false;
      link({ kind: 'lost', reason: 'server gone', attempt: 1, retryInMs: 500 });
    },
    restore: () => {
      up = true;
      link({ kind: 'restored' });
    },
  };
}

test('a lost link fails requests in flight and new ones at once; restored, the page opens the lesson again and replays', async () => {
  const { transport, cut, restore } = cuttable();
  const client = new SessionClient(transport);
  const storage = memoryStorage();
  const session = new LessonSession(fakeHost(), { client, lesson: fakeLesson(), progress: new ProgressStore(storage), resume: true });
  await session.open();
  await session.runCell(session.cells()[1].id);

  const inFlight = client.request({ type: 'view' }, 'view');
  cut();
  await assert.rejects(inFlight, (e: unknown) => e instanceof SessionError && e.code === 'disconnected');
  await assert.rejects(client.request({ type: 'view' }, 'view'), /server gone/);
  assert.equal(session.status, 'reconnecting');
  assert.deepEqual(session.link && [session.link.attempt, session.link.retryInMs], [1, 500]);

  const opens = transport.sent.filter((m) => m.type === 'open').length;
  restore();
  assert.equal(session.reconnected, true);
  const status = (): string => session.status;
  for (let i = 0; i < 100 && (status() !== 'ready' || session.busy > 0); i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(session.status, 'ready');
  const again = transport.sent.filter((m) => m.type === 'open');
  assert.equal(again.length, opens + 1);
  assert.equal((again.at(-1) as { resume?: boolean }).resume, true, 'it asks to resume the session first');
  assert.deepEqual(
    [...session.runs.values()].map((r) => r.status),
    ['complete', 'complete', 'initial', 'initial'],
    'the session was kept: its outcomes came back',
  );
  client.dispose();
});
