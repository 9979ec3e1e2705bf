// The entry file of a worker thread: its TypeScript source under tsx, or its bundled JavaScript under dist/node.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_OUT_DIR } from './configs.ts';
import { REPO_ROOT } from './repo-root.ts';

/** True when this code runs from the CLI bundle (dist/node) rather than from the TypeScript sources. */
export const RUNNING_BUNDLED = !fileURLToPath(import.meta.url).endsWith('.ts');

/** The URL a worker thread starts from, for a source entry named relative to the repository root. */
export function workerEntry(sourcePath: string): URL {
  if (!RUNNING_BUNDLED) return pathToFileURL(path.join(REPO_ROOT, sourcePath));
  return pathToFileURL(path.join(REPO_ROOT, CLI_OUT_DIR, sourcePath.replace(/\.ts$/, '.js')));
}
