// What every handler of the API facade works with: the world, the watch cache, and one parsed request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject, World } from '../../core/sim/index.ts';
import type { ResourcePath } from './request-path.ts';
import type { WatchHub } from './watch-hub.ts';

/**
 * What the read handlers and discovery use of a world: reads, the store's version and the clock. A whole World is
 * one; the isolated apiserver's front answers these from its mirror of a world that runs in another process.
 */
export interface ReadWorld {
  readonly store: {
    readonly version: number;
    get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  };
  readonly clock: { now(): number };
  readonly api: Pick<World['api'], 'list' | 'get'>;
}

/** The facade's shared state for the life of the server (read-only handlers need only a ReadWorld). */
export interface Facade<W extends ReadWorld = World> {
  readonly world: W;
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
export interface ResourceCall<W extends ReadWorld = World> {
  facade: Facade<W>;
  req: IncomingMessage;
  res: ServerResponse;
  path: ResourcePath;
  query: URLSearchParams;
}
