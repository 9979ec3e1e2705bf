// Bundling the page with esbuild: app.js (components, lesson renderer) and worker.js (Kernel + simulator), chunks
// they share, and lazy chunks (xterm, loaded when the free terminal is first shown).
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

/** esbuild's static imports at the top of a bundled module (`import{…}from"./chunk-X.js";`, `import"./y.js";`). */
const LEADING_IMPORT = /^\s*import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s*[\w$]+)?\s*(?:from\s*)?"\.\/([\w.-]+\.js)"\s*;?/;

/**
 * The files a bundled file imports statically, directly or through the chunks it imports: what must be fetched
 * before it runs (the page preloads them beside app.js). Dynamic `import()`s are left out: they load later.
 */
export function staticImports(bundle: WebBundle, file: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    let text = bundle.get(name) ?? '';
    for (let m = LEADING_IMPORT.exec(text); m; m = LEADING_IMPORT.exec(text)) {
      if (!seen.has(m[1]) && bundle.has(m[1])) {
        seen.add(m[1]);
        visit(m[1]);
      }
      text = text.slice(m[0].length);
    }
  };
  visit(file);
  return [...seen];
}
