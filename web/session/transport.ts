// Transport: how protocol messages travel between the page and its runner (a Worker or a WebSocket).
import type { ClientMessage, ServerMessage } from '../../src/core/runtime/protocol.ts';

/** A two-way channel of protocol messages; the client owns it and disposes it. */
export interface Transport {
  send(message: ClientMessage): void;
  /** Register the one receiver of runner messages. */
  onMessage(receiver: (message: ServerMessage) => void): void;
  /** Called once if the channel breaks (socket closed, worker crashed). */
  onClose(listener: (reason: string) => void): void;
  dispose(): void;
}

/** Narrow runner JSON enough to route it: an object with a string `type`. */
export function isServerMessage(value: unknown): value is ServerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
