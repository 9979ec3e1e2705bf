// The podlab server: HTTP for the page, WebSocket sessions on /ws, and (with --shell) host shells on /pty.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { type Backend, PodlabError } from '../../core/index.ts';
import { bundleWeb, type WebBundle } from './bundle.ts';
import { handleRequest } from './http-routes.ts';
import { learnerCatalog } from './learner-copy.ts';
import type { LessonCatalog } from './lesson-catalog.ts';
import { loadPty, servePtySocket } from './pty-socket.ts';
import { SessionHub, type HubLimits } from './session-hub.ts';
import { serveSessionSocket } from './session-socket.ts';

/** Largest WebSocket message accepted from a page (a typed line, a request): 64 KiB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface ServeOptions {
  catalog: LessonCatalog;
  host: string;
  /** 0 picks a free port. */
  port: number;
  backendName: string;
  createBackend(): Backend;
  cellTimeoutMs?: number;
  /** Offer a node-pty host shell on /pty. */
  shell?: boolean;
  /** A bundle made earlier (tests share one); made now when absent. */
  bundle?: WebBundle;
  limits?: Partial<HubLimits>;
}

export interface PodlabServer {
  url: string;
  port: number;
  hub: SessionHub;
  /** Close sockets, dispose sessions, stop listening. */
  close(): Promise<void>;
}

/** The origin a browser page of this server has; a WebSocket from any other origin is refused (no cross-site use of sessions or shells). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser (tests, tools): nothing to protect against
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export async function startServer(options: ServeOptions): Promise<PodlabServer> {
  // Served pages talk to the server's sessions: they need app.js only.
  const bundle = options.bundle ?? (await bundleWeb({ entries: ['app'] }));
  const spawn = options.shell ? await loadPty() : undefined;
  // Pages and their sessions only ever see the learner's copy: no reference solutions, no hidden checks.
  const catalog = learnerCatalog(options.catalog);
  const hub = new SessionHub(
    {
      lesson: (id, lang) => catalog.find(id, lang),
      backend: options.createBackend,
      kernelOptions: options.cellTimeoutMs === undefined ? undefined : { cellTimeoutMs: options.cellTimeoutMs },
    },
    options.limits,
  );
  const ctx = { catalog, bundle, shell: Boolean(spawn), backend: options.backendName };
  const server: Server = createServer((req, res) => handleRequest(ctx, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const known = url.pathname === '/ws' || (url.pathname === '/pty' && spawn !== undefined);
    if (!known || !sameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname === '/pty' && spawn) servePtySocket(ws, spawn, process.cwd());
      else serveSessionSocket(ws, hub, url.searchParams.get('resume') ?? undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new PodlabError('usage', e.code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is in use (try --port)` : e.message, { cause: e })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostPart}:${port}/`,
    port,
    hub,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await hub.dispose();
    },
  };
}
