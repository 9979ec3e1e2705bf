// Bundling the page with esbuild: app.js (components, xterm, lesson renderer) and worker.js (Kernel + simulator).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PodlabError } from '../../core/index.ts';

/** The repository root (web/ and src/ live there). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The bundled files by name. */
export type WebBundle = Map<string, string>;

/** The page's entry points: app.js for every page, worker.js only where the Kernel runs in the page (static build). */
export const ENTRIES = { app: 'web/main.ts', worker: 'web/worker.ts' } as const;

export interface BundleOptions {
  minify?: boolean;
  /** Which bundles to make; default both. */
  entries?: (keyof typeof ENTRIES)[];
}

/** Bundle web/main.ts and web/worker.ts for browsers; throws PodlabError('internal') with esbuild's messages on failure. */
export async function bundleWeb(options: BundleOptions = {}): Promise<WebBundle> {
  try {
    const result = await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: Object.fromEntries((options.entries ?? ['app', 'worker']).map((k) => [k, ENTRIES[k]])),
      bundle: true,
      format: 'esm',
      // app.js and worker.js share the lesson parser, markdown-it and yaml: one chunk, loaded once.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      platform: 'browser',
      target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
      minify: options.minify ?? true,
      legalComments: 'none',
      loader: { '.css': 'text' },
      outdir: 'out-web',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const files: WebBundle = new Map();
    for (const f of result.outputFiles) files.set(path.basename(f.path), f.text);
    return files;
  } catch (e: unknown) {
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const detail = errors.map((x) => (x.location ? `${x.location.file}:${x.location.line}: ${x.text}` : x.text)).join('\n');
    throw new PodlabError('internal', `could not bundle the page:\n${detail || String(e)}`, { cause: e });
  }
}
