// Messages between the server and a session worker process (session-worker.ts): one learner's session in a process
// of its own (`podlab serve`, `podlab lab --sessions process`), or many learners' sessions in one host process of a
// lab's pool (`podlab lab`, src/node/lab/session-pool.ts), told apart by `sid`.
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
  /** The id of the session a message without `sid` goes to (the one session of a per-learner process). */
  sessionId: string;
  lessons: LessonText[];
  /** A backend name from the backend table (src/node/backends). */
  backend: string;
  /** Instead of the table: a module URL exporting `createBackend(): Backend` (tests use their own). */
  backendModule?: string;
  kernelOptions?: KernelOptions;
}

/** A session in a shared host: `sid` keys it in the host, `id` is the session id its replies carry (made on first use). */
export interface HostedSession {
  sid: string;
  id: string;
}

/**
 * `seq` numbers the server's messages to one process (page ids may repeat; these do not). The process runs them one
 * at a time, in order, whichever session they are for: the one running when the watchdog fires is the one to blame.
 * A `dispose` with `session` frees that session only; without, every session (the process is about to end).
 */
export type ToSessionWorker =
  { type: 'message'; seq: number; message: ClientMessage; session?: HostedSession } | { type: 'dispose'; session?: HostedSession };

export type FromSessionWorker =
  | { type: 'ready' }
  | { type: 'start'; seq: number }
  | { type: 'end'; seq: number }
  | { type: 'out'; message: ServerMessage; sid?: string }
  | { type: 'disposed'; sid?: string };
