// Where the podlab checkout is, found the same way from sources (src/node/...) and from the bundle (dist/node/...).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds podlab's package.json: walk up from `from` until the package is found. */
export function findRepoRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'podlab') return dir;
      } catch {
        // an unreadable package.json is not ours: keep walking up
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`podlab: cannot find podlab's package.json above ${from}`);
    dir = up;
  }
}

/** The repository root (web/, src/, lessons/ and dist/ live there). */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
