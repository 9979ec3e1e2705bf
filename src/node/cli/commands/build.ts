// `podlab build [LESSONS…] --out DIR`: a static site that runs the lessons in the browser with no podlab server.
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../../core/index.ts';
import { CliError } from '../cli-error.ts';
import type { CliIO } from '../context.ts';
import type { CliCommand } from './types.ts';

interface BuildFlags {
  out: string;
}

async function buildSite(paths: string[], flags: BuildFlags, io: CliIO): Promise<number> {
  // Loaded here, not at start: the static site bundles the page with esbuild.
  const [{ loadCatalog }, { buildStaticSite }, { loadTutorialConfig }] = await Promise.all([
    import('../../server/lesson-catalog.ts'),
    import('../../server/static-site.ts'),
    import('../../server/tutorial-config.ts'),
  ]);
  const defaults = await loadTutorialConfig();
  const catalog = await loadCatalog(paths.length > 0 ? paths : [defaults.lessons]);
  for (const r of catalog.rejected) {
    for (const d of r.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  }
  if (catalog.rejected.length > 0) throw new CliError(`${catalog.rejected.length} lesson file(s) have errors; nothing was built`, 2);
  if (catalog.lessons.length === 0) throw new CliError('no lessons to build', 2);
  const site = await buildStaticSite(catalog, flags.out);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  for (const f of site.files) io.out(`  ${f.path.padEnd(40)} ${kb(f.bytes)}\n`);
  const n = catalog.ids.length;
  io.out(
    `podlab: built ${n} lesson${n === 1 ? '' : 's'} into ${path.join(flags.out, '')} — serve that folder with any static file server\n`,
  );
  return 0;
}

export const buildCommand: CliCommand = {
  name: 'build',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('build')
      .description('build a static site of the lessons (the simulator runs in the page; no server needed)')
      .argument('[lessons...]', 'lesson files or folders (default: lessons from tutorial.config.ts)')
      .option('--out <dir>', 'output folder', 'dist')
      .action(async (paths: string[], flags: BuildFlags) => setExit(await buildSite(paths, flags, io)));
  },
};
