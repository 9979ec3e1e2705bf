// Messages between an isolated session (the server) and its worker process (session-worker.ts).
import type { ClientMessage, KernelOptions, ServerMessage } from '../../core/index.ts';

/** A lesson as the worker gets it: the learner's copy as text, parsed in the worker. */
export interface LessonText {
  id: string;
  lang: string;
  file: string;
  source: string;
}

/** workerData of a session worker. */
export interface SessionWorkerInit {
  sessionId: string;
  lessons: LessonText[];
  /** A backend name from the backend table (src/node/backends). */
  backend: string;
  /** Instead of the table: a module URL exporting `createBackend(): Backend` (tests use their own). */
  backendModule?: string;
  kernelOptions?: KernelOptions;
}

/** `seq` numbers the server's messages (page ids may repeat; these do not). */
export type ToSessionWorker = { type: 'message'; seq: number; message: ClientMessage } | { type: 'dispose' };

export type FromSessionWorker =
  | { type: 'ready' }
  | { type: 'start'; seq: number }
  | { type: 'end'; seq: number }
  | { type: 'out'; message: ServerMessage }
  | { type: 'disposed' };
