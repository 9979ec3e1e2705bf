// The world process of an isolated `podlab apiserver`: the simulated cluster, its clock, and everything that runs
// in it (writes, logs, exec lines, interactive shells). The front process forwards requests here and kills this
// process when its event loop stops answering; it then starts a new one with the journal of what changed the world.
import type { IncomingMessage } from 'node:http';
import { parseLesson, RESOURCES, type Terminal } from '../../../core/index.ts';
import { createTerminal, type HostRef, internalError, runCommand, serverVersion, type KObject } from '../../../core/sim/index.ts';
import { childChannel } from '../../child-worker.ts';
import { CLOCK_TICK_MS } from '../clock-driver.ts';
import { execTarget, missingProgram } from '../exec/exec-upgrade.ts';
import { LINE_BUDGET, TtySession } from '../exec/tty-session.ts';
import { sendStatus } from '../http-util.ts';
import { startLessonWorld } from '../lesson-world.ts';
import { route } from '../routes.ts';
import { worldFacade } from '../server.ts';
import { fakeRequest, fakeResponse, type ResponseSink } from './fake-http.ts';
import type { ExecCheck, FromWorld, HttpCall, JournalEntry, ToWorld, WorldInit } from './protocol.ts';

const port = await childChannel<WorldInit, ToWorld, FromWorld>();
const { spec, journal, timeScale } = port.init;
const send = (m: FromWorld) => port.send(m);

const started = await startLessonWorld(parseLesson(spec.source, spec.file), { seed: spec.seed, after: spec.after, endAt: spec.endAt });
const world = started.world;
const { facade } = worldFacade(world, () => '');

/** While the journal replays, nothing is reported: the front learns the result from `ready`. */
let live = false;
const record = (entry: JournalEntry) => live && send({ type: 'journal', entry });
world.store.watch((event) => live && send({ type: 'event', event, now: world.clock.now() }));

function advance(ms: number): void {
  world.control.advance(ms);
  record({ type: 'advance', ms });
}

const DISCARD: ResponseSink = { head: () => undefined, chunk: () => undefined, end: () => undefined };

/** Run one HTTP request through the facade's routes; writes are journaled when they finish. */
async function handleHttp(call: HttpCall, sink: ResponseSink, req = fakeRequest(call)): Promise<void> {
  const write = call.method.toUpperCase() !== 'GET';
  const res = fakeResponse({
    ...sink,
    end: () => {
      // Journaled in the same synchronous stretch as the write itself: no clock tick can come between.
      if (write) record({ type: 'http', call });
      sink.end();
    },
  });
  await route(facade, req, res).catch((e: unknown) => {
    const status = internalError(e instanceof Error ? e.message : String(e));
    if (!res.headersSent) sendStatus(res, status);
    else res.end();
  });
}

/**
 * An interactive shell's terminal whose lines and end are journaled (a line when it has run, so the journal keeps
 * the order in which lines and writes changed the world).
 */
function journaledTerminal(id: number, host: HostRef, program: string): Terminal {
  const terminal = createTerminal(world, host, { program, typingMs: 0 });
  record({ type: 'tty-open', id, host, program });
  return new Proxy(terminal, {
    get(target, key) {
      if (key === 'type')
        return async (line: string, budget: typeof LINE_BUDGET) => {
          const r = await target.type(line, budget);
          record({ type: 'tty-line', id, line });
          return r;
        };
      if (key === 'dispose')
        return async () => {
          await target.dispose();
          record({ type: 'tty-close', id });
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const replayed = new Map<number, Terminal>();
for (const entry of journal) {
  if (entry.type === 'advance') world.control.advance(entry.ms);
  else if (entry.type === 'http') await handleHttp(entry.call, DISCARD);
  else if (entry.type === 'exec') runCommand(world, entry.host, entry.argv, entry.stdin, entry.tty);
  else if (entry.type === 'tty-open') replayed.set(entry.id, createTerminal(world, entry.host, { program: entry.program, typingMs: 0 }));
  else if (entry.type === 'tty-line') await replayed.get(entry.id)?.type(entry.line, LINE_BUDGET);
  else {
    await replayed.get(entry.id)?.dispose();
    replayed.delete(entry.id);
  }
}
live = true;

const anchor = port.init.anchor ?? { wallAt: Date.now(), simAt: world.clock.now() };
const objects: KObject[] = RESOURCES.flatMap((t) => world.store.list(t.kind));
const prepared = { cells: started.ran.length, failed: started.ran.filter((c) => c.error !== undefined || c.timedOut).map((c) => c.cellId) };
send({
  type: 'ready',
  version: world.store.version,
  objects,
  now: world.clock.now(),
  serverVersion: serverVersion(world.cluster),
  anchor,
  prepared,
});

// Simulated time follows wall time from the anchor (the same mapping in every world process of this server).
if (timeScale > 0) {
  setInterval(() => {
    const behind = anchor.simAt + Math.floor((Date.now() - anchor.wallAt) * timeScale) - world.clock.now();
    if (behind > 0) {
      advance(behind);
      send({ type: 'clock', now: world.clock.now() });
    }
  }, CLOCK_TICK_MS);
}

const streams = new Map<number, IncomingMessage>();
const ttys = new Map<number, TtySession>();

function execCheck(m: Extract<ToWorld, { type: 'exec-check' }>): ExecCheck {
  const t = execTarget(world, { namespace: m.namespace, name: m.pod }, m.container);
  if ('code' in t) return { ok: false, status: t, plain: t.code === 500 };
  const container = t.host.kind === 'pod' ? t.host.container : '';
  return { ok: true, host: t.host, missing: missingProgram(world, t.pod, container, m.argv[0]) };
}

function openTty(seq: number, host: HostRef, program: string): void {
  const terminal = journaledTerminal(seq, host, program);
  ttys.set(
    seq,
    new TtySession(terminal, {
      write: (text) => send({ type: 'tty-out', seq, text }),
      exit: (status) => {
        ttys.delete(seq);
        world.control.settle();
        send({ type: 'tty-exit', seq, status });
      },
    }),
  );
}

port.on((m) => {
  switch (m.type) {
    case 'ping':
      return send({ type: 'pong' });
    case 'http': {
      send({ type: 'start', seq: m.seq });
      // Kept until the response ends, so that a client going away can end a followed log.
      const req = fakeRequest(m.call);
      streams.set(m.seq, req);
      const sink: ResponseSink = {
        head: (code, headers) => send({ type: 'head', seq: m.seq, code, headers }),
        chunk: (data) => send({ type: 'chunk', seq: m.seq, data }),
        end: () => {
          streams.delete(m.seq);
          send({ type: 'end', seq: m.seq });
        },
      };
      return void handleHttp(m.call, sink, req);
    }
    case 'http-close':
      streams.get(m.seq)?.emit('close');
      streams.delete(m.seq);
      return;
    case 'exec-check':
      return send({ type: 'reply', seq: m.seq, value: execCheck(m) });
    case 'exec-run': {
      send({ type: 'start', seq: m.seq });
      const r = runCommand(world, m.host, m.argv, m.stdin, m.tty);
      record({ type: 'exec', host: m.host, argv: m.argv, stdin: m.stdin, tty: m.tty });
      send({ type: 'clock', now: world.clock.now() });
      return send({ type: 'reply', seq: m.seq, value: r });
    }
    case 'tty-open':
      return openTty(m.seq, m.host, m.program);
    case 'tty-input':
      return ttys.get(m.seq)?.input(Buffer.from(m.data));
    case 'tty-hangup':
      return ttys.get(m.seq)?.hangup();
  }
});
