// The `podlab lab` server: a join page and an instructor dashboard over HTTP, and one WebSocket endpoint (/lab/ws)
// whose first message says who is talking (a learner's token or the instructor's). A learner's socket drives that
// learner's session only: no message names a session, so there is nothing to point at another one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  type CellOutcome,
  checkClientMessage,
  checkColumns,
  gradesCsv,
  gradesJunit,
  gradeStudent,
  buildGradeReport,
  type Lesson,
  PodlabError,
  type ServerMessage,
} from '../../core/index.ts';
import { gradesJson } from '../grade/write-grades.ts';
import { clampRunAll, isSection, lockedMessage, lockedSection } from './section-locks.ts';
import { hostAllowed, originAllowed, targetOf, type HostPolicy } from '../server/request-guard.ts';
import { DB_UNAVAILABLE, LearnerSession, type SessionMaker } from './learner-session.ts';
import { INSTRUCTOR_HTML, INSTRUCTOR_JS, JOIN_HTML, LEARNER_JS, LAB_CSS } from './pages.ts';
import { randomUUID } from 'node:crypto';
import type { LabRow, LabStore } from './store.ts';

export interface LabLimits {
  /** Largest WebSocket message (bytes). */
  maxMessageBytes: number;
  /** Recorded inputs (lines, cell runs…) one learner may send per minute. */
  inputsPerMinute: number;
  /** Terminals one learner may have open. */
  maxTerminals: number;
  /** Learners in the lab. */
  maxLearners: number;
  /** Longest display name. */
  maxNameLength: number;
  /** A check failing this many times in a row marks its learner stuck. */
  stuckFailures: number;
  /** No input for this long marks a learner idle. */
  idleMs: number;
}

export const DEFAULT_LAB_LIMITS: LabLimits = {
  maxMessageBytes: 16 * 1024,
  inputsPerMinute: 60,
  maxTerminals: 4,
  maxLearners: 500,
  maxNameLength: 40,
  stuckFailures: 3,
  idleMs: 5 * 60_000,
};

export interface LabServerOptions {
  store: LabStore;
  lab: LabRow;
  /** The lab's lessons, learner copies (what sessions run and what the dashboard grades). */
  lessons: Lesson[];
  makeSession: SessionMaker;
  host: string;
  port: number;
  limits?: Partial<LabLimits>;
  /**
   * How long an instance's hold on a learner's session lasts without renewal (renewed every third of it). Several
   * instances on one PostgreSQL database share a lab: a session lives where its lease is, and another instance
   * takes it over by replay once the holder stops renewing (it was killed). Default 15 s.
   */
  leaseMs?: number;
}

/** A learner's session is live on another instance that still renews its lease. */
class HeldElsewhere extends Error {}

export interface LabServer {
  url: string;
  port: number;
  /** This instance's id in the leases table. */
  instanceId: string;
  close(): Promise<void>;
}

const MISDIRECTED = 'podlab: this server answers only to its own names (127.0.0.1, localhost, --host)\n';
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

type Hello = { type: 'learner'; token: string } | { type: 'instructor'; token: string };
type InstructorMessage =
  | { type: 'transcript'; learnerId: string }
  | { type: 'reset'; learnerId: string }
  | { type: 'hint'; learnerId?: string; text: string }
  | { type: 'export'; format: ExportFormat; lessonId?: string }
  /** Open a lesson through a section (later sections locked); without `openThrough`, all of it. */
  | { type: 'lock'; lessonId: string; openThrough?: string };

type ExportFormat = 'csv' | 'json' | 'junit';
const EXPORT_FORMATS: readonly string[] = ['csv', 'json', 'junit'];

/** Messages the lab adds to the session protocol, to learner pages. */
export type LabToLearner =
  | {
      type: 'lab-welcome';
      name: string;
      lessons: { id: string; title: string; cells: string[] }[];
      lessonId?: string;
      terminals: string[];
      transcript: { input: string; output: string }[];
      /** Cells of sections the instructor has not opened yet (their Run buttons are disabled). */
      locked: string[];
    }
  | { type: 'lab-locks'; locked: string[] }
  | { type: 'lab-hint'; text: string }
  | { type: 'lab-reset' };

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': buf.length });
  res.end(buf);
}

async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const limits: LabLimits = { ...DEFAULT_LAB_LIMITS, ...options.limits };
  const { store, lab } = options;
  const policy: HostPolicy = { bindHost: options.host };
  const learners = new Map<string, Promise<LearnerSession>>();
  const instructors = new Set<WebSocket>();
  const learnerSockets = new Map<string, WebSocket>();
  const lessonInfo = options.lessons.map((l) => ({ id: l.id, title: l.title, cells: l.cells.map((c) => c.id), checks: checkColumns(l) }));
  /** Lesson id → the last section open to learners (shared by the lab's instances through the database). */
  let locks: Record<string, string> = await store.locks(lab.id);
  const lockedCells = (): string[] =>
    options.lessons.flatMap((l) => l.cells.filter((c) => lockedSection(l, locks[l.id], c.id) !== undefined).map((c) => c.id));
  /** Learner pages learn of new locks at once (and other instances' pages within a third of a lease period). */
  function locksChanged(next: Record<string, string>): void {
    if (JSON.stringify(next) === JSON.stringify(locks)) return;
    locks = next;
    const m = JSON.stringify({ type: 'lab-locks', locked: lockedCells() } satisfies LabToLearner);
    for (const ws of learnerSockets.values()) ws.send(m);
    changed();
  }

  // The dashboard's live updates: a snapshot reads every learner's results, so it is taken only when an instructor
  // watches, and one at a time — changes that arrive meanwhile are folded into one more snapshot after it (the
  // dashboard always ends on the latest state, and a class of hundreds does not queue a read per input).
  let snapshotting = false;
  let changedMeanwhile = false;
  const changed = (): void => {
    if (instructors.size === 0) return;
    if (snapshotting) {
      changedMeanwhile = true;
      return;
    }
    snapshotting = true;
    void snapshot()
      .then((s) => {
        for (const ws of instructors) ws.send(JSON.stringify(s));
      })
      .catch(() => undefined)
      .finally(() => {
        snapshotting = false;
        if (changedMeanwhile) {
          changedMeanwhile = false;
          changed();
        }
      });
  };

  const instanceId = randomUUID();
  const leaseMs = options.leaseMs ?? 15_000;
  /** Learners whose lease this instance was granted (a session still waiting for its lease is not among them). */
  const holding = new Set<string>();

  /** Take the learner's lease, waiting (at most one lease period) for a holder that stopped renewing to lapse. */
  async function takeLease(learnerId: string): Promise<void> {
    const deadline = Date.now() + leaseMs + 1_000;
    for (;;) {
      const lease = await store.acquireLease(learnerId, instanceId, leaseMs);
      if (lease.granted) return;
      if (Date.now() + lease.leftMs > deadline)
        throw new HeldElsewhere('podlab lab: this session is live on another instance of the lab; connect there (or retry)');
      await new Promise((r) => setTimeout(r, Math.min(lease.leftMs + 50, leaseMs)));
    }
  }

  /** Forget a session this instance no longer holds: its page is told to reload (and so reaches the new holder). */
  function drop(learnerId: string, why: string): void {
    const s = learners.get(learnerId);
    holding.delete(learnerId);
    if (!s) return;
    learners.delete(learnerId);
    learnerSockets.get(learnerId)?.close(4409, why);
    void s.then(
      (x) => x.dispose(),
      () => undefined,
    );
  }

  function live(learnerId: string): Promise<LearnerSession> {
    let s = learners.get(learnerId);
    if (!s) {
      const fence = {
        instanceId,
        onLost: () => drop(learnerId, 'podlab lab: this session moved to another instance of the lab; reload the page to follow it'),
      };
      s = store.learner(lab.id, learnerId).then(async (row) => {
        if (!row) throw new PodlabError('usage', 'no such learner');
        await takeLease(row.id);
        holding.add(row.id);
        return LearnerSession.restore(row, store, options.makeSession, changed, fence);
      });
      learners.set(learnerId, s);
      s.catch(() => learners.delete(learnerId));
    }
    return s;
  }

  // Renew this instance's leases; a session whose lease another instance took is dropped here.
  // Only leases held before the renewal query started can be found lost by it (one granted meanwhile is not in its answer).
  const renewal = setInterval(
    () => {
      void store.locks(lab.id).then(locksChanged, () => undefined);
      const before = [...holding];
      void store.renewLeases(instanceId, leaseMs).then(
        (held) => {
          for (const id of before)
            if (holding.has(id) && !held.has(id))
              drop(id, 'podlab lab: this session moved to another instance of the lab; reload the page to follow it');
        },
        () => undefined,
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  async function snapshot(): Promise<unknown> {
    const rows = await store.learners(lab.id);
    const results = await store.checkResults(lab.id);
    const now = Date.now();
    return {
      type: 'dashboard',
      code: lab.code,
      lessons: options.lessons.map((l, i) => ({
        id: l.id,
        title: l.title,
        checks: lessonInfo[i].checks.map((c) => ({ id: c.id, text: c.text })),
        sections: l.sections.map((x) => ({ number: x.number, title: x.title, level: x.level })),
        openThrough: locks[l.id] ?? null,
      })),
      learners: rows.map((r) => {
        const mine = results.filter((c) => c.learnerId === r.id);
        return {
          id: r.id,
          name: r.name,
          connected: learnerSockets.has(r.id),
          idle: now - r.lastActiveMs > limits.idleMs,
          stuck: mine.some((c) => !c.passed && c.failures >= limits.stuckFailures),
          checks: Object.fromEntries(
            mine.map((c) => [`${c.lessonId}/${c.checkId}`, { passed: c.passed, reason: c.reason, failures: c.failures }]),
          ),
        };
      }),
    };
  }

  async function exportGrades(format: ExportFormat, lessonId?: string): Promise<string> {
    const lesson = options.lessons.find((l) => l.id === (lessonId ?? options.lessons[0].id));
    if (!lesson) throw new PodlabError('usage', `no lesson "${lessonId}" in this lab`);
    const columns = checkColumns(lesson);
    const rows = await store.learners(lab.id);
    const outcomes = await store.outcomes(lab.id, lesson.id);
    // Students are named by display name and a short id: two learners may pick the same name.
    const grades = rows.map((r) =>
      gradeStudent(
        `${r.name}-${r.id.slice(0, 8)}`,
        columns,
        (outcomes.get(r.id) ?? []).map((o) => JSON.parse(o) as CellOutcome),
      ),
    );
    const report = buildGradeReport(lesson, grades);
    return format === 'csv' ? gradesCsv(report) : format === 'junit' ? gradesJunit(report) : gradesJson(report);
  }

  async function join(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req, 4096);
    let body: { code?: unknown; name?: unknown } = {};
    try {
      body = JSON.parse(text ?? '') as typeof body;
    } catch {
      return reply(res, 400, 'text/plain; charset=utf-8', 'podlab lab: send {"code": …, "name": …} as JSON\n');
    }
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name === '' || name.length > limits.maxNameLength || /[\u0000-\u001f\u007f]/.test(name)) {
      return reply(
        res,
        400,
        'text/plain; charset=utf-8',
        `podlab lab: a display name is 1 to ${limits.maxNameLength} printable characters\n`,
      );
    }
    if (typeof body.code !== 'string' || body.code.toUpperCase() !== lab.code)
      return reply(res, 404, 'text/plain; charset=utf-8', 'podlab lab: no lab with this code here\n');
    try {
      if ((await store.learners(lab.id)).length >= limits.maxLearners)
        return reply(res, 503, 'text/plain; charset=utf-8', `podlab lab: this lab is full (${limits.maxLearners} learners)\n`);
      // Each learner's seed is drawn from the lab's order of arrival: distinct clusters, and stored, so replays agree.
      const seed = (await store.learners(lab.id)).length + 1;
      const { learner, token } = await store.addLearner(lab.id, name, seed);
      changed();
      reply(res, 200, 'application/json; charset=utf-8', JSON.stringify({ token, learnerId: learner.id, name }));
    } catch {
      reply(res, 503, 'text/plain; charset=utf-8', `${DB_UNAVAILABLE}\n`);
    }
  }

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, policy)) return reply(res, 421, 'text/plain; charset=utf-8', MISDIRECTED);
    const path = targetOf(req.url)?.pathname ?? ''; // an unparsable target (//[) is an unknown path, not a crash
    if (req.method === 'POST' && path === '/lab/join') {
      // A cross-site page must not enrol someone (nor fill the lab): only this server's own pages may post.
      if (!originAllowed(req, policy) || !/^application\/json/.test(req.headers['content-type'] ?? ''))
        return reply(res, 403, 'text/plain; charset=utf-8', 'forbidden\n');
      void join(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (path === '/' || path === '/lab' || path === '/lab/' || path === '/lab/join')
      return reply(res, 200, 'text/html; charset=utf-8', JOIN_HTML);
    if (path === '/lab/instructor') return reply(res, 200, 'text/html; charset=utf-8', INSTRUCTOR_HTML);
    if (path === '/lab/learner.js') return reply(res, 200, 'text/javascript; charset=utf-8', LEARNER_JS);
    if (path === '/lab/instructor.js') return reply(res, 200, 'text/javascript; charset=utf-8', INSTRUCTOR_JS);
    if (path === '/lab/lab.css') return reply(res, 200, 'text/css; charset=utf-8', LAB_CSS);
    if (path === '/healthz') return reply(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    reply(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!hostAllowed(req.headers.host, policy)) {
      socket.end(`HTTP/1.1 421 Misdirected Request\r\n\r\n${MISDIRECTED}`);
      return;
    }
    const path = targetOf(req.url)?.pathname ?? ''; // an unparsable target (//[) is an unknown path, not a crash
    if (path !== '/lab/ws' || !originAllowed(req, policy)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    ws.on('error', () => ws.terminate());
    // The first message says who is talking; anything else first closes the socket.
    ws.once('message', (data, isBinary) => {
      let hello: Partial<Hello> = {};
      try {
        hello = isBinary ? {} : (JSON.parse(data.toString()) as Partial<Hello>);
      } catch {
        /* closed below */
      }
      if (typeof hello.token !== 'string' || (hello.type !== 'learner' && hello.type !== 'instructor')) {
        ws.close(4400, 'podlab lab: say who you are first: {"type": "learner" | "instructor", "token": …}');
        return;
      }
      void (hello.type === 'learner' ? learnerSocket(ws, hello.token) : instructorSocket(ws, hello.token)).catch(() =>
        ws.close(1011, DB_UNAVAILABLE),
      );
    });
  }

  async function learnerSocket(ws: WebSocket, token: string): Promise<void> {
    const row = await store.learnerByToken(lab.id, token);
    if (!row) {
      ws.close(4401, 'podlab lab: this token is not a learner of this lab; join again');
      return;
    }
    let session: LearnerSession;
    try {
      session = await live(row.id);
    } catch (e) {
      if (e instanceof HeldElsewhere) return ws.close(4409, e.message);
      throw e;
    }
    const send = (m: ServerMessage | LabToLearner) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    // One page per learner: a newer page takes the session over.
    learnerSockets.get(row.id)?.close(4000, 'podlab lab: this session was opened in another page');
    learnerSockets.set(row.id, ws);
    session.attach(send);
    send({
      type: 'lab-welcome',
      name: row.name,
      lessons: lessonInfo.map(({ id, title, cells }) => ({ id, title, cells })),
      lessonId: session.lessonId,
      terminals: [...session.terminals],
      transcript: session.transcript,
      locked: lockedCells(),
    });
    changed();
    const recent: number[] = [];
    // Terminal opens accepted but not yet run: the session counts a terminal once its open has run, and a page can
    // send the next open as soon as the previous one's reply arrived, before that (the limit counts both).
    const opening = new Set<string>();
    ws.on('message', (data, isBinary) => {
      let value: unknown;
      try {
        value = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        ws.close(4400, 'podlab lab: not a podlab protocol message (not JSON text)');
        return;
      }
      const checked = checkClientMessage(value);
      if (!checked.ok) {
        send({ type: 'error', id: checked.id, code: 'usage', message: checked.error });
        return;
      }
      let m = checked.message;
      const refuse = (message: string) => send({ type: 'error', id: m.id, code: 'input-limit', message });
      if (m.type === 'open') {
        const wanted = m.lessonId;
        if (!options.lessons.some((l) => l.id === wanted)) return refuse(`podlab lab: "${m.lessonId}" is not a lesson of this lab`);
        // The learner's seed is the lab's, not the page's: the stored input replays to the same cluster.
        m = {
          type: 'open',
          id: m.id,
          lessonId: m.lessonId,
          seed: session.row.seed,
          resume: true,
          ...(m.lang === undefined ? {} : { lang: m.lang }),
        };
      } else if (m.type === 'reset') m = { type: 'reset', id: m.id, seed: session.row.seed };
      const lesson = options.lessons.find((l) => l.id === session.lessonId);
      if (m.type === 'run-cell' && lesson) {
        const locked = lockedSection(lesson, locks[lesson.id], m.cellId);
        if (locked) return send({ type: 'error', id: m.id, code: 'locked', message: lockedMessage(locked) });
      } else if (m.type === 'run-all' && lesson) {
        const until = clampRunAll(lesson, locks[lesson.id], m.untilSection);
        if (until === null)
          return send({ type: 'error', id: m.id, code: 'locked', message: 'podlab lab: no section of this lesson is open yet' });
        if (until !== undefined) m = { ...m, untilSection: until };
      }
      if (m.type === 'terminal-open') {
        const open = new Set([...session.terminals, ...opening]);
        if (!open.has(m.terminalId) && open.size >= limits.maxTerminals)
          return refuse(`podlab lab: at most ${limits.maxTerminals} terminals per learner; close one first`);
      }
      if (m.type !== 'view' && m.type !== 'matrix' && m.type !== 'report' && m.type !== 'terminal-complete') {
        const now = Date.now();
        while (recent.length > 0 && now - recent[0] > 60_000) recent.shift();
        if (recent.length >= limits.inputsPerMinute)
          return refuse(`podlab lab: more than ${limits.inputsPerMinute} inputs in a minute; slow down`);
        recent.push(now);
      }
      if (m.type === 'terminal-open') {
        const id = m.terminalId;
        opening.add(id);
        void session.submit(m).finally(() => opening.delete(id));
      } else void session.submit(m);
    });
    ws.on('close', () => {
      if (learnerSockets.get(row.id) === ws) {
        learnerSockets.delete(row.id);
        session.attach(undefined);
        changed();
      }
    });
  }

  async function instructorSocket(ws: WebSocket, token: string): Promise<void> {
    const mine = await store.labByInstructorToken(token);
    if (!mine || mine.id !== lab.id) {
      ws.close(4401, 'podlab lab: not the instructor token of this lab');
      return;
    }
    instructors.add(ws);
    ws.on('close', () => instructors.delete(ws));
    ws.send(JSON.stringify(await snapshot()));
    ws.on('message', (data) => {
      let m: Partial<InstructorMessage> = {};
      try {
        m = JSON.parse(data.toString()) as Partial<InstructorMessage>;
      } catch {
        /* answered below */
      }
      // Answers echo the request's id (when it has one), as the session protocol does.
      const id = typeof (m as { id?: unknown }).id === 'number' ? { id: (m as { id: number }).id } : {};
      void instructorCommand(m).then(
        (answer) => ws.send(JSON.stringify({ ...(answer as object), ...id })),
        (e: Error) => ws.send(JSON.stringify({ type: 'error', message: e.message, ...id })),
      );
    });
  }

  async function instructorCommand(m: Partial<InstructorMessage>): Promise<unknown> {
    const known = async (id: unknown) => {
      if (typeof id !== 'string' || !(await store.learner(lab.id, id))) throw new PodlabError('usage', 'no such learner in this lab');
      return live(id);
    };
    if (m.type === 'transcript') return { type: 'transcript', learnerId: m.learnerId, entries: (await known(m.learnerId)).transcript };
    if (m.type === 'reset') {
      await (await known(m.learnerId)).reset();
      const ws = learnerSockets.get(m.learnerId as string);
      ws?.send(JSON.stringify({ type: 'lab-reset' } satisfies LabToLearner));
      return { type: 'reset-done', learnerId: m.learnerId };
    }
    if (m.type === 'hint' && typeof m.text === 'string' && m.text.length <= 2000) {
      const to = m.learnerId === undefined ? [...learnerSockets.values()] : [learnerSockets.get((await known(m.learnerId), m.learnerId))];
      for (const ws of to) ws?.send(JSON.stringify({ type: 'lab-hint', text: m.text } satisfies LabToLearner));
      return { type: 'hint-sent', to: to.filter(Boolean).length };
    }
    if (m.type === 'export' && typeof m.format === 'string' && EXPORT_FORMATS.includes(m.format))
      return { type: 'export', format: m.format, text: await exportGrades(m.format, m.lessonId) };
    if (m.type === 'lock') {
      const lesson = options.lessons.find((l) => l.id === m.lessonId);
      if (!lesson) throw new PodlabError('usage', `podlab lab: no lesson "${String(m.lessonId)}" in this lab`);
      const through = m.openThrough;
      if (through !== undefined && (typeof through !== 'string' || !isSection(lesson, through)))
        throw new PodlabError(
          'usage',
          `podlab lab: "${String(through)}" is not a section of ${lesson.id} (sections: ${lesson.sections.map((x) => x.number).join(', ')})`,
        );
      await store.setLock(lab.id, lesson.id, through);
      const next = { ...locks };
      if (through === undefined) delete next[lesson.id];
      else next[lesson.id] = through;
      locksChanged(next);
      return { type: 'locks', locks };
    }
    throw new PodlabError('usage', 'podlab lab: unknown instructor message');
  }

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
    instanceId,
    async close() {
      clearInterval(renewal);
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await Promise.all(
        [...learners.values()].map((s) =>
          s.then(
            (x) => x.dispose(),
            () => undefined,
          ),
        ),
      );
      // A clean stop hands the sessions over at once (a killed instance's leases lapse instead).
      await store.releaseLeases(instanceId).catch(() => undefined);
    },
  };
}
