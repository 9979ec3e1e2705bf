// `podlab lab LESSON... [--db URL] [--data DIR] [--port N]`: serve a class — learners join with a code and a name,
// each gets an isolated simulator session whose inputs are stored before they run; the instructor gets a dashboard.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { formatDiagnostic } from '../../../core/index.ts';
import { CliError } from '../cli-error.ts';
import { paint, type CliIO } from '../context.ts';
import { parsePort } from './serve.ts';
import type { CliCommand } from './types.ts';

interface LabFlags {
  db?: string;
  data: string;
  port: string;
  host: string;
  shell?: boolean;
  backend: string;
  replica?: boolean;
  leaseSeconds: string;
  sessions: string;
  poolSize?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function lab(paths: string[], flags: LabFlags, io: CliIO): Promise<number> {
  if (flags.shell)
    throw new CliError('podlab lab never offers a host shell: --shell is refused (learners get simulator terminals only)', 2);
  if (flags.backend !== 'simulator') throw new CliError(`podlab lab runs on the simulator only for now, not --backend ${flags.backend}`, 2);
  if (paths.length === 0) throw new CliError('podlab lab needs at least one lesson file', 2);
  if (flags.replica && flags.db === undefined)
    throw new CliError(
      '--replica needs --db postgres://…: instances share a PostgreSQL server (the embedded database serves one process)',
      2,
    );
  if (flags.sessions !== 'pool' && flags.sessions !== 'process')
    throw new CliError(`--sessions takes pool (learners share host processes) or process (a process each), not "${flags.sessions}"`, 2);
  const poolSize = flags.poolSize === undefined ? availableParallelism() : Number(flags.poolSize);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 256)
    throw new CliError(`--pool-size takes a number of host processes from 1 to 256, not "${flags.poolSize}"`, 2);
  // The lab's modules (ws, PGlite, the session processes) load only when a lab starts: `podlab run` never pays for them.
  const [{ IsolatedSession }, { SessionPool }, { loadCatalog }, { learnerLesson }, { startLabServer }, { openStore, redactUrl }] =
    await Promise.all([
      import('../../server/isolated-session.ts'),
      import('../../lab/session-pool.ts'),
      import('../../server/lesson-catalog.ts'),
      import('../../server/learner-copy.ts'),
      import('../../lab/lab-server.ts'),
      import('../../lab/store.ts'),
    ]);
  const catalog = await loadCatalog(paths);
  for (const r of catalog.rejected) {
    for (const d of r.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    io.err(`podlab: ${r.file} has errors and is not in the lab\n`);
  }
  if (catalog.lessons.length === 0) throw new CliError('no lessons for the lab', 2);
  // One language per lesson id (the first found): the lab's sessions run one copy, the learner's.
  const lessons = catalog.ids.map((id) => learnerLesson(catalog.find(id)!));
  const store = await openStore({ db: flags.db, dataDir: path.resolve(flags.data) });
  const ids = lessons.map((l) => l.id);
  const leaseSeconds = Number(flags.leaseSeconds);
  if (!Number.isFinite(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 3600)
    throw new CliError(`--lease-seconds takes a number of seconds from 1 to 3600, not "${flags.leaseSeconds}"`, 2);
  const existing = await store.findLab(ids);
  if (flags.replica && !existing) {
    await store.close();
    throw new CliError(
      `--replica joins a lab already in the database, and there is none over ${ids.join(', ')}: start the first instance without it`,
      2,
    );
  }
  // A replica shares the lab with the instances already serving it: the instructor link they printed stays valid.
  const { lab, instructorToken } = existing
    ? { lab: existing, instructorToken: flags.replica ? undefined : await store.rotateInstructorToken(existing.id) }
    : await store.createLab(ids);
  const texts = lessons.map((l) => ({ id: l.id, lang: l.lang, file: l.file, source: l.source }));
  if (!LOOPBACK.has(flags.host))
    io.err(
      `${paint(io, ['bold', 'red'], 'podlab: WARNING:')} listening on ${flags.host}, not 127.0.0.1: anyone who can reach this machine can join the lab with its code.\n`,
    );
  // Sessions share a pool of host processes (the default), or each runs in a process of its own (`--sessions process`).
  const pool = flags.sessions === 'pool' ? new SessionPool(texts, { backend: 'simulator', size: poolSize }) : undefined;
  const server = await startLabServer({
    store,
    lab,
    lessons,
    host: flags.host,
    port: parsePort(flags.port),
    makeSession: pool?.make ?? ((id, send) => new IsolatedSession(id, texts, { backend: 'simulator' }, send)),
    leaseMs: leaseSeconds * 1000,
  });
  const where = flags.db !== undefined ? `PostgreSQL at ${redactUrl(flags.db)}` : `embedded database in ${path.resolve(flags.data)}`;
  const how = flags.replica ? 'joined' : existing ? 'reopened' : 'created';
  io.out(`podlab lab: ${how} lab ${lab.code} over ${ids.join(', ')} (${where})\n`);
  io.out(`  learners join at: ${server.url}lab/join?code=${lab.code}  (code ${lab.code})\n`);
  if (instructorToken === undefined) io.out('  instructor: the private link the first instance printed works here too\n');
  else io.out(`  instructor (keep it private): ${server.url}lab/instructor#${instructorToken}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.err('podlab: stopping\n');
  await server.close();
  await pool?.close();
  await store.close();
  io.err(`podlab lab: ${store.writes} database writes since this instance started\n`);
  return 0;
}

export const labCommand: CliCommand = {
  name: 'lab',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('lab')
      .description('serve a class: learners join with a code, sessions survive restarts, the instructor watches a dashboard')
      .argument('<lessons...>', 'lesson files or folders')
      .option('--db <url>', 'a PostgreSQL server (postgres://…) instead of the embedded database')
      .option('--data <dir>', 'where the embedded database keeps its files', '.podlab-lab')
      .option('--port <n>', 'port to listen on (0 picks a free one)', '4180')
      .option('--host <address>', 'address to bind (default 127.0.0.1; anything else exposes the lab)', '127.0.0.1')
      .option('--shell', 'refused: a lab never offers a host shell')
      .option('--backend <name>', 'where sessions run (simulator only)', 'simulator')
      .option('--replica', 'one more instance of a lab already in the PostgreSQL database (behind the same reverse proxy)')
      .option('--sessions <how>', "pool: learners' sessions share host processes; process: a process each", 'pool')
      .option('--pool-size <n>', 'host processes of the session pool (default: the number of CPUs)')
      .option('--lease-seconds <n>', "how long an instance holds a learner's session without renewing it (takeover delay)", '15')
      .action(async (paths: string[], flags: LabFlags) => setExit(await lab(paths, flags, io)));
  },
};
