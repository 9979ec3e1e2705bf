// `npm run build` (and `prepare`, so `npm ci` is all the set-up): bundle the CLI into dist/node with esbuild.
// bin/podlab.js runs the bundle while it is fresh (no source newer than the build), the sources through tsx otherwise.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { CORE_CACHE, CORE_SCRIPT, encodeCache, escapeNonAscii, loadClassicScript, type ClassicCore } from './classic-core.ts';
import {
  CLASSIC_CORE_ENTRY,
  CLASSIC_CORE_MODULES,
  CLI_OUT_DIR,
  classicCoreBuildOptions,
  classicCorePlugin,
  cliBuildOptions,
  type ClassicCoreModule,
} from './configs.ts';
import { REPO_ROOT } from './repo-root.ts';

/** The lesson the build runs to warm the core up before saving its code cache: the one `npm run bench` times. */
export const WARM_UP_LESSON = 'lessons/pod-networking/lesson.en.md';

/** The manifest bin/podlab.js reads to decide whether the bundle is fresh. */
export interface BuildManifest {
  builtAt: number;
  /** Every source file in the bundle, relative to the repository root. */
  inputs: string[];
}

/** What one build wrote: the manifest, and esbuild's metafiles (outputs and their imports) for tests. */
export interface CliBuild {
  manifest: BuildManifest;
  /** The ES module bundle (entries and chunks). */
  metafile: Metafile;
  /** The classic core script (classic-core.ts). */
  coreMetafile: Metafile;
}

/**
 * Run a lesson with the freshly built core the way `podlab run` does (parse, lint, every cell, the report), so that
 * the functions it compiles lazily are in the code cache saved after it.
 */
async function warmUp({ core }: ClassicCore): Promise<void> {
  const file = path.join(REPO_ROOT, WARM_UP_LESSON);
  if (!existsSync(file)) return; // a checkout without lessons: the cache then holds the top level only
  const lesson = core.parseLesson(readFileSync(file, 'utf8'), WARM_UP_LESSON);
  core.lintLesson(lesson, core.ALL_LINT_RULES, { errorsOnly: true });
  const kernel = new core.Kernel(lesson, new core.SimBackend(), {});
  try {
    await kernel.runAll({});
    JSON.stringify(await kernel.report());
  } finally {
    await kernel.stop();
  }
}

/** Build the classic core script into `out`, warm it up and write its code cache; the names each module exports. */
async function buildClassicCore(
  outDir: string,
  out: string,
): Promise<{ metafile: Metafile; exportNames: Record<ClassicCoreModule, string[]> }> {
  const { metafile } = await build(classicCoreBuildOptions(outDir));
  const scriptFile = path.join(out, CORE_SCRIPT);
  const script = Buffer.from(escapeNonAscii(readFileSync(scriptFile, 'utf8')));
  writeFileSync(scriptFile, script);
  const loaded = loadClassicScript<ClassicCore>(scriptFile, undefined);
  await warmUp(loaded.exports);
  writeFileSync(path.join(out, CORE_CACHE), encodeCache(script, loaded.script.createCachedData()));
  const exportNames = Object.fromEntries(
    Object.keys(CLASSIC_CORE_MODULES).map((m) => [m, Object.keys(loaded.exports[m as ClassicCoreModule]).sort()]),
  ) as Record<ClassicCoreModule, string[]>;
  return { metafile, exportNames };
}

/** Build the CLI into `outDir` (relative to the repository root; dist/node by default). */
export async function buildCli(outDir: string = CLI_OUT_DIR): Promise<CliBuild> {
  const out = path.join(REPO_ROOT, outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The build instant is taken before reading sources: a file saved during the build counts as newer.
  const builtAt = Date.now();
  const classic = await buildClassicCore(outDir, out);
  const result = await build({ ...cliBuildOptions([classicCorePlugin(classic.exportNames)]), outdir: outDir });
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(classic.metafile.inputs)])]
    // Bundled packages are not sources (node_modules may be a symlink, which esbuild names by its real path).
    // (nor are the classic core's generated entry and the modules redirected to it, named `namespace:name`).
    .filter((f) => !f.split('/').includes('node_modules') && f !== CLASSIC_CORE_ENTRY && !f.includes(':'))
    .sort();
  const manifest: BuildManifest = { builtAt, inputs };
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  // Node reads dist/node/**/*.js as ES modules whatever the nearest package.json says.
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  return { manifest, metafile: result.metafile, coreMetafile: classic.metafile };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const { manifest: m } = await buildCli();
  console.log(`podlab: bundled ${m.inputs.length} modules into ${CLI_OUT_DIR}/ in ${Math.round(performance.now() - t0)} ms`);
}
