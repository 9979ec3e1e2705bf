// `npm run build` (and `prepare`, so `npm ci` is all the set-up): bundle the CLI into dist/node with esbuild.
// bin/podlab.js runs the bundle while it is fresh (no source newer than the build), the sources through tsx otherwise.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { CLI_OUT_DIR, cliBuildOptions } from './configs.ts';
import { REPO_ROOT } from './repo-root.ts';

/** The manifest bin/podlab.js reads to decide whether the bundle is fresh. */
export interface BuildManifest {
  builtAt: number;
  /** Every source file in the bundle, relative to the repository root. */
  inputs: string[];
}

/** What one build wrote: the manifest, and esbuild's metafile (outputs and their imports) for tests. */
export interface CliBuild {
  manifest: BuildManifest;
  metafile: Metafile;
}

/** Build the CLI into `outDir` (relative to the repository root; dist/node by default). */
export async function buildCli(outDir: string = CLI_OUT_DIR): Promise<CliBuild> {
  const out = path.join(REPO_ROOT, outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The build instant is taken before reading sources: a file saved during the build counts as newer.
  const builtAt = Date.now();
  const result = await build({ ...cliBuildOptions(), outdir: outDir });
  const inputs = Object.keys(result.metafile.inputs)
    // Bundled packages are not sources (node_modules may be a symlink, which esbuild names by its real path).
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
  const manifest: BuildManifest = { builtAt, inputs };
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  // Node reads dist/node/**/*.js as ES modules whatever the nearest package.json says.
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  return { manifest, metafile: result.metafile };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const { manifest: m } = await buildCli();
  console.log(`podlab: bundled ${m.inputs.length} modules into ${CLI_OUT_DIR}/ in ${Math.round(performance.now() - t0)} ms`);
}
