// `podlab serve [LESSONS…]`: the lessons in the browser, sessions on this machine over WebSockets.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { formatDiagnostic } from '../../../core/index.ts';
import { BACKENDS, createBackend } from '../../backends/index.ts';
import { CliError } from '../cli-error.ts';
import { paint, type CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

interface ServeFlags {
  port?: string;
  host?: string;
  shell?: boolean;
  backend: string;
  publicUrl?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new CliError(`--port takes a number from 0 to 65535, not "${text}"`);
  return Number(text);
}

async function serve(paths: string[], flags: ServeFlags, io: CliIO): Promise<number> {
  // Loaded here, not at start: the server pulls in ws, which `podlab run` and `lint` never need.
  const [{ loadCatalog }, { startServer }, { loadTutorialConfig }] = await Promise.all([
    import('../../server/lesson-catalog.ts'),
    import('../../server/server.ts'),
    import('../../server/tutorial-config.ts'),
  ]);
  const defaults = await loadTutorialConfig();
  const catalog = await loadCatalog(paths.length > 0 ? paths : [defaults.lessons]);
  for (const r of catalog.rejected) {
    for (const d of r.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    io.err(`podlab: ${r.file} has errors and is not served\n`);
  }
  if (catalog.lessons.length === 0) throw new CliError('no lessons to serve', 2);
  const host = flags.host ?? defaults.host;
  const shell = Boolean(flags.shell);
  const warn = (text: string) => io.err(`${paint(io, ['bold', 'red'], 'podlab: WARNING:')} ${text}\n`);
  // A real-cluster backend runs every learner's lines in a real shell on this machine: that is a host shell, so it
  // needs the same explicit --shell as /pty, and gets the same warning.
  const hostShells = flags.backend !== 'simulator';
  if (hostShells && !shell) {
    throw new CliError(
      `--backend ${flags.backend} runs every learner's commands in a real shell on this machine as ${userInfo().username}; pass --shell to allow it`,
      2,
    );
  }
  let publicUrl: string | undefined;
  if (flags.publicUrl !== undefined) {
    try {
      publicUrl = new URL(flags.publicUrl).href;
    } catch {
      throw new CliError(`--public-url takes a URL such as https://lab.example.org/, not "${flags.publicUrl}"`, 2);
    }
  }
  if (!LOOPBACK.has(host)) {
    warn(
      `listening on ${host}, not 127.0.0.1: anyone who can reach this machine on that address can open sessions${shell ? ' AND A SHELL' : ''}.`,
    );
  }
  const server = await startServer({
    catalog,
    host,
    port: flags.port === undefined ? defaults.port : parsePort(flags.port),
    backendName: flags.backend,
    createBackend: () => createBackend(flags.backend),
    cellTimeoutMs: defaults.cellTimeoutMs,
    // /pty only for the simulator: with a real-cluster backend --shell is the consent to the lesson terminals' shells.
    shell: shell && !hostShells,
    publicUrl,
    // Simulator sessions each run in a process of their own (a runaway line stops only its session); real-cluster
    // sessions run here, where their clean-up answers Ctrl-C and SIGTERM.
    isolation: flags.backend === 'simulator' ? { backend: 'simulator' } : undefined,
  });
  if (hostShells) {
    warn(`--backend ${flags.backend} with --shell: every page's terminal runs a real shell on this machine as ${userInfo().username}.`);
    warn('only pages from this server may open one, but anything that can load this server can. Turn it off when you are done.');
  } else if (shell) {
    warn(`--shell is on: the page's terminal can open a real shell on this machine as ${userInfo().username}, in ${process.cwd()}.`);
    warn('only pages from this server may open it, but anything that can load this server can. Turn it off when you are done.');
  }
  const n = catalog.ids.length;
  io.out(`podlab: serving ${n} lesson${n === 1 ? '' : 's'} at ${server.url} (${flags.backend})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('podlab: stopping\n');
  await server.close();
  return 0;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('serve')
      .description('serve lessons in the browser (sessions on this machine); Ctrl-C stops')
      .argument('[lessons...]', 'lesson files or folders (default: lessons from tutorial.config.ts)')
      .option('--port <n>', 'port to listen on (default from tutorial.config.ts, 4173; 0 picks a free one)')
      .option('--host <address>', 'address to bind (default 127.0.0.1; anything else exposes the server)')
      .option('--shell', "let the page's terminal open a real shell on this machine (node-pty); off by default")
      .option(
        '--public-url <url>',
        'the URL learners use when a proxy serves this server (its name is accepted besides loopback names and --host)',
      )
      .option('--backend <name>', `where lessons run: ${BACKENDS.map((b) => b.name).join(', ')}`, 'simulator')
      .action(async (paths: string[], flags: ServeFlags) => setExit(await serve(paths, flags, io)));
  },
};
