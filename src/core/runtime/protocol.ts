// The session protocol: typed messages between a page and whoever runs its Kernel (a Web Worker or the server).
import type { ClusterView, LineResult, ShellTarget } from '../backend.ts';
import type { CellOutcome, KernelEvent, ReachMatrix, RunReport } from './types.ts';

/** Bumped on any incompatible change. */
export const PROTOCOL_VERSION = 1;

/** Page → runner. Every request carries an id that its reply echoes. */
export type ClientMessage =
  /** `resume`: if this lesson (same id, language and seed) is already open in the session, keep its state and reply with its outcomes. */
  | { type: 'open'; id: number; lessonId: string; lang?: string; seed?: number; resume?: boolean }
  /** `content`: the learner's text for an exercise cell (kept by the session for later runs, resets and resumes). */
  | { type: 'run-cell'; id: number; cellId: string; content?: string }
  /** `answers`: the learner's text for exercise cells, by cell id, applied before the run. */
  | { type: 'run-all'; id: number; untilSection?: string; answers?: Record<string, string> }
  /** Keep the learner's draft of an exercise cell in the session without running it. */
  | { type: 'answer'; id: number; cellId: string; content: string }
  | { type: 'reset'; id: number; seed?: number }
  | { type: 'terminal-open'; id: number; terminalId: string; where?: ShellTarget }
  | { type: 'terminal-line'; id: number; terminalId: string; line: string }
  | { type: 'terminal-complete'; id: number; terminalId: string; partial: string }
  | { type: 'terminal-close'; id: number; terminalId: string }
  | { type: 'view'; id: number }
  | { type: 'matrix'; id: number }
  | { type: 'report'; id: number };

/** Runner → page: replies (with the request's id) and unsolicited events. */
export type ServerMessage =
  /** `outcomes`: the cells that already ran, in lesson order, when an `open` with `resume` found the lesson open. */
  /** `answers`: the learner's texts of exercise cells the session holds, on a resumed `open`. */
  | {
      type: 'opened';
      id: number;
      sessionId: string;
      lessonId: string;
      cells: string[];
      protocol: number;
      outcomes?: CellOutcome[];
      answers?: Record<string, string>;
    }
  | { type: 'answer-saved'; id: number; cellId: string }
  | { type: 'cell-outcome'; id: number; outcome: CellOutcome }
  | { type: 'outcomes'; id: number; outcomes: CellOutcome[] }
  | { type: 'reset-done'; id: number }
  | { type: 'terminal-opened'; id: number; terminalId: string; prompt: string }
  | { type: 'terminal-result'; id: number; terminalId: string; result: LineResult; prompt: string; depth: number }
  | { type: 'terminal-completions'; id: number; terminalId: string; candidates: string[] }
  | { type: 'terminal-closed'; id: number; terminalId: string }
  | { type: 'view'; id: number; view: ClusterView }
  | { type: 'matrix'; id: number; matrix: ReachMatrix }
  | { type: 'report'; id: number; report: RunReport }
  | { type: 'event'; event: KernelEvent }
  | { type: 'error'; id: number; code: string; message: string };

/** Narrow unknown JSON to a ClientMessage (the server must not trust the page). */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.type === 'string' && typeof v.id === 'number' && CLIENT_TYPES.has(v.type);
}

const CLIENT_TYPES = new Set<string>([
  'open',
  'run-cell',
  'run-all',
  'answer',
  'reset',
  'terminal-open',
  'terminal-line',
  'terminal-complete',
  'terminal-close',
  'view',
  'matrix',
  'report',
]);

/**
 * The host-shell channel of `podlab serve --shell` (its own WebSocket, `/pty`): raw terminal bytes both ways.
 * Not handled by Session: the server bridges it to a node-pty process.
 */
export type PtyClientMessage = { type: 'input'; data: string } | { type: 'resize'; cols: number; rows: number };

/** Server → page on the host-shell channel. */
export type PtyServerMessage = { type: 'output'; data: string } | { type: 'exit'; code: number };
