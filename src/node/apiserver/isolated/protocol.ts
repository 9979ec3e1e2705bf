// Messages between the isolated apiserver's front (the HTTP/WebSocket process) and its world process.
import type { ApiStatus, HostRef, KObject, WatchEvent } from '../../../core/sim/index.ts';

/** How the world process builds its world: the lesson, and what `startLessonWorld` is given. */
export interface WorldSpec {
  source: string;
  file: string;
  seed?: number;
  after?: string;
  /** Wall-clock instant the preparation ends at (fixed once, so every rebuild gives the same world). */
  endAt?: number;
}

/** One HTTP request as the world process handles it (the body already read by the front). */
export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/**
 * What changed the world, in the order it happened: the front keeps these and replays them into a fresh world
 * process after a stop (the simulator is deterministic: same lesson, seed and journal, same world).
 */
export type JournalEntry =
  | { type: 'advance'; ms: number }
  | { type: 'http'; call: HttpCall }
  | { type: 'exec'; host: HostRef; argv: string[]; stdin: string; tty: boolean }
  /** An interactive shell (`kubectl exec -it … sh`): opened, each line it ran, closed; `id` tells shells apart. */
  | { type: 'tty-open'; id: number; host: HostRef; program: string }
  | { type: 'tty-line'; id: number; line: string }
  | { type: 'tty-close'; id: number };

export interface WorldInit {
  spec: WorldSpec;
  journal: JournalEntry[];
  /** Simulated ms per wall ms (0: the clock stands still). */
  timeScale: number;
  /** The clock's anchor: simulated `simAt` was wall `wallAt` (set by the first world process; later ones keep it). */
  anchor?: { wallAt: number; simAt: number };
}

/** What the front asks for; `seq` pairs a request with its replies. */
export type ToWorld =
  | { type: 'ping' }
  | { type: 'http'; seq: number; call: HttpCall }
  /** The client of a streaming response (log follow) went away. */
  | { type: 'http-close'; seq: number }
  | { type: 'exec-check'; seq: number; namespace?: string; pod: string; container: string | null; argv: string[] }
  | { type: 'exec-run'; seq: number; host: HostRef; argv: string[]; stdin: string; tty: boolean }
  | { type: 'tty-open'; seq: number; host: HostRef; program: string }
  | { type: 'tty-input'; seq: number; data: Uint8Array }
  | { type: 'tty-hangup'; seq: number };

/** The answer of exec-check: refuse the upgrade, or accept it (with the runtime's failure when the program is missing). */
export type ExecCheck = { ok: false; status: ApiStatus; plain: boolean } | { ok: true; host: HostRef; missing?: Record<string, unknown> };

export type FromWorld =
  | {
      type: 'ready';
      version: number;
      objects: KObject[];
      now: number;
      serverVersion: string;
      anchor: { wallAt: number; simAt: number };
      /** The cells run to prepare the world (`after`), and those that failed. */
      prepared: { cells: number; failed: string[] };
    }
  | { type: 'pong' }
  | { type: 'event'; event: WatchEvent; now: number }
  | { type: 'clock'; now: number }
  | { type: 'journal'; entry: JournalEntry }
  /** The request began to run (a stop while it runs fails it; one that never began is sent to the next world). */
  | { type: 'start'; seq: number }
  | { type: 'head'; seq: number; code: number; headers: Record<string, string | string[]> }
  | { type: 'chunk'; seq: number; data: Uint8Array }
  | { type: 'end'; seq: number }
  | { type: 'reply'; seq: number; value: unknown }
  | { type: 'tty-out'; seq: number; text: string }
  | { type: 'tty-exit'; seq: number; status: number };
