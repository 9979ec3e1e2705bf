// Test helpers for web and server tests: the fake lesson, a Session over the fake backend, an in-memory transport.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from '../../../src/core/lesson/parse.ts';
import type { Lesson } from '../../../src/core/lesson/model.ts';
import type { ClientMessage, ServerMessage } from '../../../src/core/runtime/protocol.ts';
import { Session } from '../../../src/core/runtime/session.ts';
import { REPO_ROOT } from '../../../src/node/server/bundle.ts';
import type { Transport } from '../../../web/session/transport.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';

export const FAKE_LESSON_FILE = 'test/fixtures/web/fake-lesson.en.md';
export const EXERCISE_LESSON_FILE = 'test/fixtures/web/exercise-lesson.en.md';

/** The page-test exercise as the author wrote it (solutions, hidden cell and check). */
export function exerciseLesson(): Lesson {
  return parseLesson(readFileSync(path.join(REPO_ROOT, EXERCISE_LESSON_FILE), 'utf8'), EXERCISE_LESSON_FILE);
}

/** The page-test lesson, parsed. */
export function fakeLesson(): Lesson {
  return parseLesson(readFileSync(path.join(REPO_ROOT, FAKE_LESSON_FILE), 'utf8'), FAKE_LESSON_FILE);
}

/** A Transport wired straight into a Session over the fake backend, as the Worker does. */
export function inMemoryTransport(lessons: Lesson[] = [fakeLesson()]): Transport & { session: Session; sent: ClientMessage[] } {
  let receiver: (m: ServerMessage) => void = () => undefined;
  const session = new Session(
    'mem',
    { lesson: (id, lang) => lessons.find((l) => l.id === id && (!lang || l.lang === lang)), backend: () => new FakeBackend() },
    (m) => queueMicrotask(() => receiver(structuredClone(m))),
  );
  const sent: ClientMessage[] = [];
  return {
    session,
    sent,
    send: (m) => {
      sent.push(m);
      void session.handle(structuredClone(m));
    },
    onMessage: (r) => (receiver = r),
    onClose: () => undefined,
    dispose: () => void session.dispose(),
  };
}

/** A lit controller host that only counts update requests. */
export function fakeHost(): {
  addController(): void;
  removeController(): void;
  requestUpdate(): void;
  updateComplete: Promise<boolean>;
  updates: number;
} {
  const host = {
    updates: 0,
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => void host.updates++,
    updateComplete: Promise.resolve(true),
  };
  return host;
}

/** A Map-backed Web Storage. */
export function memoryStorage(): {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
  data: Map<string, string>;
} {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}
