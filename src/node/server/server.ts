// The podlab server: HTTP for the page, WebSocket sessions on /ws, and (with --shell) host shells on /pty.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { type Backend, PodlabError, Session } from '../../core/index.ts';
import { bundleWeb, type WebBundle } from './bundle.ts';
import { handleRequest } from './http-routes.ts';
import { learnerCatalog } from './learner-copy.ts';
import type { LessonCatalog } from './lesson-catalog.ts';
import { loadPty, servePtySocket } from './pty-socket.ts';
import { IsolatedSession, type IsolationOptions } from './isolated-session.ts';
import { clientOf, hostAllowed, originAllowed, targetOf, type HostPolicy } from './request-guard.ts';
import { SessionHub, type HubLimits, type SessionFactory } from './session-hub.ts';
import { serveSessionSocket } from './session-socket.ts';

/** Largest WebSocket message accepted from a page (a typed line, a request): 64 KiB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** The body of a 421: a request whose Host is not this server's (a DNS-rebinding page, a wrong proxy). */
const MISDIRECTED = 'podlab: this server answers only to its own names (127.0.0.1, localhost, --host, --public-url)\n';

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
  /** The URL users reach the server at through a proxy: its host is accepted as a Host, its origin as an Origin. */
  publicUrl?: string;
  /**
   * Run each session in its own worker process (a watchdog per message, a heap limit): one runaway line stops
   * that session only. Without it sessions run in this process on `createBackend` (real-cluster backends, whose
   * work happens in child processes and whose clean-up must run on this process's signals; tests).
   */
  isolation?: IsolationOptions;
}

export interface PodlabServer {
  url: string;
  port: number;
  hub: SessionHub;
  /** Close sockets, dispose sessions, stop listening. */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<PodlabServer> {
  // Served pages talk to the server's sessions: they need app.js only.
  const bundle = options.bundle ?? (await bundleWeb({ entries: ['app'] }));
  const spawn = options.shell ? await loadPty() : undefined;
  // Pages and their sessions only ever see the learner's copy: no reference solutions, no hidden checks.
  const catalog = learnerCatalog(options.catalog);
  const kernelOptions = options.cellTimeoutMs === undefined ? undefined : { cellTimeoutMs: options.cellTimeoutMs };
  const isolation = options.isolation;
  const lessonTexts = catalog.lessons.map((l) => ({ id: l.id, lang: l.lang, file: l.file, source: l.source }));
  const factory: SessionFactory = isolation
    ? (id, send) => new IsolatedSession(id, lessonTexts, { ...isolation, kernelOptions }, send)
    : (id, send) =>
        new Session(id, { lesson: (lessonId, lang) => catalog.find(lessonId, lang), backend: options.createBackend, kernelOptions }, send);
  const hub = new SessionHub(factory, options.limits);
  const policy: HostPolicy = { bindHost: options.host, publicUrl: options.publicUrl };
  const ctx = { catalog, bundle, shell: Boolean(spawn), backend: options.backendName };
  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, policy)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(MISDIRECTED);
      return;
    }
    handleRequest(ctx, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = targetOf(req.url);
    if (!hostAllowed(req.headers.host, policy)) {
      socket.end(`HTTP/1.1 421 Misdirected Request\r\ncontent-type: text/plain; charset=utf-8\r\n\r\n${MISDIRECTED}`);
      return;
    }
    const known = url?.pathname === '/ws' || (url?.pathname === '/pty' && spawn !== undefined);
    if (!url || !known || !originAllowed(req, policy)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname === '/pty' && spawn) servePtySocket(ws, spawn, process.cwd());
      else serveSessionSocket(ws, hub, url.searchParams.get('resume') ?? undefined, clientOf(req, options.publicUrl !== undefined));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new PodlabError('usage', e.code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is in use (try --port)` : e.message, {
          cause: e,
        }),
      ),
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
