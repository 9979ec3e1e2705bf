// `podlab apiserver` with its world in a child process. This process (the front) keeps the HTTP/WebSocket server:
// it answers /healthz, /version, discovery and OpenAPI itself, reads and watches from its mirror of the world's
// objects, and forwards writes, logs and exec to the world process. A watchdog pings the world process; when its
// event loop does not answer within the budget (a line that runs too long), or the process dies (heap limit, crash),
// the front kills it, answers what was running with a Status "stopped: …", and starts a new world process that
// replays the journal of everything that changed the world before (lesson + seed + ordered writes + clock).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PodlabError, RESOURCES } from '../../../core/index.ts';
import type { ApiStatus, HostRef } from '../../../core/sim/index.ts';
import { workerEntry } from '../../bundle/worker-entry.ts';
import { ChildWorker } from '../../child-worker.ts';
import type { HostPolicy } from '../../server/request-guard.ts';
import type { Facade, ReadWorld } from '../context.ts';
import { ChannelSocket, EXEC_PROTOCOLS, exitStatus, STDERR, STDOUT } from '../exec/channels.ts';
import { interactiveShell, refuseUpgrade } from '../exec/exec-upgrade.ts';
import { crlf } from '../exec/tty-session.ts';
import { readBody, sendStatus, statusOf, unsupportedWrite } from '../http-util.ts';
import { parseResourcePath, requestTarget, unparsableTarget, UNPARSABLE_REPLY } from '../request-path.ts';
import { routeRead } from '../routes.ts';
import { browserGuard } from '../server.ts';
import { WatchHub } from '../watch-hub.ts';
import { MirrorStore, mirrorWorld, storedNamespace } from './mirror.ts';
import type { ExecCheck, FromWorld, HttpCall, JournalEntry, ToWorld, WorldInit, WorldSpec } from './protocol.ts';

export interface IsolatedApiServerOptions {
  spec: WorldSpec;
  /** 0 picks a free port. */
  port?: number;
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Simulated ms per wall ms; 0 freezes the clock. Default 1. */
  timeScale?: number;
  log?: (line: string) => void;
  /** How long the world process's event loop may stay busy (one request, one line) before it is stopped; default 15 s. */
  budgetMs?: number;
  /** Old-generation heap limit of the world process, in MB; default 1024. */
  memoryMb?: number;
  /** The world process's entry (tests substitute their own). */
  entry?: URL;
}

export interface IsolatedApiServer {
  readonly url: string;
  readonly port: number;
  /** How many times the world was stopped and restored. */
  readonly restarts: number;
  /** The cells run to prepare the world (`after`), and the ids of those that failed. */
  readonly prepared: { cells: number; failed: string[] };
  /** Resolves when a world process is ready (at once when one is). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_WORLD_BUDGET_MS = 15_000;
export const DEFAULT_WORLD_MEMORY_MB = 1024;
/** How long building a world (lesson preparation and journal replay) may take. */
const STARTUP_BUDGET_MS = 5 * 60_000;
/** A world that fails this many times in a row before it is ready is rebuilt without the journal. */
const MAX_FAILED_STARTS = 2;

const DEFAULT_ENTRY = workerEntry('src/node/apiserver/isolated/world-child.ts');

/** What a client sees when the watchdog or the heap limit stops the world (fixed text: the same on every run). */
export function stoppedStatus(why: 'time' | 'memory' | 'crash', detail: string): ApiStatus {
  const what = why === 'time' ? `it ran longer than ${detail}` : why === 'memory' ? `it needed more than ${detail} of memory` : detail;
  const message = `stopped: this command used too much time/memory (${what}); the cluster was restored`;
  return why === 'time' ? statusOf(504, 'Timeout', message) : statusOf(500, 'InternalError', message);
}

/** A request to the world process, until its last reply. */
interface Op {
  msg: ToWorld & { seq: number };
  /** The world process began to run it (only such ops fail when it is stopped; the others go to the next world). */
  started: boolean;
  /** Replies: head/chunk/end, reply, tty-out/tty-exit. Returns true when the op is complete. */
  onMessage(m: FromWorld): boolean;
  onStopped(status: ApiStatus): void;
}

class WorldProcess {
  readonly worker: ChildWorker;
  isReady = false;
  lastPong = Date.now();

  constructor(entry: URL, init: WorldInit, memoryMb: number) {
    this.worker = new ChildWorker(entry, { workerData: init, memoryMb });
  }

  post(m: ToWorld): void {
    this.worker.postMessage(m);
  }
}

export async function startIsolatedApiServer(options: IsolatedApiServerOptions): Promise<IsolatedApiServer> {
  const host = options.host ?? '127.0.0.1';
  const budgetMs = options.budgetMs ?? DEFAULT_WORLD_BUDGET_MS;
  const memoryMb = options.memoryMb ?? DEFAULT_WORLD_MEMORY_MB;
  const timeScale = options.timeScale ?? 1;
  const log = options.log ?? (() => undefined);

  const journal: JournalEntry[] = [];
  let anchor: WorldInit['anchor'];
  const mirror = new MirrorStore();
  const kinds = RESOURCES.map((t) => t.kind);
  let hub = new WatchHub(mirror, kinds);
  const streams = new Set<() => void>();
  let serverVersion = '';
  let address = '';
  const readFacade: Facade<ReadWorld> = {
    // The read handlers use only list/get, the store's version and the clock: the mirror answers those.
    world: mirrorWorld(mirror),
    get hub() {
      return hub;
    },
    get serverVersion() {
      return serverVersion;
    },
    serverAddress: () => address,
    afterWrite: () => undefined,
    track: (close) => {
      streams.add(close);
      return () => streams.delete(close);
    },
  };

  const ops = new Map<number, Op>();
  let seq = 0;
  let current: WorldProcess | undefined;
  let restarts = 0;
  let failedStarts = 0;
  let closed = false;
  const readyWaiters: (() => void)[] = [];
  let firstReady: { resolve(): void; reject(e: Error): void } | undefined;
  let prepared: IsolatedApiServer['prepared'] | undefined;

  function onReady(proc: WorldProcess, m: Extract<FromWorld, { type: 'ready' }>): void {
    proc.isReady = true;
    proc.lastPong = Date.now();
    failedStarts = 0;
    anchor ??= m.anchor;
    prepared ??= m.prepared;
    serverVersion = m.serverVersion;
    // Watches go on only when the rebuilt world is the one they watched (same resourceVersion); else they end,
    // and clients list again.
    const same = mirror.version === m.version && restarts > 0;
    mirror.reset(m.version, m.objects, m.now);
    if (!same) {
      for (const close of [...streams]) close();
      hub.dispose();
      hub = new WatchHub(mirror, kinds);
    }
    for (const op of ops.values()) proc.post(op.msg);
    for (const w of readyWaiters.splice(0)) w();
    firstReady?.resolve();
    firstReady = undefined;
  }

  function fromWorld(proc: WorldProcess, m: FromWorld): void {
    if (proc !== current) return;
    switch (m.type) {
      case 'ready':
        return onReady(proc, m);
      case 'pong':
        proc.lastPong = Date.now();
        return;
      case 'event':
        mirror.now = m.now;
        return mirror.apply(m.event);
      case 'clock':
        mirror.now = m.now;
        return;
      case 'journal': {
        // Clock ticks in a row are one advance: timers fire in the same order either way (clock.ts), and the
        // journal of a server left running for days stays small.
        const last = journal.at(-1);
        if (m.entry.type === 'advance' && last?.type === 'advance')
          journal[journal.length - 1] = { type: 'advance', ms: last.ms + m.entry.ms };
        else journal.push(m.entry);
        return;
      }
      case 'start': {
        const op = ops.get(m.seq);
        if (!op) return;
        op.started = true;
        // The world process is now inside the line (it runs it synchronously): worth a line with --verbose.
        if (op.msg.type === 'exec-run') log(`running: ${op.msg.argv.join(' ').slice(0, 80)}`);
        return;
      }
      default: {
        const op = ops.get(m.seq);
        if (op?.onMessage(m)) ops.delete(m.seq);
      }
    }
  }

  function spawn(): void {
    const proc = new WorldProcess(
      options.entry ?? DEFAULT_ENTRY,
      { spec: options.spec, journal: [...journal], timeScale, anchor },
      memoryMb,
    );
    const spawnedAt = Date.now();
    current = proc;
    proc.worker.on('message', (m: FromWorld) => fromWorld(proc, m));
    proc.worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') stop(proc, stoppedStatus('memory', `${memoryMb} MB`));
      else stop(proc, stoppedStatus('crash', `the cluster's process failed: ${e.message.split('\n')[0]}`));
    });
    proc.worker.on('exit', () => stop(proc, stoppedStatus('crash', "the cluster's process ended unexpectedly")));
    const watchdog = setInterval(
      () => {
        if (proc !== current) return clearInterval(watchdog);
        if (!proc.isReady) {
          if (Date.now() - spawnedAt > STARTUP_BUDGET_MS) stop(proc, stoppedStatus('time', `${STARTUP_BUDGET_MS / 1000} s to start`));
          return;
        }
        if (Date.now() - proc.lastPong > budgetMs) return stop(proc, stoppedStatus('time', `${budgetMs / 1000} s`));
        proc.post({ type: 'ping' });
      },
      Math.max(10, Math.min(250, budgetMs / 5)),
    );
    watchdog.unref();
  }

  /** Kill the world process: what it was running fails with `status`; a new world replays the journal. */
  function stop(proc: WorldProcess, status: ApiStatus): void {
    if (proc !== current) return;
    current = undefined;
    void proc.worker.terminate();
    if (closed) return;
    if (!proc.isReady) {
      failedStarts++;
      if (firstReady) {
        firstReady.reject(new PodlabError('backend-unavailable', `the cluster did not start: ${status.message}`));
        firstReady = undefined;
        return;
      }
      if (failedStarts >= MAX_FAILED_STARTS) {
        log(`the journal of ${journal.length} changes did not replay; starting from the lesson again`);
        journal.length = 0;
      }
    }
    for (const [n, op] of ops) {
      if (!op.started && op.msg.type !== 'tty-open') continue;
      ops.delete(n);
      // The shell ends with the process: so it does in every rebuilt world (what it ran before stays).
      if (op.msg.type === 'tty-open') journal.push({ type: 'tty-close', id: n });
      op.onStopped(status);
    }
    restarts++;
    log(`${status.message} (restart ${restarts})`);
    spawn();
  }

  /** Send a request to the world process (now, or when the next one is ready). */
  function submit(op: Omit<Op, 'started'>): void {
    const o: Op = { ...op, started: op.msg.type === 'tty-open' };
    ops.set(op.msg.seq, o);
    if (current?.isReady) current.post(op.msg);
  }

  function post(m: ToWorld): void {
    if (current?.isReady) current.post(m);
  }

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (!body.ok) return sendStatus(res, body.status);
    const call: HttpCall = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body: body.bytes };
    const n = ++seq;
    let done = false;
    submit({
      msg: { type: 'http', seq: n, call },
      onMessage(m) {
        if (m.type === 'head') res.writeHead(m.code, m.headers);
        else if (m.type === 'chunk') res.write(m.data);
        else if (m.type === 'end') {
          done = true;
          res.end();
          return true;
        }
        return false;
      },
      onStopped(status) {
        done = true;
        if (!res.headersSent) sendStatus(res, status);
        else res.end();
      },
    });
    res.on('close', () => {
      if (done) return;
      done = true;
      ops.delete(n);
      post({ type: 'http-close', seq: n });
    });
  }

  /** A one-reply request (exec-check, exec-run); rejects with the Status when the world is stopped while it runs. */
  function ask<T>(msg: ToWorld & { seq: number }): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      submit({
        msg,
        onMessage(m) {
          if (m.type !== 'reply') return false;
          resolve(m.value as T);
          return true;
        },
        onStopped: (status) => reject(Object.assign(new Error(status.message), { status })),
      }),
    );
  }

  const failure = (s: ApiStatus) => ({ metadata: {}, status: 'Failure', message: s.message, reason: s.reason, code: s.code });

  function runExec(ws: WebSocket, h: HostRef, argv: string[], check: Extract<ExecCheck, { ok: true }>, tty: boolean, wantsStdin: boolean) {
    let stdin = '';
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      if (check.missing) return channels.finish(check.missing);
      ask<{ stdout: string; stderr: string; status: number }>({ type: 'exec-run', seq: ++seq, host: h, argv, stdin, tty }).then(
        (r) => {
          channels.send(STDOUT, tty ? crlf(r.stdout) : r.stdout);
          channels.send(STDERR, r.stderr);
          channels.finish(exitStatus(r.status, argv));
        },
        (e: Error & { status: ApiStatus }) => channels.finish(failure(e.status)),
      );
    };
    const channels = new ChannelSocket(ws, { stdin: (d) => void (stdin += d.toString('utf8')), stdinClosed: start });
    if (!wantsStdin || check.missing || ws.protocol !== EXEC_PROTOCOLS[0]) start();
  }

  function runShell(ws: WebSocket, h: HostRef, program: string): void {
    const n = ++seq;
    const channels = new ChannelSocket(ws, {
      stdin: (d) => post({ type: 'tty-input', seq: n, data: d }),
      stdinClosed: () => post({ type: 'tty-hangup', seq: n }),
    });
    submit({
      msg: { type: 'tty-open', seq: n, host: h, program },
      onMessage(m) {
        if (m.type === 'tty-out') channels.send(STDOUT, m.text);
        if (m.type !== 'tty-exit') return false;
        channels.finish(exitStatus(m.status, [program]));
        return true;
      },
      onStopped(status) {
        channels.send(STDOUT, `\r\n${status.message}\r\n`);
        channels.finish(failure(status));
      },
    });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = requestTarget(req.url);
    const parsed = parseResourcePath(url.pathname);
    if (parsed.kind !== 'resource' || parsed.path.type.kind !== 'Pod' || parsed.path.subresource !== 'exec') {
      return refuseUpgrade(socket, statusOf(400, 'BadRequest', 'only pods/exec can be upgraded'));
    }
    const query = url.query;
    const argv = query.getAll('command');
    if (argv.length === 0) return refuseUpgrade(socket, statusOf(400, 'BadRequest', 'you must specify at least 1 command'));
    let check: ExecCheck;
    try {
      const msg = { type: 'exec-check', seq: ++seq, namespace: parsed.path.namespace, pod: parsed.path.name ?? '' } as const;
      check = await ask<ExecCheck>({ ...msg, container: query.get('container'), argv });
    } catch (e: unknown) {
      return refuseUpgrade(socket, (e as { status: ApiStatus }).status);
    }
    if (!check.ok) return refuseUpgrade(socket, check.status, check.plain);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.some((p) => EXEC_PROTOCOLS.includes(p))) {
      return refuseUpgrade(
        socket,
        statusOf(400, 'BadRequest', `exec is served over WebSocket (${EXEC_PROTOCOLS.join(', ')}); SPDY is not supported`),
      );
    }
    const tty = query.get('tty') === 'true' || query.get('tty') === '1';
    const wantsStdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const shell = interactiveShell(argv);
      if (tty && shell && !check.missing) return runShell(ws, check.host, shell);
      runExec(ws, check.host, argv, check, tty, wantsStdin);
    });
  }

  /** Reads of objects the mirror has, collections, discovery and health: here; everything else: the world. */
  function servedHere(req: IncomingMessage): boolean {
    const parsed = parseResourcePath(requestTarget(req.url).pathname);
    if (parsed.kind !== 'resource') return true;
    const p = parsed.path;
    if ((req.method ?? 'GET').toUpperCase() !== 'GET' || p.subresource !== undefined) return false;
    return p.name === undefined || mirror.get(p.type.kind, storedNamespace(p.type.kind, p.namespace), p.name) !== undefined;
  }

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  const policy: HostPolicy = { bindHost: host };
  const internal = (e: unknown) => statusOf(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
  const server: Server = createServer((req, res) => {
    log(`${req.method} ${req.url}`);
    // A target Go's net/http cannot parse is answered before any handler, as a real apiserver's Go server does.
    if (unparsableTarget(req.url)) return void req.socket.end(UNPARSABLE_REPLY);
    const refused = browserGuard(req, policy) ?? unsupportedWrite(req);
    if (refused) return sendStatus(res, refused);
    (servedHere(req) ? routeRead(readFacade, req, res) : forward(req, res)).catch((e: unknown) => {
      log(`error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendStatus(res, internal(e));
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    log(`${req.method} ${req.url} (upgrade)`);
    if (unparsableTarget(req.url)) return void socket.end(UNPARSABLE_REPLY);
    const refused = browserGuard(req, policy);
    if (refused) return refuseUpgrade(socket, refused);
    upgrade(req, socket, head).catch((e: unknown) => refuseUpgrade(socket, internal(e)));
  });

  // The first world must start before anything is served (a lesson that cannot start is an error now, not later).
  await new Promise<void>((resolve, reject) => {
    firstReady = { resolve, reject };
    spawn();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new PodlabError('usage', e.code === 'EADDRINUSE' ? `port ${options.port} is in use` : `cannot listen: ${e.message}`, { cause: e }),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (e: unknown) => {
    closed = true;
    await current?.worker.terminate();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host === '::1' ? '[::1]' : host}:${port}`;
  return {
    url: `http://${address}`,
    port,
    get restarts() {
      return restarts;
    },
    prepared: prepared ?? { cells: 0, failed: [] },
    ready: () => (current?.isReady ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve))),
    async close() {
      if (closed) return;
      closed = true;
      for (const close of [...streams]) close();
      for (const ws of wss.clients) ws.terminate();
      hub.dispose();
      const proc = current;
      current = undefined;
      await proc?.worker.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
