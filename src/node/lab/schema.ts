// The lab database's schema: versioned migrations, applied in order, each once, recorded in lab_migrations.
// The same SQL runs on PGlite (the embedded default) and on a PostgreSQL server (--db postgres://…).

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration never changes; a new need is a new version. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'labs, learners, inputs, check results',
    sql: `
      CREATE TABLE labs (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        lessons TEXT NOT NULL,
        instructor_token_hash TEXT NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        lab_id TEXT NOT NULL REFERENCES labs(id),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        seed INTEGER NOT NULL,
        epoch INTEGER NOT NULL DEFAULT 0,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_active TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX learners_lab ON learners(lab_id);
      CREATE TABLE inputs (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        epoch INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        message TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (learner_id, epoch, seq)
      );
      CREATE TABLE check_results (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson_id TEXT NOT NULL,
        check_id TEXT NOT NULL,
        cell_id TEXT NOT NULL,
        passed BOOLEAN NOT NULL,
        reason TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (learner_id, lesson_id, check_id)
      );
      CREATE TABLE cell_outcomes (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson_id TEXT NOT NULL,
        cell_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        PRIMARY KEY (learner_id, lesson_id, cell_id)
      );
    `,
  },
  {
    version: 2,
    name: 'leases: a learner session lives on one instance at a time',
    sql: `
      CREATE TABLE leases (
        learner_id TEXT PRIMARY KEY REFERENCES learners(id),
        instance_id TEXT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX leases_instance ON leases(instance_id);
    `,
  },
  {
    version: 3,
    name: 'section locks: the instructor opens a lesson section by section',
    sql: `
      CREATE TABLE section_locks (
        lab_id TEXT NOT NULL REFERENCES labs(id),
        lesson_id TEXT NOT NULL,
        open_through TEXT NOT NULL,
        PRIMARY KEY (lab_id, lesson_id)
      );
    `,
  },
  {
    version: 4,
    name: 'stopped inputs: a line that stopped a shared session host is not replayed',
    sql: `ALTER TABLE inputs ADD COLUMN stopped TEXT`,
  },
];
