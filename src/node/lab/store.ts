// The lab's data access: one module, the same SQL on two drivers — PGlite (Postgres compiled to WASM, a data
// directory, nothing to install) by default, and a PostgreSQL server through `pg` with --db postgres://….
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PodlabError } from '../../core/index.ts';
import { MIGRATIONS } from './schema.ts';

/** What both drivers offer: parameterized queries ($1, $2 …) and multi-statement scripts. */
export interface SqlDriver {
  readonly kind: 'pglite' | 'postgres';
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function pgliteDriver(dataDir: string): Promise<SqlDriver> {
  await mkdir(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  return {
    kind: 'pglite',
    query: async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows,
    exec: async (sql) => void (await db.exec(sql)),
    close: () => db.close(),
  };
}

async function postgresDriver(url: string): Promise<SqlDriver> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  // A lost server makes idle clients emit errors: they surface on the next query instead of ending the process.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    query: async <R>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as R[],
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}

/** Where a database is: a postgres:// URL, or a data directory for the embedded one. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return url;
  }
}

/** Open the database and bring its schema up to date; an unreachable one is a clear error. */
export async function openStore(where: { db?: string; dataDir: string }): Promise<LabStore> {
  let driver: SqlDriver;
  const what = where.db !== undefined ? `the PostgreSQL database at ${redactUrl(where.db)}` : `the embedded database in ${where.dataDir}`;
  try {
    if (where.db !== undefined && !/^postgres(ql)?:\/\//.test(where.db)) throw new Error('--db takes a postgres:// or postgresql:// URL');
    driver = where.db !== undefined ? await postgresDriver(where.db) : await pgliteDriver(where.dataDir);
    await migrate(driver);
  } catch (e) {
    throw new PodlabError('usage', `cannot open ${what}: ${(e as Error).message}`, { cause: e });
  }
  return new LabStore(driver);
}

/** Apply the migrations not applied yet, each in its own transaction with its version row. */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  await driver.exec(
    'CREATE TABLE IF NOT EXISTS lab_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const done = new Set((await driver.query<{ version: number }>('SELECT version FROM lab_migrations')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    const name = m.name.replace(/'/g, "''");
    await driver.exec(`BEGIN; ${m.sql}; INSERT INTO lab_migrations (version, name) VALUES (${m.version}, '${name}'); COMMIT;`);
    applied.push(m.version);
  }
  return applied;
}

/** 32 random bytes (256 bits), URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed: a copy of the database does not let anyone act as a learner or the instructor. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The instance no longer holds the learner's lease: another one took the session over. */
export class LeaseLost extends Error {
  constructor(readonly learnerId: string) {
    super('podlab lab: this session moved to another instance of the lab; reload the page to follow it');
  }
}

export interface LabRow {
  id: string;
  code: string;
  lessons: string[];
}

export interface LearnerRow {
  id: string;
  labId: string;
  name: string;
  seed: number;
  epoch: number;
  lastActiveMs: number;
}

/** One stored input: its place in the learner's log, the protocol message as stored, and why it stopped (if it did). */
export interface StoredInput {
  seq: number;
  message: string;
  stopped: string | null;
}

export interface CheckRow {
  learnerId: string;
  lessonId: string;
  checkId: string;
  cellId: string;
  passed: boolean;
  reason: string;
  failures: number;
}

const LEARNER_COLUMNS = 'id, lab_id AS "labId", name, seed, epoch, (extract(epoch from last_active) * 1000)::float8 AS "lastActiveMs"';

export class LabStore {
  readonly driver: SqlDriver;
  /** Statements that wrote (INSERT, UPDATE, DELETE) since the store was opened: `podlab lab` reports them when it stops. */
  writes = 0;

  constructor(driver: SqlDriver) {
    this.driver = {
      kind: driver.kind,
      query: <R>(sql: string, params?: unknown[]) => {
        if (/\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i.test(sql)) this.writes++;
        return driver.query<R>(sql, params);
      },
      exec: (sql) => driver.exec(sql),
      close: () => driver.close(),
    };
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** A new lab over `lessons`; returns it with the instructor's token (shown once, stored hashed). */
  async createLab(lessons: string[]): Promise<{ lab: LabRow; instructorToken: string }> {
    const instructorToken = newToken();
    // The join code: 8 characters from 40 bits, easy to type; the learner token, not the code, is the secret.
    const code = randomBytes(5).toString('base64url').slice(0, 7).toUpperCase().replace(/[-_]/g, 'X');
    const lab: LabRow = { id: randomUUID(), code, lessons };
    await this.driver.query('INSERT INTO labs (id, code, lessons, instructor_token_hash) VALUES ($1, $2, $3, $4)', [
      lab.id,
      code,
      JSON.stringify(lessons),
      tokenHash(instructorToken),
    ]);
    return { lab, instructorToken };
  }

  private static lab(r: { id: string; code: string; lessons: string }): LabRow {
    return { id: r.id, code: r.code, lessons: JSON.parse(r.lessons) as string[] };
  }

  /** The most recent lab over exactly these lessons (a restart opens it again). */
  async findLab(lessons: string[]): Promise<LabRow | undefined> {
    const rows = await this.driver.query<{ id: string; code: string; lessons: string }>(
      'SELECT id, code, lessons FROM labs WHERE lessons = $1 ORDER BY created_at DESC LIMIT 1',
      [JSON.stringify(lessons)],
    );
    return rows[0] && LabStore.lab(rows[0]);
  }

  async labByCode(code: string): Promise<LabRow | undefined> {
    const rows = await this.driver.query<{ id: string; code: string; lessons: string }>(
      'SELECT id, code, lessons FROM labs WHERE code = $1',
      [code.toUpperCase()],
    );
    return rows[0] && LabStore.lab(rows[0]);
  }

  async labByInstructorToken(token: string): Promise<LabRow | undefined> {
    const rows = await this.driver.query<{ id: string; code: string; lessons: string }>(
      'SELECT id, code, lessons FROM labs WHERE instructor_token_hash = $1',
      [tokenHash(token)],
    );
    return rows[0] && LabStore.lab(rows[0]);
  }

  /** A new instructor token for a lab (a restart prints a fresh link: the old one is not stored in clear). */
  async rotateInstructorToken(labId: string): Promise<string> {
    const token = newToken();
    await this.driver.query('UPDATE labs SET instructor_token_hash = $2 WHERE id = $1', [labId, tokenHash(token)]);
    return token;
  }

  async addLearner(labId: string, name: string, seed: number): Promise<{ learner: LearnerRow; token: string }> {
    const token = newToken();
    const id = randomUUID();
    await this.driver.query('INSERT INTO learners (id, lab_id, name, token_hash, seed) VALUES ($1, $2, $3, $4, $5)', [
      id,
      labId,
      name,
      tokenHash(token),
      seed,
    ]);
    return { learner: { id, labId, name, seed, epoch: 0, lastActiveMs: Date.now() }, token };
  }

  /** The learner a token belongs to, in this lab only (another lab's token finds nobody). */
  async learnerByToken(labId: string, token: string): Promise<LearnerRow | undefined> {
    const rows = await this.driver.query<LearnerRow>(`SELECT ${LEARNER_COLUMNS} FROM learners WHERE token_hash = $1 AND lab_id = $2`, [
      tokenHash(token),
      labId,
    ]);
    return rows[0];
  }

  async learner(labId: string, id: string): Promise<LearnerRow | undefined> {
    const rows = await this.driver.query<LearnerRow>(`SELECT ${LEARNER_COLUMNS} FROM learners WHERE id = $1 AND lab_id = $2`, [id, labId]);
    return rows[0];
  }

  async learners(labId: string): Promise<LearnerRow[]> {
    return this.driver.query<LearnerRow>(`SELECT ${LEARNER_COLUMNS} FROM learners WHERE lab_id = $1 ORDER BY created_at, id`, [labId]);
  }

  /**
   * Store one input at the end of the learner's log; resolves once it is written (then, and only then, it is run).
   * With `fence` (an instance id), the write happens only while the learner's lease names that instance: an instance
   * that lost the session to another one (it was too slow to renew) can never append behind the new owner's back.
   * A lease that lapsed while nobody took it over (the database was out longer than a lease) still names its holder,
   * which goes on. The lease row is share-locked for the write: a takeover (an UPDATE of that row) waits for the
   * write to commit, so the new holder's replay, which reads the inputs after its takeover, sees it.
   */
  async appendInput(learnerId: string, epoch: number, message: string, fence?: string): Promise<number> {
    const rows = await this.driver.query<{ seq: number }>(
      fence === undefined
        ? 'INSERT INTO inputs (learner_id, epoch, seq, message) SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3 FROM inputs WHERE learner_id = $1 AND epoch = $2 RETURNING seq'
        : `WITH held AS (SELECT 1 FROM leases WHERE learner_id = $1 AND instance_id = $4 FOR SHARE)
           INSERT INTO inputs (learner_id, epoch, seq, message) SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3 FROM inputs WHERE learner_id = $1 AND epoch = $2
           HAVING EXISTS (SELECT 1 FROM held) RETURNING seq`,
      fence === undefined ? [learnerId, epoch, message] : [learnerId, epoch, message, fence],
    );
    if (rows.length === 0) throw new LeaseLost(learnerId);
    await this.driver.query('UPDATE learners SET last_active = now() WHERE id = $1', [learnerId]);
    return rows[0].seq;
  }

  /**
   * Take (or renew) the lease on a learner's session for `ms` milliseconds: granted when nobody holds it, when this
   * instance holds it, or when the holder let it expire (it died, or lost the database). Otherwise says who holds it
   * and for how much longer.
   */
  async acquireLease(learnerId: string, instanceId: string, ms: number): Promise<{ granted: true } | { granted: false; leftMs: number }> {
    const rows = await this.driver.query<{ instance_id: string }>(
      `INSERT INTO leases (learner_id, instance_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (learner_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, expires_at = EXCLUDED.expires_at
       WHERE leases.instance_id = EXCLUDED.instance_id OR leases.expires_at <= now()
       RETURNING instance_id`,
      [learnerId, instanceId, ms],
    );
    if (rows.length > 0) return { granted: true };
    const held = await this.driver.query<{ left: number }>(
      'SELECT GREATEST(0, extract(epoch from (expires_at - now())) * 1000)::float8 AS "left" FROM leases WHERE learner_id = $1',
      [learnerId],
    );
    return { granted: false, leftMs: held[0]?.left ?? 0 };
  }

  /** Extend every lease this instance holds; returns the learners it still holds (any other was taken over). */
  async renewLeases(instanceId: string, ms: number): Promise<Set<string>> {
    const rows = await this.driver.query<{ learner_id: string }>(
      `UPDATE leases SET expires_at = now() + $2 * interval '1 millisecond' WHERE instance_id = $1 RETURNING learner_id`,
      [instanceId, ms],
    );
    return new Set(rows.map((r) => r.learner_id));
  }

  /** Give up this instance's leases (a clean stop): another instance may take the sessions over at once. */
  async releaseLeases(instanceId: string): Promise<void> {
    await this.driver.query('DELETE FROM leases WHERE instance_id = $1', [instanceId]);
  }

  /** The learner's inputs of the current epoch, in order: replaying them rebuilds the session. */
  async inputs(learnerId: string, epoch: number): Promise<string[]> {
    const rows = await this.driver.query<{ message: string }>(
      'SELECT message FROM inputs WHERE learner_id = $1 AND epoch = $2 ORDER BY seq',
      [learnerId, epoch],
    );
    return rows.map((r) => r.message);
  }

  /**
   * The learner's inputs of the current epoch, in order, with their sequence numbers and, for an input that stopped
   * the learner's session host (it ran too long, or the host died while it ran), why: replay skips those.
   */
  async replayLog(learnerId: string, epoch: number): Promise<StoredInput[]> {
    return this.driver.query<StoredInput>('SELECT seq, message, stopped FROM inputs WHERE learner_id = $1 AND epoch = $2 ORDER BY seq', [
      learnerId,
      epoch,
    ]);
  }

  /** Mark an input as the one that stopped its session host: it stays in the record, and is never replayed. */
  async markStopped(learnerId: string, epoch: number, seq: number, why: string): Promise<void> {
    await this.driver.query('UPDATE inputs SET stopped = $4 WHERE learner_id = $1 AND epoch = $2 AND seq = $3', [
      learnerId,
      epoch,
      seq,
      why,
    ]);
  }

  /** Start the learner afresh: a new epoch (older inputs stay for the record), no results. */
  async resetLearner(learnerId: string): Promise<number> {
    const rows = await this.driver.query<{ epoch: number }>('UPDATE learners SET epoch = epoch + 1 WHERE id = $1 RETURNING epoch', [
      learnerId,
    ]);
    await this.driver.query('DELETE FROM check_results WHERE learner_id = $1', [learnerId]);
    await this.driver.query('DELETE FROM cell_outcomes WHERE learner_id = $1', [learnerId]);
    return rows[0].epoch;
  }

  /** Record a cell's outcome and its checks; a check failing again counts one more failure (the stuck marker). */
  async recordOutcome(
    learnerId: string,
    lessonId: string,
    cellId: string,
    outcome: string,
    checks: { id: string; passed: boolean; reason: string }[],
  ): Promise<void> {
    await this.driver.query(
      'INSERT INTO cell_outcomes (learner_id, lesson_id, cell_id, outcome) VALUES ($1, $2, $3, $4) ON CONFLICT (learner_id, lesson_id, cell_id) DO UPDATE SET outcome = EXCLUDED.outcome',
      [learnerId, lessonId, cellId, outcome],
    );
    for (const c of checks) {
      await this.driver.query(
        `INSERT INTO check_results (learner_id, lesson_id, check_id, cell_id, passed, reason, failures) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (learner_id, lesson_id, check_id) DO UPDATE SET passed = EXCLUDED.passed, reason = EXCLUDED.reason, updated_at = now(),
           failures = CASE WHEN EXCLUDED.passed THEN 0 ELSE check_results.failures + 1 END`,
        [learnerId, lessonId, c.id, cellId, c.passed, c.reason, c.passed ? 0 : 1],
      );
    }
  }

  async checkResults(labId: string): Promise<CheckRow[]> {
    return this.driver.query<CheckRow>(
      `SELECT c.learner_id AS "learnerId", c.lesson_id AS "lessonId", c.check_id AS "checkId", c.cell_id AS "cellId", c.passed, c.reason, c.failures
       FROM check_results c JOIN learners l ON l.id = c.learner_id WHERE l.lab_id = $1 ORDER BY c.learner_id, c.check_id`,
      [labId],
    );
  }

  /** Every cell outcome of a lesson in a lab, as stored (JSON text), by learner. */
  async outcomes(labId: string, lessonId: string): Promise<Map<string, string[]>> {
    const rows = await this.driver.query<{ learnerId: string; outcome: string }>(
      'SELECT o.learner_id AS "learnerId", o.outcome FROM cell_outcomes o JOIN learners l ON l.id = o.learner_id WHERE l.lab_id = $1 AND o.lesson_id = $2 ORDER BY o.learner_id, o.cell_id',
      [labId, lessonId],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.learnerId, [...(out.get(r.learnerId) ?? []), r.outcome]);
    return out;
  }

  /** The lab's section locks: lesson id → the last section open to learners (a lesson without an entry is all open). */
  async locks(labId: string): Promise<Record<string, string>> {
    const rows = await this.driver.query<{ lesson_id: string; open_through: string }>(
      'SELECT lesson_id, open_through FROM section_locks WHERE lab_id = $1 ORDER BY lesson_id',
      [labId],
    );
    return Object.fromEntries(rows.map((r) => [r.lesson_id, r.open_through]));
  }

  /** Open a lesson through a section (later sections locked), or all of it (`undefined`). */
  async setLock(labId: string, lessonId: string, openThrough: string | undefined): Promise<void> {
    if (openThrough === undefined)
      await this.driver.query('DELETE FROM section_locks WHERE lab_id = $1 AND lesson_id = $2', [labId, lessonId]);
    else
      await this.driver.query(
        'INSERT INTO section_locks (lab_id, lesson_id, open_through) VALUES ($1, $2, $3) ON CONFLICT (lab_id, lesson_id) DO UPDATE SET open_through = EXCLUDED.open_through',
        [labId, lessonId, openThrough],
      );
  }
}
