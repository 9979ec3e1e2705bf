// What every handler of the API facade works with: the world, the watch cache, and one parsed request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { World } from '../../core/sim/index.ts';
import type { ResourcePath } from './request-path.ts';
import type { WatchHub } from './watch-hub.ts';

/** The facade's shared state for the life of the server. */
export interface Facade {
  readonly world: World;
  readonly hub: WatchHub;
  /** `v1.32.0`: what /version reports. */
  readonly serverVersion: string;
  /** `127.0.0.1:PORT`: what /api advertises. */
  serverAddress(): string;
  /** Let controllers react to a write (a real cluster reconciles within milliseconds). */
  afterWrite(): void;
  /** Register a long-running stream (watch, follow) to end at shutdown; returns the unregister function. */
  track(close: () => void): () => void;
}

/** One request for a resource. */
export interface ResourceCall {
  facade: Facade;
  req: IncomingMessage;
  res: ServerResponse;
  path: ResourcePath;
  query: URLSearchParams;
}
