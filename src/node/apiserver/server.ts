// The API facade: a node:http server on loopback that speaks the Kubernetes API over a simulated world,
// for the real kubectl and @kubernetes/client-node.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { PodlabError, RESOURCES } from '../../core/index.ts';
import { internalError, serverVersion, type World } from '../../core/sim/index.ts';
import { startClockDriver } from './clock-driver.ts';
import type { Facade } from './context.ts';
import { EXEC_PROTOCOLS } from './exec/channels.ts';
import { handleExecUpgrade, refuseUpgrade } from './exec/exec-upgrade.ts';
import { sendStatus, statusOf, unsupportedWrite } from './http-util.ts';
import { hostAllowed, originAllowed, type HostPolicy } from '../server/request-guard.ts';
import type { IncomingMessage } from 'node:http';
import type { ApiStatus } from '../../core/sim/index.ts';
import { parseResourcePath, requestTarget, unparsableTarget, UNPARSABLE_REPLY } from './request-path.ts';
import { route } from './routes.ts';
import { WatchHub } from './watch-hub.ts';

export interface ApiServerOptions {
  world: World;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Simulated ms per wall ms; 0 freezes the clock (tests that compare outputs). Default 1. */
  timeScale?: number;
  /** One line per request, for `--verbose`. */
  log?: (line: string) => void;
}

export interface ApiServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  readonly world: World;
  /** Stop serving: end watches and exec sessions, stop the clock. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A loopback apiserver without authentication must not be usable from web pages: a page under a rebinding name
 * (Host not ours) or of another origin (a cross-site form, fetch or WebSocket) is refused, as a real apiserver's
 * authentication would refuse it. Clients that are not browsers send no Origin and pass.
 */
export function browserGuard(req: IncomingMessage, policy: HostPolicy): ApiStatus | undefined {
  if (!hostAllowed(req.headers.host, policy)) {
    return statusOf(
      421,
      'MisdirectedRequest',
      `this server answers only to loopback names, not "${String(req.headers.host).slice(0, 100)}"`,
    );
  }
  if (!originAllowed(req, policy)) {
    return statusOf(
      403,
      'Forbidden',
      `forbidden: requests from pages of another origin (${String(req.headers.origin).slice(0, 100)}) are refused`,
    );
  }
  return undefined;
}

/** The facade over a world: its watch cache, and the streams (watches, follows) to end at shutdown. */
export function worldFacade(world: World, serverAddress: () => string): { facade: Facade; hub: WatchHub; closeStreams(): void } {
  const hub = new WatchHub(
    world.store,
    RESOURCES.map((t) => t.kind),
  );
  const streams = new Set<() => void>();
  const facade: Facade = {
    world,
    hub,
    serverVersion: serverVersion(world.cluster),
    serverAddress,
    afterWrite: () => world.control.settle(),
    track: (close) => {
      streams.add(close);
      return () => streams.delete(close);
    },
  };
  return { facade, hub, closeStreams: () => [...streams].forEach((close) => close()) };
}

/** Start the facade; resolves once it listens. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { world } = options;
  const host = options.host ?? '127.0.0.1';
  let address = '';
  const { facade, hub, closeStreams } = worldFacade(world, () => address);
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  const policy: HostPolicy = { bindHost: host };
  const server: Server = createServer((req, res) => {
    options.log?.(`${req.method} ${req.url}`);
    if (unparsableTarget(req.url)) return void req.socket.end(UNPARSABLE_REPLY);
    const refused = browserGuard(req, policy) ?? unsupportedWrite(req);
    if (refused) return sendStatus(res, refused);
    route(facade, req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      options.log?.(`error: ${message}`);
      if (!res.headersSent) sendStatus(res, internalError(message));
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    options.log?.(`${req.method} ${req.url} (upgrade)`);
    if (unparsableTarget(req.url)) return void socket.end(UNPARSABLE_REPLY);
    const refused = browserGuard(req, policy);
    if (refused) return refuseUpgrade(socket, refused);
    const url = requestTarget(req.url);
    const parsed = parseResourcePath(url.pathname);
    if (parsed.kind !== 'resource' || parsed.path.type.kind !== 'Pod' || parsed.path.subresource !== 'exec') {
      return refuseUpgrade(socket, statusOf(400, 'BadRequest', 'only pods/exec can be upgraded'));
    }
    try {
      handleExecUpgrade(facade, wss, req, socket, head, parsed.path, url.query);
    } catch (e: unknown) {
      refuseUpgrade(socket, internalError(e instanceof Error ? e.message : String(e)));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new PodlabError('usage', e.code === 'EADDRINUSE' ? `port ${options.port} is in use` : `cannot listen: ${e.message}`, { cause: e }),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host === '::1' ? '[::1]' : host}:${port}`;
  const clock = startClockDriver(world, options.timeScale ?? 1);
  let closed = false;
  return {
    url: `http://${address}`,
    port,
    world,
    async close() {
      if (closed) return;
      closed = true;
      clock.stop();
      closeStreams();
      for (const ws of wss.clients) ws.terminate();
      hub.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
