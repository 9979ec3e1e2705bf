// Bundling the page with esbuild: app.js (components, xterm, lesson renderer) and worker.js (Kernel + simulator).
import path from 'node:path';
import { build } from 'esbuild';
import { PodlabError } from '../../core/index.ts';
import { WEB_ENTRIES, webBuildOptions } from '../bundle/configs.ts';
import { REPO_ROOT } from '../bundle/repo-root.ts';

/** The repository root (web/ and src/ live there). */
export { REPO_ROOT };

/** The bundled files by name. */
export type WebBundle = Map<string, string>;

/** The page's entry points. */
export const ENTRIES = WEB_ENTRIES;

export interface BundleOptions {
  minify?: boolean;
  /** Which bundles to make; default both. */
  entries?: (keyof typeof ENTRIES)[];
}

/** Bundle web/main.ts and web/worker.ts for browsers; throws PodlabError('internal') with esbuild's messages on failure. */
export async function bundleWeb(options: BundleOptions = {}): Promise<WebBundle> {
  try {
    const result = await build(webBuildOptions(options.entries ?? ['app', 'worker'], options.minify ?? true));
    const files: WebBundle = new Map();
    for (const f of result.outputFiles ?? []) files.set(path.basename(f.path), f.text);
    return files;
  } catch (e: unknown) {
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
    const detail = errors.map((x) => (x.location ? `${x.location.file}:${x.location.line}: ${x.text}` : x.text)).join('\n');
    throw new PodlabError('internal', `could not bundle the page:\n${detail || String(e)}`, { cause: e });
  }
}
