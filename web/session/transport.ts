// Transport: how protocol messages travel between the page and its runner (a Worker or a WebSocket).
import type { ClientMessage, ServerMessage } from '../../src/core/page.ts';

/**
 * A channel that can come back: `lost` each time it breaks and a retry is planned (what was in flight
 * is gone), `restored` when it is up again — with a runner that may have forgotten the page's session.
 */
export type LinkState = { kind: 'lost'; reason: string; attempt: number; retryInMs: number } | { kind: 'restored' };

/** A two-way channel of protocol messages; the client owns it and disposes it. */
export interface Transport {
  send(message: ClientMessage): void;
  /** Register the one receiver of runner messages. */
  onMessage(receiver: (message: ServerMessage) => void): void;
  /** Called once if the channel breaks for good (worker crashed, socket refused for good). */
  onClose(listener: (reason: string) => void): void;
  /** Channels that reconnect (the served page's socket) report losses and returns here. */
  onLink?(listener: (state: LinkState) => void): void;
  dispose(): void;
}

/** Narrow runner JSON enough to route it: an object with a string `type`. */
export function isServerMessage(value: unknown): value is ServerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
